from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class SearchForm(forms.Form):
    """The reader's search: German parameter names, every value checked, nothing trusted."""

    q = forms.CharField(label=_("Search articles"), required=False, strip=True)
    ressort = forms.ChoiceField(label=_("Section"), required=False)
    von = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS)
    bis = forms.DateField(label=_("Until"), required=False, input_formats=DATE_FORMATS)
    sortierung = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevanz", _("relevance")), ("datum", _("newest first"))],
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {s.slug: s for s in sections}
        self.fields["ressort"].choices = [("", _("all sections"))] + [
            (s.slug, s.title) for s in sections
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("von"), data.get("bis")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date lies after the end date."))
        return data

    @property
    def section(self):
        return self.sections.get(self.cleaned_data.get("ressort") or "")

    @property
    def order(self):
        return "date" if self.cleaned_data.get("sortierung") == "datum" else "relevance"
