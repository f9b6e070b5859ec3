"""Two people writing "you said, we did" at once: nobody silently reverts the other."""

import pytest
from django.test import Client

from childrights.participation.models import Commitment, FeedbackTheme
from childrights.participation.tests.test_feedback_pages import (  # noqa: F401
    commitment,
    theme,
)
from childrights.testing.auth import sign_in
from childrights.testing.editing import opened_on
from childrights.testing.factories import make_user

THEME = {
    "title_en": "Safer parks",
    "title_cy": "Parciau mwy diogel",
    "summary_en": "You told us the parks feel dark.",
    "summary_cy": "Dywedoch chi fod y parciau'n teimlo'n dywyll.",
}


@pytest.fixture
def two(world):
    return (
        sign_in(Client(), world.member),
        sign_in(Client(), make_user(role="council-staff", council=world.council_a)),
    )


def _opened(client, url) -> str:
    return opened_on(client, url)


def test_a_colleagues_change_to_a_theme_survives(theme, two):  # noqa: F811
    me, colleague = two
    url = f"/feedback/themes/{theme.pk}/"
    my_token, their_token = _opened(me, url), _opened(colleague, url)
    colleague.post(url, {**THEME, "title_en": "Lighter parks", "opened": their_token})
    answer = me.post(url, {**THEME, "summary_en": "You said parks are dark.", "opened": my_token})
    assert answer.status_code == 302
    theme.refresh_from_db()
    assert (theme.title_en, theme.summary_en) == ("Lighter parks", "You said parks are dark.")


def test_both_changing_a_theme_title_is_refused(theme, two):  # noqa: F811
    me, colleague = two
    url = f"/feedback/themes/{theme.pk}/"
    my_token, their_token = _opened(me, url), _opened(colleague, url)
    colleague.post(url, {**THEME, "title_en": "Lighter parks", "opened": their_token})
    refused = me.post(url, {**THEME, "title_en": "Brighter parks", "opened": my_token})
    assert refused.status_code == 200
    assert "it now says: Lighter parks" in refused.content.decode()
    assert FeedbackTheme.objects.get(pk=theme.pk).title_en == "Lighter parks"


def test_both_changing_a_commitment_is_refused(commitment, two):  # noqa: F811
    me, colleague = two
    url = f"/feedback/commitments/{commitment.pk}/"
    data = {
        "theme": str(commitment.theme_id),
        "text_en": commitment.text_en,
        "text_cy": commitment.text_cy,
        "status": commitment.status,
        "reason_en": "",
        "reason_cy": "",
    }
    my_token, their_token = _opened(me, url), _opened(colleague, url)
    colleague.post(url, {**data, "text_en": "Lights in every park.", "opened": their_token})
    refused = me.post(url, {**data, "text_en": "Lights by March.", "opened": my_token})
    assert "it now says: Lights in every park." in refused.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).text_en == "Lights in every park."
