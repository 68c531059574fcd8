"""
Everything that changes comments: views, the admin and the commands call these.
Also the live parts that keep comment counts and form stamps current on cached pages.
"""

import functools
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from redaktion.comments import spam
from redaktion.comments.models import ClientHash, ClosedArticle, Comment
from redaktion.pagecache import live

logger = logging.getLogger(__name__)

STAMP_SALT = "redaktion.comments.stamp"
COUNT_KEY = "comments:count:{}"
COUNT_TIMEOUT = 300


class CommentRefused(Exception):
    """A post that is not stored at all; the message tells the reader why."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Submission:
    article: object
    parent: object
    name: str
    email: str
    website: str
    body: str
    honeypot: str
    stamp: str


# --- stamps and clients -------------------------------------------------------


def comment_stamp(*, article_pk, now=None):
    """A signed „form shown at“ time for one article, filled in on every response."""
    return _signed_stamp(int(article_pk), int(now if now is not None else time.time()))


@functools.lru_cache(maxsize=256)
def _signed_stamp(article_pk, second):
    # The stamp has a resolution of one second; signing it once per second is enough.
    return signing.dumps([article_pk, second], salt=STAMP_SALT)


def stamp_age(*, stamp, article_pk, now=None):
    """Seconds since the form was shown; CommentRefused if the stamp is forged or too old."""
    try:
        stamped_pk, shown_at = signing.loads(stamp or "", salt=STAMP_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise CommentRefused(
            _("The form could not be checked. Please reload the page and send it again.")
        ) from None
    if stamped_pk != article_pk:
        raise CommentRefused(_("The form belongs to another article. Please reload the page."))
    age = int(now if now is not None else time.time()) - int(shown_at)
    if age > settings.REDAKTION_COMMENTS_MAX_FORM_AGE:
        raise CommentRefused(
            _("The form is too old. Please copy your text, reload the page and send it again.")
        )
    return max(age, 0)


def client_digest(request):
    """A keyed hash of address and browser: counts a client's posts without storing its IP."""
    raw = "|".join(
        (request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_USER_AGENT", "")[:500])
    )
    return hmac.new(
        settings.SECRET_KEY.encode(), raw.encode("utf-8", "replace"), hashlib.sha256
    ).hexdigest()


def client_hashes_purge(*, now=None):
    """Delete rate-limit hashes older than the retention period; return how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REDAKTION_COMMENTS_HASH_RETENTION_DAYS)
    deleted, _details = ClientHash.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def client_rate_check(*, digest, now):
    window = now - timedelta(seconds=settings.REDAKTION_COMMENTS_RATE_WINDOW)
    recent = ClientHash.objects.filter(digest=digest, created_at__gte=window).count()
    if recent >= settings.REDAKTION_COMMENTS_RATE_LIMIT:
        raise CommentRefused(
            _("You have sent many comments in a short time. Please wait a few minutes."),
            status=429,
        )


def _privacy_pages():
    from wagtail.models import Page

    # The demo's and the usual slug; a restricted privacy page would be odd but harmless.
    return Page.objects.filter(live=True, slug="datenschutz").order_by("path")


def privacy_page():
    """The privacy page the comment form links to."""
    return _privacy_pages().only("id", "url_path").first()


def comment_section_facts(*, article):
    """Whether ``article`` is closed by hand, and the privacy page: one query for both."""
    from wagtail.models import Page

    if article.pk is None:
        # A preview of an article not saved yet.
        return {"closed": False, "privacy_page": privacy_page()}
    closed, privacy_id, privacy_path = (
        Page.objects.filter(pk=article.pk)
        .annotate(
            closed=Exists(ClosedArticle.objects.filter(article_id=OuterRef("pk"))),
            privacy_id=Subquery(_privacy_pages().values("pk")[:1]),
            privacy_path=Subquery(_privacy_pages().values("url_path")[:1]),
        )
        .values_list("closed", "privacy_id", "privacy_path")
        .first()
    ) or (False, None, None)
    privacy = Page(id=privacy_id, url_path=privacy_path) if privacy_id else None
    return {"closed": closed, "privacy_page": privacy}


# --- open or closed -----------------------------------------------------------


def comments_closed_reason(*, article, closed=None, now=None):
    """Why ``article`` takes no comments, or "" if it does; ``closed``: known closed by hand."""
    if closed is None:
        closed = ClosedArticle.objects.filter(article_id=article.pk).exists()
    if closed:
        return _("Comments on this article are closed.")
    days = settings.REDAKTION_COMMENTS_CLOSE_AFTER_DAYS
    published = article.first_published_at
    if days and published and published < (now or timezone.now()) - timedelta(days=days):
        return _("Comments are closed %(days)d days after publication.") % {"days": days}
    return ""


# --- submit and moderate --------------------------------------------------------


def comment_submit(*, submission, request, now=None):
    """
    Run the spam rules and store the comment; return it. Raise CommentRefused for
    posts that are not stored at all (closed, forged or stale form, rate limit).
    """
    now = now or timezone.now()
    article = submission.article
    reason = comments_closed_reason(article=article, now=now)
    if reason:
        raise CommentRefused(reason, status=403)
    seconds = stamp_age(stamp=submission.stamp, article_pk=article.pk, now=now.timestamp())
    digest = client_digest(request)
    with transaction.atomic():
        client_hashes_purge(now=now)
        client_rate_check(digest=digest, now=now)
        ClientHash.objects.create(digest=digest, created_at=now)
        status, verdicts = spam.judge(
            article=article,
            name=submission.name,
            email=submission.email,
            website=submission.website,
            body=submission.body,
            honeypot=submission.honeypot,
            seconds=seconds,
        )
        comment = Comment.objects.create(
            article=article,
            parent=submission.parent,
            name=submission.name,
            email=submission.email,
            website=submission.website,
            body=submission.body,
            status=status,
            created_at=now,
            approved_at=now if status == Comment.Status.APPROVED else None,
            verdicts=verdicts,
        )
        if status == Comment.Status.PENDING:
            transaction.on_commit(lambda: moderators_notify(comment=comment))
    return comment


def _set_status(comments, status):
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        for comment in comments:
            if comment.status == status:
                continue
            comment.status = status
            comment.approved_at = now if status == Comment.Status.APPROVED else None
            # save() (not update()) so that the page cache hears of it.
            comment.save(update_fields=["status", "approved_at"])
            changed += 1
    return changed


def comment_approve(*, comments):
    """Publish ``comments`` (an iterable); return how many changed."""
    return _set_status(comments, Comment.Status.APPROVED)


def comment_reject(*, comments):
    return _set_status(comments, Comment.Status.REJECTED)


def comment_mark_spam(*, comments):
    return _set_status(comments, Comment.Status.SPAM)


def moderator_emails():
    """Everyone who may moderate comments (by group or by hand), plus REDAKTION_COMMENTS_NOTIFY."""
    User = get_user_model()
    may_moderate = {
        "codename": "change_comment",
        "content_type__app_label": "comments",
    }
    users = (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=Permission.objects.filter(**may_moderate))
            | Q(user_permissions__in=Permission.objects.filter(**may_moderate))
        )
        .distinct()
    )
    emails = {u.email for u in users if u.email}
    emails.update(settings.REDAKTION_COMMENTS_NOTIFY)
    return sorted(emails)


def moderators_notify(*, comment):
    """Tell moderators that a comment waits; the commenter's address is not in the mail."""
    recipients = moderator_emails()
    if not recipients:
        return
    pending = Comment.objects.pending().count()
    subject = _("New comment waiting: %(title)s") % {"title": comment.article.title}
    body = "\n\n".join(
        [
            _("%(name)s wrote on „%(title)s“:")
            % {"name": comment.name, "title": comment.article.title},
            comment.body[:1000],
            _("Why it waits: %(reasons)s") % {"reasons": comment.held_because or "–"},
            ngettext(
                "%(n)d comment is waiting for moderation:",
                "%(n)d comments are waiting for moderation:",
                pending,
            )
            % {"n": pending}
            + f" {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/snippets/comments/comment/?status=pending",
        ]
    )
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        # A broken mail server must not lose the comment; it waits in the queue anyway.
        logger.exception("could not notify moderators of comment %s", comment.pk)


# --- privacy ------------------------------------------------------------------


def comments_for_email(*, email):
    return Comment.objects.filter(email__iexact=email.strip()).select_related("article")


def comments_export(*, email):
    """Return everything stored about one e-mail address, as JSON-ready data."""
    return {
        "email": email.strip(),
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_url": c.article.full_url,
                "reply_to": c.parent_id,
                "name": c.name,
                "email": c.email,
                "website": c.website,
                "text": c.body,
                "status": c.status,
                "written_at": c.created_at.isoformat(),
                "approved_at": c.approved_at.isoformat() if c.approved_at else None,
            }
            for c in comments_for_email(email=email).order_by("created_at", "pk")
        ],
    }


