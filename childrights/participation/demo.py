"""Demonstration consultations for the fictional council (filled in below)."""


def consultations_demo_load() -> str:
    return "no demonstration consultations yet"
