"""Decided alerts past the retention period leave anonymous counts by council, source and month
raised, made in the same transaction as the deletion; an alert waiting for a decision stays."""

from datetime import timedelta

import pytest
from django.utils import timezone

from childrights.core.actors import Actor
from childrights.myviews import services
from childrights.myviews.models import Alert, AlertTally
from childrights.myviews.retention import purge_old_statements
from childrights.testing.factories import make_user
from childrights.testing.myviews import make_care_world


@pytest.fixture
def care(db):
    from childrights.testing.factories import make_council

    return make_care_world(make_council(name="Tally Council"))


def test_deleted_alerts_leave_their_counts(care):
    lead = make_user(role="safeguarding-lead", council=care.council)
    first = services.alert_raise(child=care.child, source=Alert.Source.BUTTON)
    services.alert_raise(child=care.child, source=Alert.Source.BUTTON)
    first.refresh_from_db()
    assert first.presses == 2  # the second press while the first waits is counted on it
    services.alert_decide(actor=Actor(person=lead), alert=first, outcome="contacted", note="ok")
    waiting = services.alert_raise(child=care.child, source=Alert.Source.SCREENING, submission="b")
    purged = purge_old_statements(today=timezone.localdate() + timedelta(days=400))
    assert purged.alerts == 1
    assert list(Alert.objects.all()) == [waiting]
    tally = AlertTally.objects.get()
    assert (tally.council, tally.source, tally.month) == (
        care.council,
        "button",
        timezone.localdate(first.raised_at).replace(day=1),
    )
    assert (tally.alerts, tally.presses, tally.children) == (1, 2, 1)
    # A second run counts nothing twice.
    purge_old_statements(today=timezone.localdate() + timedelta(days=800))
    assert AlertTally.objects.get().alerts == 1
