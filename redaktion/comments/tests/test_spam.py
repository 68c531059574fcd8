"""Spam rules: each one holds or flags what it should, and says why."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from redaktion.comments import spam
from redaktion.comments.models import BlockedPattern, ClientHash, Comment
from redaktion.comments.services import comment_stamp
from redaktion.comments.tests.conftest import approved, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(article):
    """An address with an approved comment, so only the other rules decide."""
    return approved(article, email="stamm@example.org", body="Früher schon einmal.")


def submit(client, article, **fields):
    fields.setdefault("email", "stamm@example.org")
    response = post(client, article, **fields)
    return response, Comment.objects.exclude(body="Früher schon einmal.").order_by("pk").last()


def test_clean_comment_from_known_address_passes_every_rule(reader, article, known):
    _response, comment = submit(reader, article)
    assert comment.status == "approved"
    assert {v["verdict"] for v in comment.verdicts.values()} == {"pass"}
    assert set(comment.verdicts) == set(spam.RULES)


def test_honeypot_marks_spam(reader, article, known):
    """Bots fill in the hidden field; readers never see it."""
    response, comment = submit(reader, article, homepage="http://spam.example")
    assert response.status_code == 303  # a bot learns nothing
    assert comment.status == "spam"
    assert comment.verdicts["honeypot"]["verdict"] == "spam"


def test_sent_too_fast_marks_spam(reader, article, known):
    _response, comment = submit(reader, article, seconds_ago=1)
    assert comment.status == "spam"
    assert "Sekunden" in comment.verdicts["fill_time"]["reason"]


def test_too_old_form_is_refused_with_a_message(reader, article, known, settings):
    settings.REDAKTION_COMMENTS_MAX_FORM_AGE = 3600
    response, comment = submit(reader, article, seconds_ago=3700)
    assert response.status_code == 400
    assert "zu alt" in response.content.decode()
    assert comment is None


def test_forged_or_foreign_stamp_is_refused(reader, article, known):
    response, _c = submit(reader, article, stamp="12:forged")
    assert response.status_code == 400
    assert "neu laden" in response.content.decode()
    other = comment_stamp(article_pk=article.pk + 1, now=time.time() - 60)
    response, _c = submit(reader, article, stamp=other)
    assert response.status_code == 400
    response, _c = submit(reader, article, stamp="")
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_rate_limit_per_client(reader, article, known, settings):
    """The sixth post within ten minutes from one client is refused with 429."""
    settings.REDAKTION_COMMENTS_RATE_LIMIT = 5
    statuses = [
        submit(reader, article, body=f"Beitrag Nummer {i} mit eigenem Text.")[0].status_code
        for i in range(6)
    ]
    assert statuses == [303] * 5 + [429]
    assert "Minuten" in submit(reader, article, body="Noch einer.")[0].content.decode()
    # Another client (another browser) is not affected.
    response = post(reader, article, email="stamm@example.org", HTTP_USER_AGENT="Anderer/1.0")
    assert response.status_code == 303


def test_old_client_hashes_are_deleted_on_write(reader, article, known, settings):
    settings.REDAKTION_COMMENTS_HASH_RETENTION_DAYS = 7
    ClientHash.objects.create(digest="a" * 64, created_at=timezone.now() - timedelta(days=8))
    ClientHash.objects.create(digest="b" * 64, created_at=timezone.now() - timedelta(days=6))
    submit(reader, article)
    assert set(ClientHash.objects.values_list("digest", flat=True)) >= {"b" * 64}
    assert not ClientHash.objects.filter(digest="a" * 64).exists()


def test_too_many_links_hold(reader, article, known):
    body = "Seht euch https://a.example/1 und https://b.example/2 und http://c.example/3 an."
    _response, comment = submit(reader, article, body=body)
    assert comment.status == "pending"
    assert comment.verdicts["links"] == {"verdict": "hold", "reason": "3 Links"}


def test_duplicate_text_is_held(reader, article, known):
    text = "Kaufen Sie jetzt die besten Uhren zum halben Preis!"
    approved(article, email="x@example.org", body=text)
    _response, comment = submit(reader, article, body=text)
    assert comment.status == "pending"
    assert comment.verdicts["duplicate"]["verdict"] == "hold"


def test_short_repeated_thanks_is_no_duplicate(reader, article, known):
    approved(article, email="x@example.org", body="Danke!")
    _response, comment = submit(reader, article, body="Danke!")
    assert comment.status == "approved"


def test_blocklist_word_holds_and_pattern_marks_spam(reader, article, known):
    BlockedPattern.objects.create(pattern="Wunderpille")
    BlockedPattern.objects.create(pattern=r"casino\d+", kind="regex", action="spam")
    _r, held = submit(reader, article, body="Diese WUNDERPILLE hilft gegen alles.")
    assert held.status == "pending"
    assert "Wunderpille" in held.verdicts["blocklist"]["reason"]
    _r, flagged = submit(reader, article, body="Besuchen Sie casino777 noch heute.")
    assert flagged.status == "spam"


def test_blocklist_word_matches_whole_words_only(reader, article, known):
    BlockedPattern.objects.create(pattern="rat")
    _r, comment = submit(reader, article, body="Der Stadtrat berät morgen darüber.")
    assert comment.status == "approved"


def test_invalid_regex_is_refused_in_the_admin_form():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        BlockedPattern(pattern="(unclosed", kind="regex").full_clean()


def test_text_in_a_foreign_script_is_held(reader, article, known):
    _r, comment = submit(reader, article, body="Купите дешевые часы прямо сейчас у нас онлайн")
    assert comment.status == "pending"
    assert comment.verdicts["script"]["verdict"] == "hold"


def test_german_with_umlauts_and_a_few_foreign_words_passes():
    assert spam.script_share("Größere Übel: Das Wort „Правда“ heißt Wahrheit, sagte Jürgen.") > 0.5


def test_first_comment_of_new_address_is_held_even_if_clean(reader, article, known):
    _r, comment = submit(reader, article, email="neu@example.org")
    assert comment.status == "pending"
    assert comment.verdicts["new_author"]["verdict"] == "hold"
    assert "ersten Kommentar" in comment.held_because or "erster" in comment.held_because


def test_held_comment_from_known_address_stays_held(reader, article, known):
    """An approved address does not override a rule that holds."""
    BlockedPattern.objects.create(pattern="Wunderpille")
    _r, comment = submit(reader, article, body="Wunderpille für alle!")
    assert comment.verdicts["new_author"]["verdict"] == "pass"
    assert comment.status == "pending"


def test_form_stamp_expires_with_time(reader, article, known, settings):
    settings.REDAKTION_COMMENTS_MAX_FORM_AGE = 600
    stamp = comment_stamp(article_pk=article.pk)
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        assert post(reader, article, stamp=stamp, email="stamm@example.org").status_code == 303
    with time_machine.travel(timezone.now() + timedelta(seconds=900)):
        assert post(reader, article, stamp=stamp, email="stamm@example.org").status_code == 400
