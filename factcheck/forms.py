"""The reader form (suggest a claim to check, or report an error in a verdict) and the admin's import form."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.urls import reverse_lazy

from factcheck.models import Claim, ReaderReport

MESSAGE_MAX_LENGTH = 4000


class ClaimSlugField(forms.ModelChoiceField):
    """A claim named by its slug; anything that cannot be a slug (a NUL, markup) is refused as an unknown
    claim before the database is asked, which on PostgreSQL would fail on a NUL rather than answer."""

    def to_python(self, value):
        if value not in self.empty_values and not slug_re.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReaderReportForm(forms.ModelForm):
    """A reader's message, stored for editors.

    `website` is a honeypot: hidden from people by CSS and from assistive
    technology by aria-hidden, so only a form-filling robot types into it.
    The view discards such a submission without saying so.
    """

    claim = ClaimSlugField(
        queryset=Claim.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        # The field is hidden (it comes from the claim page's "Report an error" link), so the form shows
        # this above the fields.
        error_messages={
            "invalid_choice": "We could not find the fact-check this report is about: the link may be "
            "mistyped or the claim removed. Say in your message which claim you mean."
        },
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

    def clean(self):
        cleaned_data = super().clean()
        if self.has_error("claim"):
            # Shown again without the unknown claim, so that sending it again (naming the claim in the
            # message) goes through rather than meeting the same error.
            self.data = self.data.copy()
            self.data["claim"] = ""
        return cleaned_data

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def reported_claim(self) -> Claim | None:
        """The claim the report is about (the reader came from its page's "Report an error"), to name it
        above the fields; None when the form names none, or one we cannot find."""
        slug = self["claim"].value()
        if not slug or not slug_re.fullmatch(str(slug)):
            return None
        return Claim.objects.select_related("claimant").filter(slug=slug).first()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type="file" multiple>; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class ImportArticlesForm(forms.Form):
    """The "Import articles" page: files, a pasted text and web addresses, any mix, at least one.
    Any of them may be a transcript (captions, or a text in speaker turns)."""

    MAX_FILES = 100
    MAX_URLS = 50

    files = MultipleFileField(
        required=False,
        # An empty file among many is left out by name (clean_files), not a reason to refuse the others.
        allow_empty_file=True,
        label="Article files",
        help_text="Text (.txt), saved web pages (.html, .htm) or transcripts' captions (.vtt, .srt), up to 2 MB "
        "each; choose several at once.",
    )
    text = forms.CharField(
        required=False,
        label="Or paste an article",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The headline on the first line, then the article. Menus and adverts copied with it are removed. "
        "A transcript: its title on the first line, then each turn as “NAME: what they said”.",
    )
    # What a pasted text rarely says about itself, so that its claims are said somewhere, some day.
    outlet = forms.CharField(
        required=False,
        max_length=200,
        label="Its outlet",
        help_text="Where the pasted article appeared, e.g. “The Riverton Herald”.",
    )
    published_on = forms.DateField(
        required=False,
        label="Its date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="When it was published: its claims are taken to be said that day until someone says otherwise.",
    )
    url = forms.URLField(
        required=False,
        max_length=1000,
        assume_scheme="https",
        label="Its original web address",
        help_text="Where readers can see it, e.g. https://www.rivertonherald.example/politics/budget.",
    )
    urls = forms.CharField(
        required=False,
        label="Or web addresses",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line. Only public http:// and https:// news pages are fetched.",
    )

    def clean_files(self):
        from factcheck.importer import ARTICLE_SUFFIXES, MAX_FILE_BYTES

        files = self.cleaned_data["files"]
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(f"Choose at most {self.MAX_FILES} files at a time.")
        for upload in files:
            if not upload.name.lower().endswith(ARTICLE_SUFFIXES):
                raise forms.ValidationError(
                    f"{upload.name}: only .txt, .html, .htm, .vtt and .srt files can be imported."
                )
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(f"{upload.name} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB.")
        # Names of the files that hold nothing: the others are imported, and these are named.
        self.empty_files = [upload.name for upload in files if not upload.size]
        return [upload for upload in files if upload.size]

    def clean_text(self):
        """A pasted text that cannot be an article (no headline, nothing below it) is refused here, with
        the reason, instead of being queued to fail in the background."""
        from factcheck.extraction import UnreadableText, extract_page, extract_text, looks_like_html

        text = self.cleaned_data["text"]
        if text.strip():
            try:
                extract_page(text) if looks_like_html(text) else extract_text(text)
            except UnreadableText as reason:
                raise forms.ValidationError(f"This text cannot be imported: {reason}.") from None
        return text

    def clean_urls(self):
        from factcheck.fetching import NotAWebAddress, RefusedURL, check_url

        urls = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        if len(urls) > self.MAX_URLS:
            raise forms.ValidationError(f"Give at most {self.MAX_URLS} addresses at a time.")
        refusals = []
        for url in urls:
            try:
                check_url(url)
            except NotAWebAddress as refusal:
                refusals.append(f"“{url}” is {refusal}")
            except RefusedURL as refusal:
                refusals.append(f"“{url}” cannot be imported: {refusal}")
        if refusals:
            raise forms.ValidationError(refusals)
        return list(dict.fromkeys(urls))

    PASTED_DETAILS = ("outlet", "published_on", "url")

    empty_files: list[str] = []

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not (cleaned_data["files"] or cleaned_data["text"].strip() or cleaned_data["urls"]):
            if self.empty_files:
                raise forms.ValidationError(f"Nothing to import: {empty_files_sentence(self.empty_files)}.")
            raise forms.ValidationError("Choose a file, paste an article or give a web address.")
        if not (cleaned_data.get("text") or "").strip():
            for name in self.PASTED_DETAILS:
                if cleaned_data.get(name):
                    self.add_error(name, "This describes a pasted article: paste its text above, or leave this empty.")
        return cleaned_data


def empty_files_sentence(names: list[str]) -> str:
    """“a.txt is empty” or “a.txt and b.txt are empty”."""
    quoted = [f"“{name}”" for name in names]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    return f"{listed} {'is' if len(quoted) == 1 else 'are'} empty"
