"""
Spam rules, all local: no third party ever sees a comment.

Each rule returns a verdict — "pass", "hold" (a moderator decides) or "spam" —
with a reason a moderator can read. The strictest verdict decides the status;
all verdicts are stored on the comment.
"""

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from redaktion.comments.models import BlockedPattern, Comment
from redaktion.comments.text import find_urls

PASS, HOLD, SPAM = "pass", "hold", "spam"
SEVERITY = {PASS: 0, HOLD: 1, SPAM: 2}
# Scripts the site writes in; text mostly in another script is held.
SITE_SCRIPTS = ("LATIN",)


def verdict(result, reason=""):
    return {"verdict": result, "reason": str(reason)}


def rule_honeypot(*, honeypot, **kwargs):
    if honeypot:
        return verdict(SPAM, _("the hidden field was filled in"))
    return verdict(PASS)


def rule_fill_time(*, seconds, **kwargs):
    if seconds < settings.REDAKTION_COMMENTS_MIN_FILL_SECONDS:
        return verdict(SPAM, _("sent %(s)d seconds after the page loaded") % {"s": seconds})
    return verdict(PASS)


def rule_links(*, body, website, **kwargs):
    count = len(find_urls(body))
    if count > settings.REDAKTION_COMMENTS_MAX_LINKS:
        return verdict(HOLD, _("%(n)d links") % {"n": count})
    return verdict(PASS)


def rule_duplicate(*, body, article, **kwargs):
    since = timezone.now() - timedelta(days=30)
    normalized = " ".join(body.split())
    if len(normalized) < 20:
        # „Danke!“ twice is no spam wave.
        return verdict(PASS)
    recent = Comment.objects.filter(created_at__gte=since, body__iexact=body.strip())
    if recent.exclude(status=Comment.Status.REJECTED).exists():
        return verdict(HOLD, _("the same text was sent before"))
    return verdict(PASS)


def rule_blocklist(*, body, name, website, email, **kwargs):
    text = "\n".join((name, body, website, email))
    worst = verdict(PASS)
    for pattern in BlockedPattern.objects.all():
        if pattern.regex().search(text):
            result = SPAM if pattern.action == BlockedPattern.Action.SPAM else HOLD
            if SEVERITY[result] > SEVERITY[worst["verdict"]]:
                worst = verdict(result, _("contains „%(p)s“") % {"p": pattern.pattern})
    return worst


def script_share(text):
    """Return the share of letters in ``text`` that are in the site's scripts."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    ours = sum(1 for c in letters if unicodedata.name(c, "").startswith(SITE_SCRIPTS))
    return ours / len(letters)


def rule_script(*, body, name, **kwargs):
    share = script_share(f"{name} {body}")
    if share < 0.5:
        return verdict(
            HOLD,
            _("%(p)d%% of the letters are in a script the site does not use")
            % {"p": round(100 - share * 100)},
        )
    return verdict(PASS)


def rule_known_author(*, email, **kwargs):
    known = Comment.objects.approved().filter(email__iexact=email).exists()
    if not known:
        return verdict(HOLD, _("first comment from this e-mail address"))
    return verdict(PASS, _("approved before"))


RULES = {
    "honeypot": rule_honeypot,
    "fill_time": rule_fill_time,
    "links": rule_links,
    "duplicate": rule_duplicate,
    "blocklist": rule_blocklist,
    "script": rule_script,
    "new_author": rule_known_author,
}


def judge(**facts):
    """Run every rule; return (status, verdicts)."""
    verdicts = {name: rule(**facts) for name, rule in RULES.items()}
    worst = max(SEVERITY[v["verdict"]] for v in verdicts.values())
    status = {
        0: Comment.Status.APPROVED,
        1: Comment.Status.PENDING,
        2: Comment.Status.SPAM,
    }[worst]
    return status, verdicts
