"""Old WordPress URLs as Wagtail redirect rows, and links in bodies resolved through them."""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

# The query forms WordPress answers on its front page; Wagtail's middleware never sees
# them because the home page answers 200, so middleware.LegacyQueryRedirectMiddleware does.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


def old_path(url):
    """Return the redirect path of an old URL: path and query, no host, no fragment."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return Redirect.normalise_path(f"{path}?{parts.query}" if parts.query else path)


def redirect_set(*, path, page=None, link=""):
    """Point ``path`` at ``page`` (or ``link``) with a 301; return True when a row changed."""
    path = Redirect.normalise_path(path)
    if path == "/":
        return False  # never hijack the front page
    defaults = {
        "redirect_page": page,
        "redirect_link": "" if page else link,
        "is_permanent": True,
    }
    existing = Redirect.objects.filter(old_path=path, site=None).first()
    if existing is None:
        Redirect.objects.create(old_path=path, site=None, **defaults)
        return True
    if existing.redirect_page_id == (page.pk if page else None) and (
        page or existing.redirect_link == link
    ):
        return False
    for key, value in defaults.items():
        setattr(existing, key, value)
    existing.save()
    return True


def link_target(href, *, hosts):
    """
    Return where a link to the old site points now: ``("page", id)``, a new path, or None.

    Links to other hosts, and old links nothing was imported for, give None.
    """
    parts = urlsplit(href.strip())
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc:
        if parts.netloc.lower() not in hosts:
            return None
    elif not parts.path.startswith("/"):
        return None
    path = old_path(href)
    if path == "/":
        return None
    redirect = (
        Redirect.objects.filter(old_path=path, site=None)
        .only("redirect_page_id", "redirect_link")
        .first()
    )
    if redirect is None:
        return None
    if redirect.redirect_page_id:
        return ("page", redirect.redirect_page_id)
    return redirect.redirect_link or None
