from django.core.paginator import Paginator
from django.template.loader import render_to_string


def _render(number: int, **given: str) -> str:
    page = Paginator(list(range(30)), 10).get_page(number)
    return render_to_string(
        "core/_pagination.html", {"page": page, "label": "Pages of things"} | given
    )


def test_the_middle_page_links_both_ways_keeping_the_other_parameters():
    html = _render(2, parameter="waiting", query="status=new")
    assert 'aria-label="Pages of things"' in html
    assert 'href="?status=new&amp;waiting=1" rel="prev"' in html
    assert 'href="?status=new&amp;waiting=3" rel="next"' in html


def test_the_first_page_has_only_a_next_link_on_the_page_parameter():
    html = _render(1)
    assert 'href="?page=2" rel="next"' in html
    assert 'rel="prev"' not in html


def test_a_single_page_has_no_pagination():
    page = Paginator([1, 2], 10).get_page(1)
    assert "govuk-pagination" not in render_to_string("core/_pagination.html", {"page": page})
