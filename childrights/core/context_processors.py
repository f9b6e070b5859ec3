from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext


def page_shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs on every page: the language switch and the service name."""
    current = get_language() or settings.LANGUAGE_CODE
    here = request.get_full_path()
    languages = [
        {
            "code": code,
            "label": "English" if code == "en-gb" else "Cymraeg",
            "html_lang": "en" if code == "en-gb" else "cy",
            "current": code == current,
            "href": f"{reverse('core:language', args=[code])}?{urlencode({'next': here})}",
        }
        for code, _ in settings.LANGUAGES
    ]
    navigation = [(reverse(name), label) for name, label in settings.PUBLIC_NAVIGATION]
    return {
        "public_navigation": [
            {"href": href, "label": label, "current": request.path.startswith(href)}
            for href, label in navigation
        ],
        "service_name": gettext("Rights at the Heart"),
        "html_lang": "cy" if current == "cy" else "en",
        "language_links": languages,
    }