def comments_delete(*, email):
    """Delete every comment of one e-mail address (replies by others go with them)."""
    with transaction.atomic():
        comments = list(comments_for_email(email=email))
        for comment in comments:
            # One by one, so the page cache hears about each article.
            if Comment.objects.filter(pk=comment.pk).exists():
                comment.delete()
    return len(comments)


def comments_export_json(*, email):
    return json.dumps(comments_export(email=email), ensure_ascii=False, indent=2)


# --- counts and live parts ------------------------------------------------------


def comment_counts(article_pks):
    """Approved comments per article: from the cache, else one query for all missing."""
    pks = sorted({int(pk) for pk in article_pks})
    keys = {COUNT_KEY.format(pk): pk for pk in pks}
    cached = cache.get_many(list(keys))
    counts = {keys[key]: value for key, value in cached.items()}
    missing = [pk for pk in pks if pk not in counts]
    if missing:
        found = dict(
            Comment.objects.approved()
            .filter(article_id__in=missing)
            .values_list("article_id")
            .annotate(n=Count("id"))
            .values_list("article_id", "n")
        )
        fresh = {pk: found.get(pk, 0) for pk in missing}
        cache.set_many({COUNT_KEY.format(pk): n for pk, n in fresh.items()}, COUNT_TIMEOUT)
        counts.update(fresh)
    return counts


