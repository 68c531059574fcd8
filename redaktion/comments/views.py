from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from redaktion.comments.forms import CommentForm
from redaktion.comments.models import Comment
from redaktion.comments.services import (
    CommentRefused,
    Submission,
    comment_submit,
    privacy_page,
)
from redaktion.news.models import ArticlePage


def same_origin(request):
    """
    True if the post comes from a page of this site. Cached pages carry no CSRF
    token, so the browser's Origin (or, failing that, Referer) header is checked.
    """
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    try:
        return parts.netloc == request.get_host() and parts.scheme == request.scheme
    except Exception:  # DisallowedHost: not our site
        return False


def refused(request, message, *, status, article=None, form=None):
    return render(
        request,
        "comments/refused.html",
        {
            "message": message,
            "article": article,
            "form": form,
            "privacy_page": privacy_page() if form is not None else None,
        },
        status=status,
    )


@csrf_exempt
@never_cache
def post_comment(request, article_id):
    """Take a comment from the form on an article page; answer with a 303 or a private page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is None:
        return refused(request, _("This article does not exist or is not published."), status=404)
    if not same_origin(request):
        return refused(
            request,
            _(
                "The comment was not sent from this site. Please write it on the article page; "
                "your browser must send the Origin or Referer header."
            ),
            status=403,
            article=article,
        )
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        return refused(
            request,
            _("Please correct the marked fields."),
            status=400,
            article=article,
            form=form,
        )
    data = form.cleaned_data
    submission = Submission(
        article=article,
        parent=data["parent_comment"],
        name=data["name"],
        email=data["email"],
        website=data["website"],
        body=data["body"],
        honeypot=data["homepage"],
        stamp=data["stamp"],
    )
    try:
        comment = comment_submit(submission=submission, request=request)
    except CommentRefused as exc:
        return refused(request, exc.message, status=exc.status, article=article, form=form)
    # Generic flags: every reader who posts shares these two cached variants.
    if comment.status == Comment.Status.APPROVED:
        return HttpResponseRedirect(
            f"{article.url}?kommentar=veroeffentlicht#kommentar-{comment.pk}", status=303
        )
    return HttpResponseRedirect(f"{article.url}?kommentar=wartet#kommentare", status=303)
