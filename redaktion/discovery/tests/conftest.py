from datetime import timedelta

import pytest
from django.utils import timezone

from redaktion.discovery.services import related_compute_all, search_index_rebuild
from redaktion.discovery.tests.corpus import ARTICLES
from redaktion.news.tests.factories import make_article, make_home, make_section


@pytest.fixture
def corpus(db):
    """The topic-group newsroom, indexed and with related articles computed."""
    home = make_home()
    sections = {}
    articles = {}
    now = timezone.now()
    for i, (group, section, title, teaser, body, tags) in enumerate(ARTICLES):
        if section not in sections:
            sections[section] = make_section(home, title=section)
        article = make_article(
            sections[section],
            title=title,
            teaser=teaser,
            body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
            tags=tags,
            published_at=now - timedelta(days=i % 7, hours=i),
        )
        article.group = group
        articles[title] = article
    search_index_rebuild()
    related_compute_all()
    return {"home": home, "sections": sections, "articles": articles}
