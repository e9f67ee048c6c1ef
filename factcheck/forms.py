"""The reader form: suggest a claim to check, or report an error in a verdict."""

from django import forms
from django.urls import reverse_lazy

from factcheck.models import Claim, ReaderReport

MESSAGE_MAX_LENGTH = 4000


class ReaderReportForm(forms.ModelForm):
    """A reader's message, stored for editors.

    `website` is a honeypot: hidden from people by CSS and from assistive
    technology by aria-hidden, so only a form-filling robot types into it.
    The view discards such a submission without saying so.
    """

    claim = forms.ModelChoiceField(
        queryset=Claim.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    message = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "maxlength": MESSAGE_MAX_LENGTH,
                # Published fact-checks matching what the reader types appear at once (views.report_checked).
                "data-hx-get": reverse_lazy("factcheck:report_checked"),
                "data-hx-trigger": "input changed delay:700ms",
                "data-hx-target": "#already-checked",
                "data-hx-sync": "this:replace",
            }
        ),
        help_text="What was said, by whom and where; or what you think we got wrong, and why.",
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ReaderReport
        fields = ["kind", "claim", "message", "link", "email"]
        labels = {
            "kind": "What would you like to do?",
            "link": "Link to where it was said or to your evidence (optional)",
            "email": "Your email, if you would like a reply (optional)",
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
