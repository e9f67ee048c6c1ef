"""What the words around a name say of it, read by the actor finder and the claimant finder alike.

- That it speaks: a speech verb after it ("…, the mayor, said", "Labor Department data show"), the
  verb before it ("…,” said X"), or a source cue before it ("according to X").
- That it is where someone is from or what they represent, not who spoke: "in", "near the", "the MP for"
  before it, or a place before it whose region it is ("in Carver Falls, Minnesota, …").
- What role its bearer holds: an apposition (", the U.S. Ambassador to NATO,") or a title before it
  ("Race director", "China's ambassador to Britain").

Cues sit next to a name: only ``CUE_WINDOW`` characters either side of it are read (``_before``, ``_after``).
"""

import re

from .names import HONORIFICS, TITLE_WORDS, _Span

# Verbs that make their subject a source (shared with attribution.py).
# The same in the other languages of the desk's pages (Spanish, French, German, Portuguese, Italian): "dijo",
# "a déclaré", "sagte", "afirmou", "ha detto".
FOREIGN_SPEECH_VERBS = (
    r"dijo|dice|afirmó|afirma|declaró|explicó|explica|aseguró|asegura|señaló|señala|añadió|indicó|advirtió"
    r"|a déclaré|déclare|a affirmé|affirme|a expliqué|explique|a ajouté|ajoute|souligne|a souligné|assure|a assuré"
    r"|a dit|dit|a écrit|écrit|estime|a estimé|a mentionné|mentionne|a indiqué|indique|a précisé|précise|a annoncé"
    r"|annonce|a rappelé|rappelle|avait déclaré|a reconnu|reconnaît"
    r"|ha dicho|ha afirmado|ha explicado|ha señalado|ha asegurado|ha indicado|explicó|indicó|agregó|sostuvo|precisó"
    r"|sagte|sagt|sagten|erklärte|erklärt|betonte|betont|warnte|berichtete|berichtet|schrieb|teilte|meldete"
    r"|kritisierte|forderte"
    r"|disse|afirmou|declarou|explicou|ha detto|ha dichiarato|ha spiegato|afferma|spiega"
)
SPEECH_VERBS = (
    r"said|says|say|told|tells|tell|claimed|claims|claim|called|calls|reported|reports|signaled|signalled|signals"
    r"|announced|announces|estimates|estimated|confirmed|confirms|stated|states(?=\s+that\b)|insisted|insists"
    r"|warned|warns|added|adds|noted|notes(?=\s+that\b|\s*,)|argued|argues|wrote|writes|tweeted|posted|admitted|admits"
    r"|denied|denies"
    r"|acknowledged|predicted|predicts|promised|pledged|vowed|hinted|suggested|suggests|explained|disputed"
    r"|countered|replied|responded|asserted|asserts|maintained|maintains|alleged|alleges|welcomed|praised"
    r"|criticised|criticized|accused|urged|found|finds|showed|shows(?=\s+that\b)|revealed|reveals|concluded|concludes"
    r"|quipped|joked|remarked|recalled|observed|conceded|concedes|testified|declared|declares|stressed|stresses"
    r"|emphasised|emphasized|cautioned|complained|boasted|lamented|reiterated|contended|contends|cited|cites"
    r"|believes|believed|thinks|argue|estimate|wrote in|posted on|announced on|ruled out|rules out|rejected|dismissed"
    r"|commented|comments(?=\s*:)|assured|assures|spoke|recounted|recounts|retorted|mused|exclaimed|scoffed|fumed"
    r"|slammed|blasted"
    r"|written|projects(?=\s+that\b)|projected(?=\s+(?:that|in)\b)|expected(?=\s+that\b)"
    # a forecast: "expects 16.6 million", "expects consumer prices to rise", "expects continued rate hikes in 2023"
    # (not a wish: "Seoul expects ferry builders to raise their efficiency")
    r"|expects(?=\s+(?:that\b|\$?\d|about\b|around\b|some\b|more\b|[a-z]+\s+(?:(?!to\b)[a-z-]+\s+){0,3}(?:in \d{4}\b"
    r"|to (?:rise|fall|grow|increase|decrease|decline|drop|reach|top|hit|exceed|remain|slow|shrink)\b)))"
    # "forecast Tuesday that", "forecast economic growth of 2.5%" (not "the IMF forecast is")
    r"|forecast(?=\s+(?:that\b|(?:on\s+)?\w+day\s+that\b|\$?\d|(?:[a-z-]+\s+){0,2}(?:growth|inflation)\s+(?:of|at)\b))"
    r"|forecasts(?=\s+that\b)"
    r"|informs|informed|went on to (?:say|assert|claim|add|argue|note|insist|explain)"
    r"|(?:cut|raised|slashed|lowered|trimmed|upgraded|downgraded) its (?:[\w-]+ )?(?:forecasts?|outlook|estimates?"
    r"|projections?|guidance)\b"
    r"|blamed|blames"
    r"|(?:is|are|was|were) (?:alleging|saying|claiming|arguing|warning|insisting|promising|predicting)"
    r"|indicated(?=\s+that\b)|indicates(?=\s+that\b)|points out|pointed out"
    # a forecast ("The fund foresees China's economy growing 3.2%"), words on a recording ("can be heard saying")
    r"|foresees|foresaw|(?:can|could) be heard (?:saying|telling)|(?:was|were|is) heard (?:saying|telling)"
    r"|acknowledges(?=\s+that\b)|recognizes(?=\s+that\b)|recognises(?=\s+that\b)|recognized(?=\s+that\b)|recognised(?=\s+that\b)"
    rf"|{FOREIGN_SPEECH_VERBS}"
)
# Verbs after which the speaker may follow ("…,” said X", "…, added X"): not those whose object is someone else
# ("told The Hill", "called Trump", "urged Congress").
INVERTED_VERBS = (
    r"said|says|say|added|adds|wrote|writes|explained|explains|noted|continued|quipped|joked|remarked|recalled"
    r"|observed|conceded|declared|insisted|argued|argues|warned|asked|replied|responded|countered|stressed"
    r"|emphasised|emphasized|admitted|acknowledged|announced|reported|reports|tweeted|posted|stated|claimed|claims"
    r"|confirmed|predicted|suggested|lamented|boasted|complained|cautioned|commented|maintained|asserted|concluded"
    r"|recounted|recounts|retorted|mused|exclaimed|scoffed|acknowledges|insists|fumed|snapped"
    rf"|{FOREIGN_SPEECH_VERBS}"
)
# A source's numbers speaking for it: "Labor Department data show", "the agency's figures showed".
DATA_SPEAK = (
    r"(?:['’]s)?\s+(?:data|figures|statistics|records|estimates|numbers|analysis|research|poll|survey)"
    r"\s+(?:show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated|found|finds)"
)
# ("states", "notes" and "shows" are nouns too: "four Midwestern states", "Netflix shows"; verbs only before "that".)
# Words between a subject and its speech verb: "Brewer also said", "Putin has already signaled".
ADVERBS = (
    r"(?:(?:also|has|have|had|already|recently|today|previously|once|later|then|repeatedly|publicly|again|quickly"
    r"|first|earlier|since|would|will|privately|initially|separately|reportedly|last \w+|on \w+day|twice|still"
    r"|strongly|flatly|firmly|consistently|long|later|subsequently|immediately|quickly|allegedly|apparently"
    # "Swift took to social media and accused …"
    r"|took to (?:social media|Twitter|Instagram|Facebook|X) (?:and|to))\s+){0,3}"
)
# Right after a name: ", the mayor, said", " also told", ", claimed" (after an apposition, which may end
# in a place and its region: ", an epidemiologist in Carver Falls, Minnesota, said").
SPEECH_AFTER = re.compile(
    # its acronym ("The Universities … Association (UCEA) said"), a party and state ("(R-Warren)"), or what it
    # is of ("the U.S. Attorney's Office for the Western District of New York announced")
    # and the people with them ("Paganini and his team wrote", "Ruiz and her colleagues said")
    rf"^(?:\s*\([A-Z][A-Z&.]{{1,9}}\)|\s*\([RDI]-[^()]{{1,20}}\)"
    r"|\s+and\s+(?:his|her|their)\s+(?:team|colleagues|co-authors|coauthors|co-workers|researchers|lawyers|staff)"
    r"|\s+(?:for|of|at|in)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+|and\s+|the\s+)*[A-Z][\w.'’-]*){0,6}"
    # or what it is on, in lower case ("The Lancet Commission on pollution and health found")
    r"|\s+on\s+[a-z]+(?:\s+(?:and\s+)?[a-z]+){0,3}(?=\s+(?:found|reported|concluded|said|says|estimated)\b))?"
    rf"(?:(?:\s*,[^,;\"“”]{{1,150}}){{1,3}},(?:\s*[A-Z][^,]{{0,40}},)?|\s*,)?\s*{ADVERBS}(?:{SPEECH_VERBS})\b"
    # an apposition the writer did not close: "Ana Ruiz, a research analyst at the Centre for Energy, Water and
    # Land think tank told …": a role and where it is held ("X, the president said" is none)
    rf"|^,\s+(?:a|an|the)\s+[a-z][\w-]*(?:\s+[\w-]+){{0,3}}?\s+(?:at|of|for|with|from|in)\s+[^,;\"“”]{{1,100}}?"
    rf"(?:,[^,;\"“”]{{1,60}}?){{0,2}}\s+{ADVERBS}(?:{SPEECH_VERBS})\b"
    rf"|^{DATA_SPEAK}\b"
    rf"|^['’]s?\s+(?:office|spokes(?:man|woman|person)|press (?:office|secretary)|statement|campaign)\s+{ADVERBS}"
    rf"(?:{SPEECH_VERBS})\b"
)
# "…,” said X", "…,” quipped X", "…, said The We Company's recently named executive chair X": the verb after a
# closing comma or quotation mark, then the speaker, after their role.
# Not "…, reported that President X's …": what follows "that" is what was said, not who said it.
INVERTED_BEFORE = re.compile(
    rf"[,\"”’]\s*(?:{INVERTED_VERBS})\s+(?:(?!that\b)[\w.’'-]+,?\s+){{0,12}}$"
    # nouns too ("his comments are"): verbs only with the speaker right after them ("…,” comments Tom Johnston)
    r"|[,\"”’]\s*(?:comments|notes)\s+$"
    # German puts the verb second, the speaker after it: "Das sagte Wirtschaftsminister Robert Habeck", "Am Montag
    # erklärte die Ministerin …"
    r"|^(?:[\w.’'-]+,?\s+){1,5}(?:sagte|sagt|sagten|erklärte|erklärt|betonte|betont|warnte|schrieb|berichtete|teilte)"
    r"\s+(?:[\w.’'-]+\s+){0,4}$"
)
# A role in lower case just before a name: "executive chair Marcelo Claure", "economist Ana Ruiz".
_ROLE_JUST_BEFORE = re.compile(r"(?:^|\s)([a-z][\w.-]*)\s+$")
# Right before a name, these make it where someone is from or what they represent, not who spoke:
# "in ", "near the ", "the MP for ". A place and its region ("in Carver Falls, Minnesota, …"): the
# region follows the place's name and a comma.
PLACE_BEFORE = re.compile(
    r"(?:\b(?:MPs?|MSPs?|MEPs?|member|senator|congress(?:wo)?man|representative|councillor|councilor|mayor|governor"
    r"|candidate|seat|constituency|district|ward)\s+(?:for|of)|\b(?:represents|representing|in|from|near|across|outside"
    r"|inside|into|around|throughout|on|since|until)|\b(?:MP|MSP|MEP))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "in Carver Falls, Minnesota, said": a place before the comma. Not a month or a day ("In a letter in May, Zippy
# Duvall, the president of …, said").
REGION_BEFORE = re.compile(
    r"\b(?:in|near|outside|across|throughout|around)\s+"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[.\s\d]*,)"
    r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*,\s+$"
)
SOURCE_BEFORE = re.compile(
    r"(?:\b(?:according to|según|selon|laut|segundo|secondo) "
    r"(?:(?:a|an|the|la|el|los|las|le|les|l['’]|der|die|das)\s*)?"
    r"(?:[\w-]+\s+){0,3}?"
    r"|\b(?:study|studies|report|reports|analysis|analyses|survey|surveys|poll|polls|data|figures|statement|estimate"
    r"|estimates|research|review|tests|testing|findings|measurements|calculations|projections|forecast|forecasts"
    r"|numbers|statistics"
    # people who speak for where they work: "experts from NOAA", "researchers at Leeds University"
    r"|experts|researchers|scientists|economists|analysts|engineers)"
    r"\s+(?:by|from|at)\s+"
    # "said spokesman X"; not "said that X will …", whose X is what was said about, nor "said SpaceX would fly X"
    r"|\b(?:said|says|added|explained|wrote|according to)\s+(?:(?!that\b)(?-i:[a-z]+)\s+){0,3})(?:the\s+)?$",
    re.IGNORECASE,
)


