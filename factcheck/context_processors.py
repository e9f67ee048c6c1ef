from django.urls import NoReverseMatch, reverse

from factcheck.organization import absolute_url, canonical_url, organization


def desk(request):
    """The organisation, the page's canonical address and the desk's share card, for every template.

    The addresses are callables, which templates call only when they use them (the admin never does).
    """

    def desk_share_card_url() -> str:
        try:
            return absolute_url(reverse("factcheck:desk_share_card"))
        except NoReverseMatch:  # a test's own URLconf without the desk's pages
            return ""

    org = organization()
    return {
        "organization": org,
        "canonical_url": lambda: canonical_url(request),
        "desk_share_card_url": desk_share_card_url,
        "desk_description": (
            f"{org['name']}: independent fact-checks of claims in the news, with sources, method and corrections."
        ),
    }
