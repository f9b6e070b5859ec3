"""Pages for the workers allocated to a child, their team managers, the council's leads and its
designated safeguarding leads."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
