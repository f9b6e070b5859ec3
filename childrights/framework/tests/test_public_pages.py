def test_the_uncrc_browser_lists_every_article(client, db):
    page = client.get("/uncrc/").content.decode()
    assert "54 articles" in page
    assert "/uncrc/article-12/" in page


def test_articles_can_be_filtered_by_cluster_and_principle(client, db):
    page = client.get("/uncrc/", {"cluster": "general-principles"}).content.decode()
    assert "4 articles" in page
    by_principle = client.get("/uncrc/", {"principle": "participation"}).content.decode()
    assert "/uncrc/article-12/" in by_principle
    assert "/uncrc/article-50/" not in by_principle


def test_an_unknown_filter_value_shows_every_article(client, db):
    page = client.get("/uncrc/", {"cluster": "nonsense"}).content.decode()
    assert "54 articles" in page


def test_an_article_page_gives_three_summaries_and_its_links(client, db):
    page = client.get("/uncrc/article-12/").content.decode()
    assert "For younger children" in page
    assert "For young people" in page
    assert "For staff" in page
    assert "General principle" in page
    assert "/principles/#participation" in page
    assert "/frameworks/#" in page


def test_an_article_page_gives_the_childrens_words_first_and_the_staff_summary_apart(client, db):
    from django.utils.html import escape

    from childrights.framework.models import Article

    article = Article.objects.get(number=20)
    page = client.get("/uncrc/article-20/").content.decode()
    children, staff = page.split('<section id="for-staff"')
    children = children.split('<section id="for-children"')[1]
    assert escape(article.summary_age_8_en) in children
    assert escape(article.summary_age_14_en) in children
    assert escape(article.summary_staff_en) not in children
    assert ">For staff</h2>" in staff
    assert escape(article.summary_staff_en) in staff


def test_an_article_that_does_not_exist_is_not_found(client, db):
    assert client.get("/uncrc/article-55/").status_code == 404


def test_the_principles_page_shows_indicators_in_welsh_too(client, db):
    english = client.get("/principles/").content.decode()
    assert "What it looks like in practice" in english
    client.cookies["language"] = "cy"
    welsh = client.get("/principles/").content.decode()
    assert '<html lang="cy"' in welsh
    assert "Urddas" in welsh


def test_themes_and_frameworks_pages_list_their_content(client, db):
    assert "Commissioning" in client.get("/themes/").content.decode()
    frameworks = client.get("/frameworks/").content.decode()
    assert "SHANARRI" in frameworks
    assert "Corporate parenting principles" in frameworks


def test_english_shown_on_a_welsh_page_is_marked_as_english(client, db):
    from django.utils.html import escape

    from childrights.framework.models import Theme

    Theme.objects.filter(slug="commissioning").update(description_cy="")
    client.cookies["language"] = "cy"
    page = client.get("/themes/").content.decode()
    english = Theme.objects.get(slug="commissioning").description_en
    assert f'<span lang="en">{escape(english)}</span>' in page
