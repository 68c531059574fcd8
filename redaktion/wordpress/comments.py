"""
Comments from the export, written into redaktion.comments when that app is installed.

Fields set on ``redaktion.comments.models.Comment``: article, parent, name, email,
website, body, status (approved/pending), created_at, approved_at. IP addresses are never read
from the export (see wxr._item), so they cannot be stored. Spam and trash are not
imported; pingbacks and trackbacks are not reader comments and are skipped too.
"""

from django.apps import apps
from django.db import transaction

from redaktion.wordpress.content import plain_text
from redaktion.wordpress.wxr import parse_datetime

STATUS = {"1": "approved", "approve": "approved", "0": "pending", "hold": "pending"}
NOT_IMPORTED = {"spam": "spam", "trash": "trash", "post-trashed": "trash"}


def comments_available():
    return apps.is_installed("redaktion.comments")


def comment_fields(raw, *, article, parent):
    """Return the Comment field values for one WordPress comment, or None to skip it."""
    status = STATUS.get((raw.get("wp:comment_approved") or "").strip())
    if status is None:
        return None
    body = raw.get("wp:comment_content", "")
    # Keep paragraphs as blank lines; the comments app escapes on output.
    body = "\n\n".join(plain_text(part) for part in body.replace("\r", "").split("\n\n"))
    created_at = parse_datetime(raw.get("wp:comment_date_gmt", ""), raw.get("wp:comment_date", ""))
    return {
        "article": article,
        "parent": parent,
        "name": plain_text(raw.get("wp:comment_author", ""))[:255],
        "email": (raw.get("wp:comment_author_email") or "").strip()[:254],
        "website": (raw.get("wp:comment_author_url") or "").strip()[:200],
        "body": body.strip(),
        "status": status,
        "created_at": created_at,
        # WordPress keeps no approval date; the comment's own date is the best there is.
        "approved_at": created_at if status == "approved" else None,
    }


def _skip_reason(raw):
    kind = (raw.get("wp:comment_type") or "").strip()
    if kind in ("pingback", "trackback"):
        return kind
    approved = (raw.get("wp:comment_approved") or "").strip()
    return NOT_IMPORTED.get(approved) or (None if approved in STATUS else f"status {approved!r}")


def comments_import(*, article, comments, report, record, save_record):
    """Import the comments of one article, parents before replies, each exactly once."""
    if not comments:
        return
    wanted = []
    for raw in comments:
        reason = _skip_reason(raw)
        if reason:
            report.skipped[f"comment: {reason}"] += 1
        else:
            wanted.append(raw)
    if not comments_available():
        report.skipped["comment: comments app not installed"] += len(wanted)
        return
    from redaktion.comments.models import Comment

    by_id = {raw.get("wp:comment_id", "").strip(): raw for raw in wanted}
    done = {}

    def import_one(comment_id, trail=()):
        if comment_id in done:
            return done[comment_id]
        raw = by_id[comment_id]
        parent_id = (raw.get("wp:comment_parent") or "0").strip()
        parent = None
        if parent_id in by_id and parent_id not in trail:
            parent = import_one(parent_id, (*trail, comment_id))
        elif parent_id not in ("", "0"):
            # The parent was spam, trash or a pingback: the reply stands on its own.
            report.conversions["comment replies without their parent"] += 1
        existing = record("comment", comment_id)
        if existing and existing.object_id:
            done[comment_id] = Comment.objects.filter(pk=existing.object_id).first()
            if done[comment_id] is not None:
                report.skipped["comment: already imported"] += 1
                return done[comment_id]
        with transaction.atomic():
            comment = Comment.objects.create(**comment_fields(raw, article=article, parent=parent))
            save_record("comment", comment_id, target=comment)
        report.created["comment"] += 1
        done[comment_id] = comment
        return comment

    for comment_id in by_id:
        import_one(comment_id)
