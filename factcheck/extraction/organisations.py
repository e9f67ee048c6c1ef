"""Signs that a name is an organisation's rather than a person's.

A word in the name ("Department", "University", "Bank", a corporate suffix such as "Inc."), the words
before it ("the market research firm IDC", "a spokesperson for Meta"), an apposition that describes an
organisation ("Dunmore Wind, a joint venture between …"), a country's institution named only by its
people or its place ("the Afghan government", "the US military", "Bolivia's public defender's office"), or a
brand's way of writing a name ("WeWork", "MarketAxess").
"""

import re

from .places import is_country_or_region, is_nationality
from .sentences import words

ORG_WORDS = words(
    "department ministry council committee commission agency office bureau bank fund university college "
    "school institute academy association society union federation league party group corporation corp corp. "
    "inc inc. ltd ltd. llc company co. holdings hospital police army navy court parliament senate congress "
    "assembly government administration authority board service services centre center centers foundation "
    "trust network times post news press journal herald tribune guardian gazette forum organization "
    "organisation alliance coalition athletics systems technologies labs motors airlines pharmaceuticals "
    "partners capital media club fc cabinet secretariat energy industries institution laboratory observatory "
    "commerce treasury reserve exchange nations statistics agency council museum gallery library trust charity "
    "finance watch institute universities colleges employers schools hospitals database registry productions "
    "records studios pictures entertainment airways chronicle examiner inquirer enquirer courier dispatch sentinel "
    "telegraph bulletin ledger directorate clinic robotics aerospace analytics dynamics solutions research "
    "therapeutics electronics instruments daily airline securities equities brokerage customs campaign partnership "
    "chamber affairs programme resources"
)
CORPORATE_SUFFIXES = words("inc inc. corp corp. ltd ltd. llc plc co. gmbh ag s.a. sa")

# "the campaign group Reclaim Finance", "the market research firm IDC", "a spokesperson for Meta":
# the words just before a name that make it an organisation.
ORG_BEFORE = re.compile(
    r"\b(?:group|firm|company|organi[sz]ation|charity|agency|bank|insurer|lender|broadcaster|newspaper|magazine"
    r"|website|network|startup|start-up|retailer|supermarket|airline|carmaker|manufacturer|union|party|body|regulator"
    r"|watchdog|think tank|thinktank|ngo|non-profit|nonprofit|consultancy|publisher|studio|brand|chain|fund"
    r"|spokesperson for|spokesman for|spokeswoman for|statement from|shares in|shares of"
    # those who work there: "economists at Goldman Sachs", "an analyst at Jefferies"
    r"|(?:economist|analyst|strategist|researcher|executive|official|employee|engineer)s? at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# An organisation's description, then its name: "The group that owns most of her music, Big Machine, said".
ORG_APPOSITION_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts)\s+(?:[\w-]+\s+){0,2}(?:group|company|firm|label|studio|publisher|charity|agency|bank"
    r"|broadcaster|network|union|party|organi[sz]ation|club|retailer|carrier|airline|regulator|watchdog)\b"
    # not the organisation's person: "the union's general secretary, Roger Rouquette"
    r"(?!['’]s?\s)[^,;]{0,60},\s+$"
)
# An apposition that makes a name an organisation: "Dunmore Wind, a joint venture between …", by its head
# noun, not one after "of" or "at": "a member of the group" is a person who belongs to one.
ORG_ROLE = re.compile(
    r"^(?:(?!(?:of|at|for|in|with|to|from)\b)\w+\s+){0,3}(?:joint venture|company|firm|group|charity"
    r"|organi[sz]ation|agency|bank|fund|union|party"
    r"|start-?up|manufacturer|developer|operator|broadcaster|newspaper|publisher|regulator|watchdog|consortium"
    r"|subsidiary|retailer|lender|insurer|airline|carmaker|think tank|non-?profit)\b"
    # not a person's role in it: "Conservative group leader", "union general secretary", "party chair"
    r"(?!\s+(?:leader|chair\w*|member|head|secretary|general secretary|spokes\w+|director|president|founder|chief"
    r"|manager|official|executive|treasurer|whip|boss|deputy|adviser|advisor|organi[sz]er|analyst|economist)\b)",
    re.IGNORECASE,
)
# A stock ticker after a name: "Harbour Hardware (ticker: HH)", "Kelburn Ferries (NYSE: KF)" is a listed company.
TICKER_AFTER = re.compile(r"^\s*\((?:ticker|NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX|symbol)\s*:\s*[A-Z][A-Z.]{0,6}\)")
_POSSESSIVE_IN_ROLE = re.compile(r"['’]s?\s+")


