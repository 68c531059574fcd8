from django import template
from django.utils.safestring import mark_safe

from redaktion.pagecache import live, tags

register = template.Library()


@register.simple_tag
def depends_on(kind, *objects):
    """Tag the page being rendered with what it shows: `{% depends_on "page" article %}`; prints nothing."""
    if not objects:
        tags.depends_on(kind)
    for obj in objects:
        pk = getattr(obj, "pk", obj)
        if pk is not None and pk != "":
            tags.depends_on(f"{kind}:{pk}")
    return ""


@register.simple_tag
def live_part(kind, *args):
    """A placeholder filled on every response: `{% live_part "views" article.pk %}`."""
    return mark_safe(live.placeholder(kind, ",".join(str(a) for a in args)))  # noqa: S308 - kind and args are ours