def comment_count_forget(article_pk):
    cache.delete(COUNT_KEY.format(article_pk))
    live.forget("comments", article_pk)


def count_label(n):
    return ngettext("%(n)d comment", "%(n)d comments", n) % {"n": n}


@live.register("comments", stable=True)
def live_comment_counts(args, request):
    """„3 Kommentare“ in teasers (nothing for none); on the article page also „none yet“."""
    pks = [int(a) for a in args if a.isdigit()]
    counts = comment_counts(pks)
    on_page = (getattr(request, "page_cache_meta", None) or {}).get("article")
    result = {}
    for pk in pks:
        n = counts.get(pk, 0)
        if pk == on_page:
            label = count_label(n) if n else _("No comments yet")
            result[str(pk)] = format_html(
                '<a class="count count--comments" href="#kommentare">{}</a>', label
            )
        elif n:
            result[str(pk)] = format_html(
                '<span class="count count--comments">{}</span>', count_label(n)
            )
    return result


@live.register("commentstamp")
def live_comment_stamps(args, request):
    """A fresh signed time for each comment form on the page; no query."""
    return {
        arg: format_html(
            '<input type="hidden" name="stamp" value="{}">', comment_stamp(article_pk=int(arg))
        )
        for arg in args
        if arg.isdigit()
    }