def _names_an_organisation(description: str) -> bool:
    """Whether an apposition describes an organisation ("the country's largest lender"), judged by
    what follows its last possessive: "Bank of England's governor" describes a person."""
    return bool(ORG_ROLE.search(_POSSESSIVE_IN_ROLE.split(description)[-1]))


# Sentence-openers that may stand before an organisation's name and are not part of it ("While the Treasury").
LEADING_FILLERS = words(
    "the a an and but or so yet while although though after before because as since if when unlike like with "
    "without from for in on at by to into meanwhile however instead still also even former then ex only just now "
    "today recently previously currently"
)

# A brand's way of writing a name: a capital after small letters inside one word ("WeWork", "MarketAxess"), not
# a surname's prefix ("McDonald", "MacLeod", "DeSantis", "DiMaggio", "LaGuardia", "LeBron", "VanDyke").
_BRAND = re.compile(
    r"^(?!Mc|Mac[A-Z]|De[A-Z]|Di[A-Z]|La[A-Z]|Le[A-Z]|Van[A-Z]|Von[A-Z])(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,})$"
)

# A country's institution named by its people or its place: "the Afghan government", "the US military".
NATIONAL_INSTITUTION = re.compile(
    r"\b((?:U\.S\.|US|UK|U\.K\.|(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)(?:['’]s)?"
    r"\s+(?:government|military|army|navy|air force"
    r"|police|foreign ministry"
    r"|(?:defen[cs]e|interior|health|finance|commerce|trade|economy|justice|education|agriculture|environment)"
    r" ministry|embassy|parliament|central bank"
    r"|prosecutors?|coast guard"
    # an office named by the role it serves: "Bolivia's public defender's office", "the Mexican attorney general's
    # office"
    r"|(?:[a-z]+\s+){0,2}(?:defender|ombudsman|ombudsperson|prosecutor|attorney|attorney general|prosecutor general"
    r"|auditor general|inspector general|comptroller|coroner|president|prime minister)['’]s office))\b"
)


def _national_institutions(sentence: str) -> list[str]:
    """ "Afghan government", "US military", "Hong Kong police": an organisation, though only the place or people
    it belongs to is capitalised. The place is the longest run of the capitalised words before it that is one."""
    found = []
    for match in NATIONAL_INSTITUTION.finditer(sentence):
        capitalised = match.group(1).split()
        while capitalised and capitalised[0].lower() in LEADING_FILLERS:
            capitalised = capitalised[1:]
        for start in range(len(capitalised)):
            place = capitalised[start:]
            if place[-1][:1].islower():
                place = place[:-1]
            words_of_place = [word for word in place if word[:1].isupper()]
            institution = capitalised[start + len(words_of_place) :]
            place_name = re.sub(r"['’]s$", "", " ".join(words_of_place))  # "China's commerce ministry"
            if words_of_place and institution and (is_country_or_region(place_name) or is_nationality(place_name)):
                found.append(" ".join(capitalised[start:]))
                break
    return found


def _has_org_word(tokens: list[str]) -> bool:
    # "International" last: "Amnesty International"; not first ("International Women's Day", "… Space Station").
    # "Air" first: an airline ("Air France", "Air Canada"); not last, a product ("MacBook Air"), nor in "Air Force One",
    # a plane.
    return any(token.lower().rstrip(".") in ORG_WORDS for token in tokens) or (
        len(tokens) > 1 and (tokens[-1] == "International" or (tokens[0] == "Air" and tokens[1] != "Force"))
    )
