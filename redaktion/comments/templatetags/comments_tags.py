from django import template

from redaktion.comments.forms import CommentForm
from redaktion.comments.models import Comment
from redaktion.comments.services import comment_section_facts, comments_closed_reason
from redaktion.pagecache.tags import depends_on

register = template.Library()

# Deeper replies are shown at this level, so the thread stays readable on phones.
MAX_DEPTH = 3
NOTICES = {"veroeffentlicht": "published", "wartet": "pending"}


def thread(comments):
    """Order ``comments`` as a thread: each reply after its parent; return (comment, depth)."""
    children, roots = {}, []
    ids = {c.pk for c in comments}
    for comment in comments:
        if comment.parent_id in ids:
            children.setdefault(comment.parent_id, []).append(comment)
        else:
            # Replies to hidden comments stand on their own.
            roots.append(comment)
    by_id = {c.pk: c for c in comments}
    ordered, stack = [], [(c, 1) for c in reversed(roots)]
    while stack:
        comment, depth = stack.pop()
        comment.depth = min(depth, MAX_DEPTH)
        comment.parent_comment = by_id.get(comment.parent_id)
        ordered.append(comment)
        stack.extend((c, depth + 1) for c in reversed(children.get(comment.pk, [])))
    return ordered


@register.inclusion_tag("comments/includes/section.html", takes_context=True)
def comment_section(context, article):
    """The approved thread and the form: the same HTML for every reader, so it is cached."""
    request = context.get("request")
    depends_on(f"comments:{article.pk}")
    comments = thread(
        list(
            Comment.objects.approved()
            .filter(article_id=article.pk)
            .only("id", "parent_id", "name", "website", "body_html", "created_at")
            .order_by("created_at", "pk")
        )
    )
    get = request.GET if request is not None else {}
    reply_to = None
    if get.get("antwort", "").isdigit():
        reply_to = next((c for c in comments if c.pk == int(get["antwort"])), None)
    settings_ = context.get("site_settings")
    facts = comment_section_facts(article=article)
    return {
        "article": article,
        "comments": comments,
        "closed": comments_closed_reason(article=article, closed=facts["closed"]),
        "form": CommentForm(
            article=article, initial={"parent": reply_to.pk if reply_to else None}
        ),
        "reply_to": reply_to,
        "informal": bool(settings_ and settings_.informal),
        "privacy_page": facts["privacy_page"],
        "notice": NOTICES.get(get.get("kommentar", "")),
        "request": request,
    }
