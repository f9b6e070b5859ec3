"""Demonstration assessments for the made-up council (filled in below)."""


def assessments_demo_load() -> str:
    return "no demonstration assessments yet"
