from django.core.management import call_command

from childrights.accounts.models import Membership, Role, User
from childrights.councils.models import Council


def test_reference_data_loads_every_role_and_can_run_again(db):
    call_command("load_reference_data", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    slugs = set(Role.objects.values_list("slug", flat=True))
    assert {
        "programme-team",
        "council-lead",
        "council-staff",
        "accountable-officer",
        "safeguarding-lead",
        "elected-member",
    } <= slugs
    assert Role.objects.get(slug="elected-member").read_only
    assert Role.objects.get(slug="council-lead").requires_two_factor


def test_demo_data_is_a_labelled_made_up_council_and_can_load_twice(db, tmp_path, monkeypatch):
    from childrights.accounts import demo

    monkeypatch.setattr(demo, "DEMO_FILE", tmp_path / "demo-logins.txt")
    call_command("load_demo_data", verbosity=0)
    password = (tmp_path / "demo-logins.txt").read_text()
    call_command("load_demo_data", verbosity=0)
    assert (tmp_path / "demo-logins.txt").read_text() == password
    council = Council.objects.get(is_demo=True)
    assert "demonstration" in council.name
    assert User.objects.filter(is_demo=True).count() == 12
    assert Membership.objects.filter(user__is_demo=True).count() == 12


def test_demo_council_pages_say_they_are_demonstration_data(db, signed_in, tmp_path, monkeypatch):
    from childrights.accounts import demo

    monkeypatch.setattr(demo, "DEMO_FILE", tmp_path / "demo-logins.txt")
    call_command("load_demo_data", verbosity=0)
    council = Council.objects.get(is_demo=True)
    staff = User.objects.get(email="staff@northbrook.example")
    page = signed_in(staff).get(f"/councils/{council.pk}/team/").content.decode()
    assert "Demonstration data" in page


def test_demo_data_is_refused_in_production_before_anything_is_loaded(db, settings):
    import pytest
    from django.core.management import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("load_demo_data", verbosity=0)
    assert not Council.objects.filter(is_demo=True).exists()
