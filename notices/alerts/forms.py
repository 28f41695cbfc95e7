"""The sign-up and manage forms. The address is checked harder than an
e-mail field alone: no quoted local parts, no control characters, nothing
that could end up as a second header or recipient."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from releases.models import ReleaseKind, Speaker, Topic

from ..models import Subscription

# A plain address: dot-atom local part, a domain of letters, digits and
# hyphens (IDN domains are typed in their xn-- form or left to the browser).
PLAIN_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$"
)


def clean_address(value):
    value = value.strip()
    if not PLAIN_ADDRESS.match(value) or ".." in value or len(value) > 254:
        raise ValidationError(
            _("Enter a plain e-mail address such as name@example.org."), code="invalid"
        )
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


class ChoicesForm(forms.ModelForm):
    release_kinds = forms.MultipleChoiceField(
        label=_("Releases of these kinds"),
        choices=ReleaseKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Releases on these topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Releases by these speakers"),
        queryset=Speaker.objects.with_public_page().order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Subscription
        fields = [
            "emergency_alerts",
            "consular_notices",
            "all_releases",
            "release_kinds",
            "topics",
            "speakers",
            "language",
            "frequency",
        ]
        labels = {
            "emergency_alerts": _("Emergency alerts (always sent at once)"),
            "consular_notices": _("Consular notices and travel advisories"),
            "all_releases": _("All press releases, speeches and statements"),
            "language": _("Language of the e-mails"),
        }
        widgets = {"frequency": forms.RadioSelect, "language": forms.RadioSelect}

    def clean(self):
        data = super().clean()
        chosen = any(
            data.get(name)
            for name in (
                "emergency_alerts",
                "consular_notices",
                "all_releases",
                "release_kinds",
                "topics",
                "speakers",
            )
        )
        if not chosen:
            raise ValidationError(_("Choose at least one kind of alert."), code="nothing")
        return data


class SubscribeForm(ChoicesForm):
    email = forms.CharField(label=_("Your e-mail address"), max_length=254)

    field_order = ["email"]

    def clean_email(self):
        return clean_address(self.cleaned_data["email"])
