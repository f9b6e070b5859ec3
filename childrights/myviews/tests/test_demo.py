"""The demonstration council's made-up children, workers, statements and answers."""

import pytest

from childrights.councils.models import Council
from childrights.myviews import services
from childrights.myviews.demo import CHILDREN, myviews_demo_load
from childrights.myviews.models import Child, Reply, Statement


@pytest.fixture
def demo(demo_data, db):
    """The demonstration data, loaded once for this module."""
    return Council.objects.get(is_demo=True)


def test_three_made_up_children_of_different_ages_with_statements_and_answers(demo):
    children = Child.objects.filter(council=demo)
    assert sorted(child.age_band for child in children) == ["12-15", "18-25", "4-7"]
    assert Child.objects.exclude(council=demo).count() == 0
    assert Statement.objects.filter(status=Statement.Status.SENT).count() == 3
    assert Statement.objects.filter(with_worker=True).get().child.chosen_name == "Mia"
    answered = Reply.objects.get()
    assert answered.statement.child.chosen_name == "Jay"
    assert answered.listened == Reply.Listened.YES
    leah = children.get(chosen_name="Leah")
    assert leah.status == Child.Status.CARE_LEAVER
    assert leah.statements.get().template.kind == "pathway"


def test_each_demo_child_opens_their_space_with_the_printed_code(demo):
    summary = myviews_demo_load()
    for made_up in CHILDREN:
        child = Child.objects.get(council=demo, chosen_name=made_up.name)
        assert services.code_try(child, made_up.code).ok
        assert f"/my-views/{child.access_key}/" in summary
        assert made_up.code in summary


def test_loading_again_changes_nothing(demo):
    before = (Child.objects.count(), Statement.objects.count(), Reply.objects.count())
    myviews_demo_load()
    assert (Child.objects.count(), Statement.objects.count(), Reply.objects.count()) == before
