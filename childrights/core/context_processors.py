from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from childrights.core.disclosure import template_values as disclosure_values
from childrights.core.language import ENGLISH, lang_of, language_code, page_language


def page_shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs on every page: the language switch and the service name."""
    current = language_code()
    here = request.get_full_path()
    languages = [
        {
            "code": code,
            "label": "English" if code == ENGLISH else "Cymraeg",
            "html_lang": lang_of(code),
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
        "html_lang": page_language(),
        "language_links": languages,
    }


def disclosure(request: HttpRequest) -> dict[str, Any]:
    """The numbers of disclosure control, for the sentences that tell people about it:
    ``{% blocktranslate with smallest=disclosure.smallest_shown %}``. A template drawn without a
    request (a PDF part) has no context processors: whoever draws one that states the rules
    passes ``core.disclosure.template_values()`` as ``disclosure``."""
    return {"disclosure": disclosure_values()}
