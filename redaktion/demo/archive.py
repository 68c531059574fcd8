"""
A large synthetic archive, to measure how costs grow with the number of articles.

Wagtail creates pages one by one (tree paths, revisions), which would take hours
for 100,000 articles; this writes the page rows in bulk with the tree paths
treebeard would have given them. The articles are live, dated over several
years, and reuse the demo's vocabulary so that search and related articles
have realistic text to work on.
"""

import random
import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from redaktion.core.text import german_slugify, reading_minutes
from redaktion.demo.services import read_content
from redaktion.news.models import ArticlePage, SectionPage

BATCH = 2000


def vocabulary():
    words = []
    for article in read_content()["articles"]:
        for block in article["body"]:
            if block["type"] == "paragraph":
                words.extend(re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", block["text"]))
    return words


def sentence(rng, words, length):
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def archive_generate(*, count, seed=1, stdout=None):
    """Add ``count`` live articles spread over the existing sections."""
    sections = list(SectionPage.objects.order_by("path"))
    if not sections:
        raise ValueError("There are no sections yet; run `redaktion demo --no-serve` first.")
    rng = random.Random(seed)
    words = vocabulary()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    created = 0
    while created < count:
        size = min(BATCH, count - created)
        with transaction.atomic():
            _batch(
                size,
                sections=sections,
                rng=rng,
                words=words,
                content_type=content_type,
                locale=locale,
                now=now,
            )
        created += size
        if stdout:
            stdout.write(f"{created} von {count} Artikeln angelegt")
    return created


def _batch(size, *, sections, rng, words, content_type, locale, now):
    by_section = {section.pk: [] for section in sections}
    for _ in range(size):
        by_section[rng.choice(sections).pk].append(None)
    for section in sections:
        wanted = len(by_section[section.pk])
        if not wanted:
            continue
        section.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
        pages, rows = [], []
        for offset in range(wanted):
            number = section.numchild + offset + 1
            title = sentence(rng, words, rng.randint(5, 10))[:-1]
            slug = f"{german_slugify(title)[:60]}-{number}"
            published = now - timedelta(minutes=rng.randint(60, 60 * 24 * 365 * 6))
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    locale=locale,
                    live=True,
                    path=section._get_path(section.path, section.depth + 1, number),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    first_published_at=published,
                    last_published_at=published,
                )
            )
            body = " ".join(
                sentence(rng, words, rng.randint(8, 20)) for _ in range(rng.randint(20, 45))
            )
            teaser = sentence(rng, words, 25)
            rows.append((title, teaser, body))
        Page.objects.bulk_create(pages, batch_size=500)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO news_articlepage (page_ptr_id, kicker, teaser, lead_image_caption, body, "
                "section_id, body_text, reading_minutes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        page.pk,
                        "",
                        teaser,
                        "",
                        f'[{{"type": "paragraph", "value": "<p>{body}</p>", "id": "{page.pk}"}}]',
                        section.pk,
                        body,
                        reading_minutes(body),
                    )
                    for page, (title, teaser, body) in zip(pages, rows, strict=True)
                ],
            )
        SectionPage.objects.filter(pk=section.pk).update(numchild=section.numchild + wanted)
