import time

import pytest
from django.contrib.auth.models import Group

from redaktion.comments.models import Comment
from redaktion.comments.services import comment_stamp
from redaktion.news.tests.factories import make_article, make_home, make_section


@pytest.fixture
def article(db):
    home = make_home()
    section = make_section(home, title="Politik")
    return make_article(section, title="Der Landtag tagt")


@pytest.fixture
def moderator(db, django_user_model):
    """A moderator: may moderate comments and nothing else."""
    user = django_user_model.objects.create_user(
        "moderatorin", "moderation@example.org", "pw-moderator"
    )
    user.groups.add(Group.objects.get(name="Moderation"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def form_data(article, *, seconds_ago=60, **fields):
    """What a browser sends from the article page, shown ``seconds_ago``."""
    data = {
        "name": "Erika Muster",
        "email": "erika@example.org",
        "website": "",
        "body": "Ein sachlicher Beitrag zur Debatte im Landtag.",
        "homepage": "",
        "parent": "",
        "stamp": comment_stamp(article_pk=article.pk, now=time.time() - seconds_ago),
    }
    data.update(fields)
    return data


def post(client, article, *, origin="http://testserver", **fields):
    """Post the form; upper-case keyword arguments (REMOTE_ADDR, HTTP_…) are request headers."""
    extra = {k: fields.pop(k) for k in list(fields) if k.isupper()}
    if origin:
        extra["HTTP_ORIGIN"] = origin
    return client.post(f"/kommentieren/{article.pk}/", form_data(article, **fields), **extra)


def approved(
    article,
    *,
    name="Max Leser",
    email="max@example.org",
    body="Schon da.",
    status="approved",
    **fields,
):
    return Comment.objects.create(
        article=article, name=name, email=email, body=body, status=status, **fields
    )
