from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from redaktion.comments.models import MAX_BODY, MAX_NAME, Comment
from redaktion.comments.text import control_characters


def refuse_control_characters(value):
    if control_characters(value):
        raise forms.ValidationError(
            _(
                "The text contains invisible control characters (such as null bytes or "
                "right-to-left overrides). Please remove them."
            ),
            code="control",
        )


class CommentForm(forms.Form):
    """What a reader sends. The article and the stamp are checked by the view."""

    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    body = forms.CharField(
        label=_("Comment"), max_length=MAX_BODY, min_length=2, widget=forms.Textarea
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The honeypot: hidden from people, filled in by naive bots.
    homepage = forms.CharField(required=False, max_length=500)
    stamp = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for field in ("name", "email", "website", "body"):
            value = cleaned.get(field)
            if value:
                try:
                    refuse_control_characters(value)
                except forms.ValidationError as exc:
                    self.add_error(field, exc)
        parent_id = cleaned.get("parent")
        cleaned["parent_comment"] = None
        if parent_id:
            parent = (
                Comment.objects.approved().filter(pk=parent_id, article_id=self.article.pk).first()
            )
            if parent is None:
                self.add_error(
                    None, _("The comment you reply to does not exist (any more) on this article.")
                )
            cleaned["parent_comment"] = parent
        return cleaned
