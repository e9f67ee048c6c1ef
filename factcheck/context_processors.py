from django.urls import reverse

from factcheck.organization import absolute_url, canonical_url, organization


def desk(request):
    """The organisation, the page's canonical address and the desk's share card, for every template."""
    org = organization()
    return {
        "organization": org,
        "canonical_url": canonical_url(request),
        "desk_share_card_url": absolute_url(reverse("factcheck:desk_share_card")),
        "desk_description": (
            f"{org['name']}: independent fact-checks of claims in the news, with sources, method and corrections."
        ),
    }
