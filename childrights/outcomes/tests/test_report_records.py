"""Progress reports kept: the report a council last published is its public summary, and
withdrawing it brings back the one published before."""

import datetime

from childrights.outcomes.reports import records as reports
from childrights.outcomes.tests.reports_support import _done, at
from childrights.testing.factories import make_partnership


def test_the_latest_published_report_is_the_summary_and_can_be_withdrawn(world, signed_in, client):
    make_partnership(council=world.council_a, slug="aberfield")
    older = _done(world.council_a, published_at=at(2025, 4, 2))
    newer = _done(world.council_a, datetime.date(2025, 10, 1), published_at=at(2026, 4, 2))
    page = client.get("/partners/aberfield/progress/").content.decode()
    assert "1 October 2025" in page
    signed_in(world.member).post(f"/reports/{newer.pk}/publish/", {"action": "unpublish"})
    client.logout()
    page = client.get("/partners/aberfield/progress/").content.decode()
    assert "1 April 2025" in page
    assert reports.published_summary(council=world.council_a) == older
