from django.core.management import call_command

from childrights.outcomes.models import Report


def test_the_demo_council_has_a_published_report_that_shows_change(db, tmp_path, monkeypatch):
    from childrights.accounts import demo as accounts_demo

    monkeypatch.setattr(accounts_demo, "DEMO_FILE", tmp_path / "demo-logins.txt")
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    report = Report.objects.get(council__is_demo=True)
    assert report.status == Report.Status.DONE
    assert report.published_at is not None
    assert report.pdf.name.endswith(".pdf")
    figures = report.figures
    overall = figures["self_assessment"]["overall"]["means"]
    assert overall[0] < overall[-1]
    # Built after every app's demonstration data: the published impact assessment counts.
    assert figures["assessments"]["completed"] == 1
    assert figures["participation"]["consultations"] >= 1
    assert {role["role"] for role in figures["training"]["roles"]} == {
        "elected-member",
        "social-worker",
    }
