"""The API's reference page and the open data page: every list, its parameters and fields, in
English and Welsh, and linked from every page's footer."""

from childrights.api import datasets


def test_every_page_links_the_open_data_page_from_its_footer(db, client):
    page = client.get("/").content.decode()
    assert 'href="/open-data/"' in page
    open_data = client.get("/open-data/").content.decode()
    assert 'href="/api/"' in open_data
    assert 'href="/open-data/datapackage.json"' in open_data
    for dataset in datasets.DATASETS:
        assert f'href="/open-data/{dataset.slug}.csv"' in open_data


def test_the_reference_lists_every_list_its_parameters_fields_and_an_example(db, client):
    page = client.get("/api/").content.decode()
    assert "http://testserver/api/v1/openapi.json" in page
    assert "http://testserver/api/oruk/" in page
    for dataset in datasets.DATASETS:
        assert f'id="{dataset.slug}"' in page
        assert f"GET /api/v1/{dataset.slug}" in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page
    # A real record as the example (the register is reference data), never a made-up one.
    assert "&quot;gss_code&quot;: &quot;" in page
    assert "<code>published_from</code>" in page


def test_the_reference_and_open_data_pages_are_in_welsh(db, client):
    client.get("/language/cy/")
    page = client.get("/api/").content.decode()
    assert "Cyfeirnod yr API cyhoeddus" in page
    assert 'lang="en"' in page  # the fields' descriptions, in English, are marked so
    open_data = client.get("/open-data/").content.decode()
    assert "Data agored" in open_data


def test_only_the_welsh_reference_says_the_field_descriptions_are_in_english(db, client):
    english = client.get("/api/").content.decode()
    assert "English only" not in english
    assert '<span lang="en">' not in english  # the page is English already
    client.get("/language/cy/")
    welsh = client.get("/api/").content.decode()
    assert "Mae disgrifiad pob maes yn Saesneg yn unig" in welsh
    assert '<span lang="en">' in welsh