def _apposition(after: str) -> str:
    """The role in ", the U.S. Ambassador to NATO," right after a name, or ''."""
    match = re.match(r",\s+(?:the|a|an)\s+([^,;]{2,100}?)\s*(,|;|[.!?]?[\"”’]?$)", after)
    if match and len(match.group(1).split()) <= 12:
        role = match.group(1).strip()
        # Closed by a comma it is an apposition; at the end of the sentence only if it names a role.
        if match.group(2) == "," or any(word.lower() in TITLE_WORDS for word in role.split()):
            return role
    match = re.match(r",\s+((?:[A-Z][\w.'’-]*\s+){0,4}([A-Za-z.-]+)\b[^,;]{0,60}?)\s*(?:,|;|[.!?]?[\"”’]?$)", after)
    if match and match.group(2).lower() in TITLE_WORDS:
        return match.group(1).strip()
    return ""


def _without_pronoun(role: str) -> str:
    """A role without the possessive it opened with: "Its director" is "director" (whose, the reader cannot tell)."""
    first, _, rest = role.partition(" ")
    return rest if rest and first.lower() in {"its", "their", "his", "her", "our", "my", "your"} else role


def _role_before(before: str) -> str:
    """The role in "The Bank of England's governor, " or "Race director " just before a name, or ''."""
    match = re.search(
        r"(?:^|[,;:—–(]\s*|\b(?:and|said|says|by)\s+)(?:[Tt]he\s+)?((?:[\w.'’-]+\s+){0,4}?([\w.-]+)),\s*$", before
    )
    if match and match.group(2).lower() in TITLE_WORDS:
        return match.group(1)
    match = re.search(
        r"(?:^|[,;:—–(]\s*|\b(?:and|said|says|by)\s+)(?:[Tt]he\s+)?((?:[\w.'’-]+\s+){0,3}?([\w.-]+))\s+$", before
    )
    if match and match.group(2).lower() in TITLE_WORDS and match.group(2).lower() not in HONORIFICS:
        words = match.group(1).split()
        while words and words[0].lower() in {"the", "a", "an", "and", "in", "of", "to", "with", "at", "for"}:
            words = words[1:]
        return " ".join(words)
    # "China's ambassador to Britain Liu Xiaming": a role and where it is held, right before the name.
    match = re.search(
        r"((?:[\w.'’-]+\s+){0,2}?([a-z][\w.-]*)\s+(?:to|of|for|at)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3})$", before
    )
    if match and match.group(2).lower() in TITLE_WORDS and match.group(2).lower() not in HONORIFICS:
        return match.group(1).strip()
    return ""


