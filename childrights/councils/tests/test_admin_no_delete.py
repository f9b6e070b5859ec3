"""Councils cannot be deleted in the admin, even by the programme team."""


def test_the_programme_team_cannot_delete_a_council_in_the_admin(world, signed_in):
    client = signed_in(world.programme)
    path = f"/admin/councils/council/{world.council_a.pk}/delete/"
    assert client.get(path).status_code == 403
    assert client.post(path, {"post": "yes"}).status_code == 403
    assert type(world.council_a).objects.filter(pk=world.council_a.pk).exists()
    listing = client.get("/admin/councils/council/").content.decode()
    assert "delete_selected" not in listing
