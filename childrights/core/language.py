from django.conf import settings
from django.http import HttpResponse


def set_language_cookie(response: HttpResponse, code: str) -> None:
    """Remember the chosen language (a strictly necessary cookie the person asked for)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