# Cues sit next to a name. Looking only this far keeps the regular expressions linear on long sentences.
CUE_WINDOW = 160


def _before(sentence: str, start: int) -> str:
    return sentence[max(0, start - CUE_WINDOW) : start]


def _after(sentence: str, end: int) -> str:
    return sentence[end : end + CUE_WINDOW]


def _is_place(before: str, after: str, span: _Span) -> bool:
    """Whether the sentence puts a name where a place goes ("in Carver Falls", "in Carver Falls, Minnesota,"),
    so that a speech verb after it ("…, Minnesota, said") is no sign of a person. A title before it wins."""
    if span.prefix:
        return False
    return bool(PLACE_BEFORE.search(before)) or (bool(REGION_BEFORE.search(before)) and after.lstrip().startswith(","))


# A role in lower case after a name: what the place before it qualifies ("White House Russia adviser").
ROLE_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:adviser|advisor|envoy|expert|specialist|correspondent|official|analyst|director"
    r"|ambassador|minister|secretary|chief|head|spokes(?:man|woman|person))\b"
)


# An organisation's people speaking for it: "Alibaba executives have denied", "Kelburn officials said". Only after
# an organisation: "Trump officials said" is not Trump speaking.
ITS_PEOPLE_SPEAK = re.compile(
    rf"^\s+(?:officials|executives|leaders|representatives|spokespeople|bosses|staff|tribe)\s+{ADVERBS}"
    rf"(?:{SPEECH_VERBS})\b"
)
# "…, with Audi suggesting that …": the one named after "with" says it.
WITH_BEFORE = re.compile(r"\bwith\s+$")
WITH_SAYING = re.compile(
    r"^\s+(?:suggesting|saying|claiming|warning|arguing|insisting|noting|adding|predicting|promising)"
    r"\s+(?:that\b|[\"“])"
)
