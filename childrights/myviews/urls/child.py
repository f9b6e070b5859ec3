"""The child's own space, reached by their personal link and code."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
