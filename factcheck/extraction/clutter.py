"""Remove web clutter from article text, by general, named rules.

Text copied from a news page carries the page around it. Each rule below
recognises one kind of clutter by its form, not by any one site's wording:

- ``sponsored_block``: a "Sponsored content" / "This content sponsored by …" /
  "Advertorial" marker and everything after it up to the next long prose
  paragraph (an advert is short lines, lists, phone numbers and hashtags).
- ``contact_ad``: a line offering a phone number to call or message.
- ``advertisement``: "Advertisement", "Story continues below advertisement" …
- ``cross_link``: "Related: …", "Read more: …", "You might also like: …",
  "Don't miss: …", "READ MORE:" with the headlines listed under it.
- ``emoji_promo``: a line that opens with an emoji (news prose never does).
- ``photo_credit``: captions and credits ("Photo: …", "Image credit: …",
  "…Photographer: Name/AFP", "(Name / Outlet)").
- ``hashtags``: a line that is mostly hashtags, or a "Tags:" line.
- ``byline``: "By Name", "Published March 3, 2026", a date alone on a line.
- ``press_boilerplate``: "FOR IMMEDIATE RELEASE", "###", "-30-" and a
  "Media contact:" block.
- ``navigation``: the page's own links and buttons ("Skip to main content",
  "Menu", "Sign in Search", "* *", "(BUTTON) Accept", an audio player's
  "Listen to this article · 4 min").
- ``cookie_notice``: "We use cookies to …".
- ``dateline`` and ``last_modified``: a line of dates and times only
  ("Mon 20 Jan 2020 06.05 GMT", "Jul 3, 2019, 6:30 PM EDT", "2 days ago"),
  and one saying when it was last modified or updated.
- ``copyright``: "© 2020 …", "All rights reserved", a trademark notice, "This
  document is subject to copyright", "for your personal, non-commercial use
  only", a disclaimer ("The views expressed … do not necessarily reflect …").
- ``citation``: "Citation: … retrieved 20 January 2020 from https://…",
  "More information: … DOI: …", "Provided by …".
- ``tweet_signature``: the "— Name (@handle) July 3, 2019" under an embedded post.
- ``advert``: a shop advert or deal ("$79.99 at Amazon", "Buy now", "save 40%",
  affiliate-link notices), with the product name just above it.
- ``teaser``: other stories: a "More on this story" / "Read next" / "Most
  popular" list up to the next prose paragraph, and a headline stamped with how
  long ago it was posted ("… 3 hours ago").
- ``editors_note``: a note the outlet added to the article: "Editor's note: …",
  "Update July 3rd, 8:05AM ET: …", "Correction: …", "An earlier version of
  this article …", "This story has been updated …".
- ``syndication``: where the article first ran or who may republish it: "This
  article originally appeared on …", "This article has been adapted from its
  original source", "Republished with permission", "Distributed by …".
- ``comments``: a "Comments (412)" heading after the article and everything
  after it (readers' comments, then the page's footer).
- ``embed``: a player's embed code left in the text ("<iframe …>").
- ``image``: an image's alternative text in brackets ("[tower]", "[IMG]").
- ``newsletter_prompt``, ``share_prompt``, ``comment_prompt``: reader prompts.
  Inside a prose paragraph only the prompting sentences (and the reader
  questions around them) go; the rest of the paragraph stays.

Nothing is silently dropped: every removal is returned as
``{"rule": name, "text": line}`` for the editor to review.

``wire_dateline()`` takes the dateline off an article's first paragraph
("LOS ANGELES (Reuters) - …", "DUBAI, United Arab Emirates — …",
"Indianapolis – …"): it is where and by whom the story was filed, kept as the
article's dateline, not part of its first claim.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .places import is_place
from .sentences import split_sentences, words

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")
_DAY_FIRST_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})(?!\d)")
_I = re.IGNORECASE

SPONSORED = re.compile(
    r"^\W*(?:(?:this|the following)\s+(?:content|post|article|story|feature)\s+(?:is\s+|was\s+)?)?"
    r"(?:sponsored|advertorial|paid (?:content|post|partnership|promotion)|partner content"
    r"|promoted (?:content|by|stories)|brought to you by|in partnership with)\b",
    _I,
)
PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]{6,}\d(?![\w.])")
CONTACT_VERB = re.compile(r"\b(?:call|whatsapp|text|sms|dial|contact|helpline|hotline|message us|phone)\b", _I)
EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# How a reporter asks to be reached, in the languages of the desk's pages: "You can reach …", "Vous pouvez joindre …".
REACH = re.compile(
    r"\b(?:reach|contact|write to|email|e-mail|joindre|écrire|courriel|contacter|erreichen|kontakt|escribir|correo)\b",
    _I,
)
ADVERTISEMENT = re.compile(
    r"^(?:advertisements?|ad|ads|sponsored|skip advertisement"
    r"|story continues below(?: (?:advertisement|gallery|video|photos?|slideshow))?"
    r"|article continues below(?: advertisement)?|continue reading(?: below| the main story)?"
    r"|scroll to continue(?: with content)?|remove ads)\W*$",
    _I,
)
CROSS_LINK = re.compile(
    r"^(?:related(?: stories| articles| coverage| reading| content| links?)?|read more|read also|also read"
    r"|more from [^:]{1,40}|more on (?:this|that)(?: story)?|see also|see more|don'?t miss|do not miss"
    r"|you (?:might|may) also like"
    r"|recommended(?: for you| reading)?|trending(?: now| stories)?|most (?:read|popular)|popular now|further reading"
    r"|editor'?s picks?|top stories|watch|listen|also on [^:]{1,30}|keep reading|more)\s*(?::|—|–|-|>>|»|\|)",
    _I,
)
# The page's audio player over the article: "Listen to this article · 4 min", "Listen to this story", "Play audio".
AUDIO_PLAYER = re.compile(
    r"^(?:listen to (?:this |the )?(?:article|story|report)|listen|play (?:this )?(?:article|story|audio))"
    r"(?:\W+\d{1,3}(?::\d{2})?\s*(?:min(?:ute)?s?|m)\b(?: listen)?)?\W*$",
    _I,
)
CLOSED_COMMENTS = re.compile(r"^comments (?:are|have been) (?:closed|disabled|turned off)\.?$", _I)
# The same story in another language: "Read this story in Bengali".
OTHER_LANGUAGE = re.compile(
    r"^(?i:read|watch|listen to) (?i:this|the) (?i:story|article|report|video) in [A-Z][a-z]+\.?$"
)
# A pointer to another story in brackets: "(See the world's top 10 ferry ports.)", "(Read more: …)".
BRACKETED_LINK = re.compile(r"^\((?:see|read|watch|listen to|related|also see|click here|more)\b[^()]{0,150}\)\.?$", _I)
# A live story's note on its times: "The Latest on the ferry strike (all times local):".
TIMES_NOTE = re.compile(r"\(all times [\w .]{1,12}\):?$", _I)
# The time, zone and date before a byline: "5:45 AM PST 11/19/2019 by Dana Whitfield".
STAMPED_BYLINE = re.compile(
    r"^\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?)\s*(?:[A-Z]{2,4}\s+)?\d{1,2}/\d{1,2}/\d{2,4}\s+(?:by\s+\S|\|)", _I
)
CROSS_LINK_HEADER = re.compile(
    r"^(?:related(?: stories| articles| coverage| reading)?|read more|more stories|you (?:might|may) also like"
    r"|must[- ]reads?(?: stories)?|(?-i:MORE (?:ON|FROM|IN|ABOUT) [A-Z&'’ ]{2,30})"
    r"|recommended(?: for you)?|trending|most read|further reading|more from [^:]{1,40})\s*:?$",
    _I,
)
PHOTO_CREDIT = re.compile(
    r"^\(?(?:photos?|photograph|image|images|picture|pictured|caption|credit|illustration|graphics?|video|gallery"
    r"|interactive|chart|factbox|map)"
    r"(?: credits?| courtesy| source| by)?\s*:"
    r"|\b(?:photographer|photograph|photo credit|photo by|image credit|image by|picture credit|credit)\s*:"
    r"|\bfile photo\b|\b(?:purchase|acquire) licensing rights\b|^(?:image|media|video) (?:caption|source),"
    r"|\((?:photo|image|picture|credit)[^)]*\)\s*$"
    r"|\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+\s*/\s*[^)]{2,60}\)\s*$"
    r"|(?:/|via |\| )\s*(?:AFP|AP|Reuters|Getty Images|EPA|Shutterstock|Bloomberg|PA(?: Media)?|Alamy|ANI|Xinhua)"
    r"\s*\)?$"
    r"|\bGetty Images\s*$"
    # a caption with its agency run into its full stop: "… outside a co-working space in New York.Reuters"
    r"|[a-z]\.(?-i:AFP|AP|Reuters|REUTERS|Getty Images|EPA|Shutterstock|Bloomberg|Alamy|Xinhua)(?:\s*/\s*[^/]{2,40})?$"
    r"|\b(?:REUTERS|Reuters|AFP|AP|EPA)\s*/\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*-?\s*$"
    r"|^(?:this|the (?:following|below|above)) (?:graphic|chart|infographic|map|table|video)\b[^.]{0,60}?"
    r"\b(?:provided|produced|created|supplied|courtesy) (?:by|of)\b"
    r"|\b[A-Z][\w'’-]+ [A-Z][\w'’-]+\s?/\s?(?:The |the )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4}\s*$",
    _I,
)
HASHTAG_LABEL = re.compile(r"^(?:tags?|keywords?|keyword\s*&\s*tags?|topics|hashtags|filed under)\s*:", _I)
BYLINE = re.compile(
    r"^(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:$|,|\||(?i:and)\b|—|–|-)"
    r"|^(?i:published|updated|posted|last updated|first published|mis à jour|actualizado|aktualisiert)\b"
    r".*(?:\d{4}|\d{1,2}:\d{2}|\d{1,2}h\d{2}|(?i:ago))"
    # in the languages of the desk's other pages, after the date too: "05/10/2018 - Publicado por: …"
    r"|^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*[-–|]\s*)?"
    r"(?i:publicado|publicada|publié|publiée|veröffentlicht) (?i:por|par|von|el|le|am)\b"
)
# "By Dana Whitfield, a senior reporter covering wearables." (and the date a text browser ran into it)
BYLINE_WITH_ROLE = re.compile(
    r"^(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+(?:an?|the|our)\s+(?:[\w-]+\s+){0,4}"
    r"(?i:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer)\b"
)
DATE_ONLY = re.compile(
    rf"^(?:\w+day,?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}(?:[,|\s]+\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?.*)?$", _I
)
PRESS_BOILERPLATE = re.compile(
    r"^(?:for immediate release|###|#\s#\s#|-\s*30\s*-|-?\s*ends\s*-?|embargoed(?: until)?[^.]*)\W*$", _I
)
CONTACT_HEADER = re.compile(r"^(?:media|press|investor|editorial)?\s*(?:contacts?|enquiries|inquiries)\s*:", _I)
NEWSLETTER = re.compile(
    r"\b(?:sign up|signup|subscribe)\b.*\b(?:newsletter|inbox|alerts?|updates|notifications|podcast|channel|briefing)\b"
    r"|\bnewsletter\b.*\b(?:sign up|subscribe|inbox|delivered)\b"
    r"|\bturn on (?:push )?notifications\b"
    r"|\b(?:click|tap)\b[^.]{0,60}\b(?:enable|allow) (?:push |browser )?notifications\b"
    r"|^subscribe\b|^sign up\b|\bget (?:our|the) [\w' ]{0,30}newsletter\b"
    r"|\b(?:get|delivered|sent|receive)\b[^.]{0,60}\b(?:in|to|into) your inbox\b"
    # what a sign-up box says after the click: "Thanks for signing up!", "Keep an eye on your inbox …"
    r"|^thanks? (?:you )?for (?:signing up|subscribing)\b|^keep an eye on your inbox\b"
    # "Get up to speed with our Essential California newsletter, sent six days a week.", a sign-up box's
    # "Keep me up to date on the latest happenings"
    r"|^(?:get|sign up for|subscribe to|read)\b[^.]{0,30}\bour [\w' ]{0,40}newsletter\b"
    r"|^keep me (?:up to date|updated|informed|posted)\b[^,.!?\"“”]{0,60}$"
    r"|\berror processing your (?:subscription|request|sign-?up)\b"
    # a membership pitch: "If you enjoyed this article, … Join NRPLUS", "Become a member …"
    r"|^if you (?:enjoyed|liked|value) (?:this|our) (?:article|story|journalism|reporting)\b[^.]{0,80}[,:.]"
    r"\s*(?:we have a proposition|(?:please )?(?:join|subscribe|support|become|consider))"
    r"|\bmembers get\b[^.]{0,80}\b(?:no paywalls?|ad-free)\b",
    _I,
)
SHARE = re.compile(
    r"^(?:share (?:this|on|via|the|it|your)\b|share\s*:|follow us\b|like us on\b|print this\b|reuse this content\b)"
    r"|\b(?:follow us on|share on (?:facebook|x|twitter|whatsapp|linkedin|email))\b"
    # The outlet's own accounts and programmes: "Follow Newsbeat on Instagram, Facebook and YouTube.",
    # "Listen to Newsbeat live at 12:45 weekdays - or listen back here.", "How to listen to the podcast".
    r"|^(?:follow|get)\b[^.!?]{0,80}?\bon (?:facebook|twitter|x|instagram|youtube|tiktok|linkedin|threads|bluesky)\b"
    # "On Twitter: Follow Wendy Koch and get more environment and energy coverage"
    r"|^on (?:facebook|twitter|x|instagram|youtube|tiktok|linkedin|threads|bluesky)\s*:\s*(?:follow|like|join)\b"
    r"|^(?:listen|watch|tune in)\b[^.!?]{0,100}\b(?:live at|live on|listen back|watch again|on demand|catch up)\b"
    r"|^how to (?:listen|subscribe|watch|follow)\b[^.!?]{0,60}$"
    # "Catch up on the campaign with our experts on our weekly politics podcast, “Ground Game.”"
    r"|^(?:catch up|listen|tune in|keep up)\b[^.!?]{0,120}\bour (?:\w+ ){0,3}(?:podcast|newsletter|show|channel)\b"
    r"|^comments?\s*\(\d+\)|^\d[\d,]* comments?\b|^(?:read|view|see|show|load)(?: all| the)? \d[\d,]* comments?$"
    r"|^(?:give|gift|save|send) (?:this )?(?:article|story)$",
    _I,
)
COMMENT = re.compile(
    r"\b(?:in the comments?|leave a comment|comment below|join the (?:conversation|discussion|debate)|let us know"
    r"|share your (?:thoughts|views|story|experience)|tell us (?:what|in|below|your)|email (?:our|the) newsroom"
    r"|sound off|what do you think\?|have your say|come across a typo|send an edit request|feedback to editors"
    r"|we(?:['’]d| would) (?:like|love) to hear|here(?:['’]s| is) our email"
    r"|(?:publish|submit|send|write)\w*\b[^.]{0,40}\bletters? to the editor)\b",
    _I,
)
WEB_LINK = re.compile(
    r"^(?:https?://|www\.)\S+$|\bfor more information,? (?:visit|contact|call|go to|see)\b"
    # "Listen: http://…", "More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports"
    r"|^[\w' ]{1,30}:\s*(?:https?://|www\.)\S+(?:\s+and\s+(?:https?://|www\.)\S+)*$"
    r"|^(?:follow|read|see|watch|listen to|find|get|visit)\b[^.!?]{0,120}\b(?:at|on|to|via)\s+(?:https?://|www\.)\S+\s*$",
    _I,
)
# A sponsor's line under the article: "This week's Tennis Podcast is sponsored by the Davis Cup Finals, …".
SPONSOR_NOTE = re.compile(
    r"^\W*this (?:week(?:'|’)?s |episode|podcast|newsletter|show|series|coverage|content)[^.]{0,60}?"
    r"\b(?:is|are|was) (?:sponsored|underwritten|supported|brought to you|made possible) by\b"
    r"|^this (?:shop|post|article|review|content|video)\b[^.]{0,40}\b(?:has been|was|is) (?:compensated|paid)\b",
    _I,
)
# A widget's placeholder: "Loading weather data ...", "Loading Photo Gallery".
LOADING = re.compile(
    r"^loading\b[^.!?]{0,40}(?:\.\.\.|…)?$|\bloading\s*(?:\.\.\.|…)$"
    # what a page says to a browser without scripts, and the state of a live page: "Please turn on JavaScript to use
    # this feature", "This live blog is now closed.", "This live page is no longer being updated."
    r"|^(?:please )?(?:turn on|enable|activate) javascript\b[^.!?]{0,60}[.!]?$"
    r"|^this (?:live )?(?:blog|page|coverage|live blog|live page)\b[^.!?]{0,20}"
    r"\b(?:is|has) (?:now )?(?:closed|ended|no longer (?:being )?updated)\.?$",
    _I,
)
# Markup left in the text: an embedded player's code ("<iframe src=…>Your browser does not support frames.").
EMBED = re.compile(r"<(iframe|script|object|video)\b.*?(?:</\1>|$)|<(?:embed|img)\b[^>]*>", _I | re.DOTALL)
# A player's widget before the text on the same line: "World December 29 2014 9:11pm 01:34 Loading... Video of …".
WIDGET_PREFIX = re.compile(r"^(?:\S+\s+){0,10}?loading\s*(?:\.\.\.|…)\s+(?=[A-Z\"“])", _I)
# A chart's or a table's sources: "SOURCE: Aviation Safety Network; ICAO; WORLD BANK." (names only: "Source: the
# ministry said …" is a sentence).
CHART_SOURCE = re.compile(
    r"^\(?(?i:sources?)\s*:\s*(?:(?:[A-Z0-9][\w.&'’-]*|of|and|the|for|from|via|[;,/&])\s*)+\)?\.?$"
)
# "Patricio Candia | Palma de Mallorca | 08/01/2014": the writer, the place and the date, as a line.
PIPED_BYLINE = re.compile(
    r"^[^|]{2,40}(?:\s\|\s[^|]{2,40}){1,3}\s\|\s(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|.{0,20}\d{4})$"
)
_SOCIAL = re.compile(
    r"^(?:[|,/•·\s-]*(?:facebook|x|twitter|email|e-mail|whatsapp|linkedin|pinterest|reddit|telegram|instagram"
    r"|tiktok|youtube|threads|bluesky|copy link|print|share|comments?(?:\s*\(\d+\))?))+[|,/•·\s.-]*$",
    _I,
)

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday|\.)?"
_TIMEZONE = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|ET|PT|Z)"
# Every token of a dateline: weekdays, months, numbers, times, zones, "ago" and the words around them.
_DATE_TOKEN = re.compile(
    rf"^(?:{_WEEKDAY}|{_MONTH}|{_TIMEZONE}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:[ap]\.?m\.?)?"
    r"|[ap]\.?m\.?|\(?[A-Z]{2,4}\)|ago|an?|one|few|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|on|at|last|modified|updated|published|posted|first|edited|reviewed|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|share|comments?|save|print"
    r"|[|•·,/—–-])$",
    _I,
)
_DATE_MARK = re.compile(
    rf"\b(?:{_MONTH}|\d{{1,2}}[:.]\d{{2}}|ago|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b", _I
)
ALERT = re.compile(r"^(?:BREAKING(?: NEWS)?|JUST IN|LIVE(?: UPDATES)?|DEVELOPING(?: STORY)?|ALERT|WATCH LIVE)\b")
_SYMBOLS_ONLY = re.compile(r"[*|•·>»\s]+")
LAST_MODIFIED = re.compile(r"\b(?:last modified|last updated|updated|modified|edited)\b", _I)
NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|main content|search|footer)|skip navigation|jump to\b|back to top"
    r"|open (?:menu|navigation)\b|close (?:menu|navigation)\b|toggle navigation\b|main menu\b)"
    r"|\(BUTTON\)|_{6,}|^_{3,}$|^\[ ?\]|^see more (?:photos|pictures|images|videos)\W*$",
    _I,
)
NAV_WORDS = words(
    "menu search home sign in log login logout out register subscribe subscribed newsletter newsletters account "
    "my news close contribute support us help about contact contacts careers jobs advertise advertising terms use "
    "conditions privacy policy notice cookie cookies settings accessibility sitemap rss apps app edition editions "
    "international español français deutsch more sections topics profile e-paper epaper archive archives games "
    "crosswords puzzles podcasts video videos live shop status platform skip main content navigation discover "
    "professional legal corrections complaints feedback follow print manage preferences faq world politics business "
    "culture food science sciences tech technology sport sports opinion lifestyle health travel environment "
    "entertainment economy markets reviews uk us local national weather obituaries notices e-edition edition log"
)
COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.*\b(?:use|uses|using|accept|consent|policy|settings|preferences|experience|agree|personalis|personaliz)"
    r"|\b(?:we|this (?:site|website)) uses? cookies\b",
    _I,
)
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|\bpatent and trademark office\b|®.{0,80}\btrademark"
    r"|\bis a (?:registered )?trademark of\b|\bsubject to copyright\b"
    r"|\bwithout (?:the )?(?:express )?written permission\b"
    r"|^our standards\s*:|\btrust principles\b|ⓒ|\bfor your personal,? non-commercial use only\b",
    _I,
)
# "If you buy something through this post, the site may get a share of the sale."
AFFILIATE = re.compile(r"\bmay (?:get|earn|receive) a (?:share|commission|small commission)\b", _I)
# A disclaimer under the article: "Disclaimer: The views … expressed …", "The views and opinions expressed in the
# article do not necessarily reflect those of …".
DISCLAIMER = re.compile(
    r"^disclaimer\s*:|^the views(?: and opinions)? expressed (?:in|by|here)\b[^.]{0,120}\b(?:do not|don't) necessarily",
    _I,
)
CITATION = re.compile(
    r"^citation\s*:|\bretrieved (?:on )?\d{1,2} \w+ \d{4} from\b|\bretrieved (?:on )?\w+ \d{1,2}, \d{4},? from\b"
    r"|^more information\s*:|^provided by\b|^journal information\s*:|^doi\s*:|\bdoi:\s*10\.\d{4,}",
    _I,
)
TWEET_SIGNATURE = re.compile(
    rf"^[—–-]\s*[^()]{{1,60}}\(@\w{{1,15}}\)\s*{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s*$|\bpic\.twitter\.com/\w+", _I
)
PRICE = re.compile(r"[$£€]\s?\d[\d,]*(?:\.\d{2})?")
SHOP = re.compile(
    r"\b(?:shop now|buy now|buy it now|add to (?:cart|basket)|free shipping|free delivery|promo code|coupon"
    r"|discount code|today's (?:best )?deals|deal of the day|% off|save \d+%|\(was [$£€]"
    r"|at (?:amazon|best buy|walmart|target|ebay|argos|currys|john lewis))"
    r"|\baffiliate (?:links?|commission)\b",
    _I,
)
TEASER_HEADER = re.compile(
    r"^(?:more on this (?:story|topic)|read next|up next|most (?:popular|viewed|read|shared)|popular|trending(?: now)?"
    r"|explore further|featured|related(?: stories| articles| coverage| content| topics| news)?"
    r"|(?:recommended|popular|trending)(?: for you| stories| articles| reads| reading| videos| news)?"
    r"|(?:top|latest|more) (?:stories|articles|reads|videos|news)"
    r"|you (?:may|might) also like|more (?:stories|news|from [^:]{1,40})|latest(?: news| stories)?|top stories"
    r"|editor'?s picks?|around the (?:web|site)|further reading|in other news|don'?t miss)\b[\s:\-–—.…]*$",
    _I,
)
# A headline with its date run into it: "Harbor ferry service to resume in April after two-year pauseMar 8, 2023".
_TRAILING_DATE = re.compile(
    rf"(?<=[a-z?!]){_MONTH}\s\d{{1,2}},\s\d{{4}}\s*$|(?<=[a-z?!])\d{{1,2}}\s{_MONTH}(?:\s\d{{4}})?\s*$"
)
RELATIVE_TIME = re.compile(
    r"(?:(?:\b|(?<=[a-z?!]))(?:\d+|an?|one|few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|\b\d+\s+min(?:ute)?s?\s+read)\s*$",
    _I,
)
COMMENTS_HEADER = re.compile(
    # in the languages of the desk's other pages too: "11 commentaires", "Comentarios (3)", "5 Kommentare"
    r"^(?:comments?|reader comments|\d[\d,]*\s+(?:comments?|commentaires?|comentarios?|kommentare?)(?:\s*\(\d+ new\))?"
    r"|(?:comments?|commentaires?|comentarios?|kommentare?)\s*\(\d[\d,]*\)|commentaires|comentarios|kommentare|discussion"
    r"|join the (?:discussion|conversation)|conversation)\s*$",
    _I,
)
IMAGE_ALT = re.compile(r"^(?:\[[^\]]{1,60}\]|\(IMG\)|\[IMG\]|IMG)$")
SIGN_OFF = re.compile(
    r"^\(?(?i:reporting|writing|additional reporting|editing|compiled|produced) (?i:by)\b"
    r"|^(?i:with (?:additional )?assistance (?:by|from))\b"  # "With assistance by Kevin Cirilli, Jennifer Jacobs"
    r"|\b(?i:contributed(?: reporting)? to this (?:report|story|article)|contributed reporting (?:from|in)\b)"
    r"|^(?i:(?:reach|contact|follow) (?:the )?(?:reporters?|writers?|authors?|editors?|[A-Z]\w+ [A-Z]\w+) "
    r"(?:on|at|via) (?:twitter|x|email|bluesky|threads)\b)"
    r"|^(?i:to contact the (?:reporters?|writers?|editors?|authors?)\b)|^(?i:(?:a )?special (?:thanks|credit) to)\b"
    # the same in the languages of the desk's other pages: "Con información de …", "Avec …", "Mit Material von …"
    r"|^(?i:con (?:información|informaci[oó]n|reportes?|reporting) de|mit material von|avec l['’]afp|avec afp)\b"
    r"|\b(?i:can be reached at)\b"
    # "Dana Whitfield is a senior reporter", "Ruth Adeyemi is the Northern Echo Times' health editor"
    r"|^[A-Z][\w'’-]+ [A-Z][\w'’-]+ is (?:an?|the) (?:[\w'’-]+ ){0,5}"
    r"(?:writer|reporter|correspondent|editor|journalist|columnist|contributor|producer)\b"
    r"|\b(?i:follow (?:her|him|them|me) on (?:twitter|x|instagram|bluesky|threads))\b",
)

EDITORS_NOTE = re.compile(
    r"^\W*(?:editor'?s'?\s+note|editors'\s+note|note to (?:readers|our readers)"
    r"|(?:update|updated|correction|clarification|editor's update)\b[^!?\n]{0,60}?[:—–](?:\s|(?=[A-Z]))"
    r"|an earlier version of this (?:article|story|report|post|piece)"
    r"|this (?:article|story|report|post|piece) (?:has been|was|is being) (?:updated|corrected|amended|clarified)\b)",
    _I,
)
SYNDICATION = re.compile(
    r"^\W*(?:this (?:article|story|post|piece|report|column|interview|content)\b[^.]{0,80}?"
    r"\b(?:originally|first) (?:appeared|published|ran|was published)"
    r"|(?:this (?:article|story|post|piece) )?(?:was |is )?originally (?:published|appeared|posted) (?:on|in|at|by)\b"
    r"|this (?:article|story|piece|post|content) (?:has been|was|is) (?:adapted|republished|reprinted|reproduced"
    r"|syndicated|shared)\b"
    r"|(?:republished|reprinted|reproduced) (?:here )?(?:with|by) (?:kind |the )?permission"
    r"|this (?:article|story) is republished from\b|(?:distributed|syndicated) by\b"
    # where the newspaper printed it: "A version of this article appears in print on Feb. 21, 2026, Section A"
    r"|an? (?:version|shorter version|edited version) of this (?:article|story|piece|column|essay) appear(?:s|ed)\b"
    r"|this (?:article|story|content) (?:was )?(?:produced|published)"
    r" (?:by|in partnership with|in collaboration with)\b)",
    _I,
)
WIRE_AGENCIES = (
    r"AP|Reuters|AFP|Bloomberg|dpa|DPA|UPI|CNN|PA|IANS|PTI|ANI|Xinhua|EFE|ANSA|Kyodo|Yonhap|TASS|KUNA|WAM|SPA"
    r"|Anadolu|Bernama|CNA|AAP|NYT|Sputnik|RIA|Interfax"
)
# The services that carry companies' press releases, between slashes: "HAMBURG, Jan. 28, 2026 /PRNewswire/ --"
RELEASE_WIRES = (
    r"PRNewswire|PR Newswire|Business Wire|BUSINESS WIRE|GLOBE NEWSWIRE|Globe Newswire|ACCESSWIRE|EQS-News|CNW"
)
WIRE_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}){{0,2}})?"
    # the day after it, or in brackets: "WASHINGTON, Aug. 13 —", "WASHINGTON (Aug. 13) --"
    rf"(?:,\s+{_MONTH}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?|\s+\({_MONTH}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\))?"
    rf"\s*(?P<agency>\((?:{WIRE_AGENCIES})\)|/(?:{RELEASE_WIRES})(?:\s*-\s*[\w ]{{1,20}})?/)?"
    rf"\s*(?:—|–|--|-|:)\s+(?=[\w\"“‘'(])"
    # a place in capitals run into the text by a dash: "VATICAN CITY—Six years ago …", "NEW YORK--Verizon is …"
    rf"|^(?P<shouted>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,3}})(?:—|–|--)(?=[A-Z\"“‘])"
    rf"|^(?P<only>\((?:{WIRE_AGENCIES})\))\s*(?=[A-Z\"“])"
)

_SITE_ADDRESS = re.compile(
    r"[A-Za-z][\w-]*\.(?:com|net|org|info|news|co\.uk|com\.au|in|am|ru|de|fr|it|es)", re.IGNORECASE
)

# A paragraph this long, with no contact details, is article prose again.
PROSE_MIN_WORDS = 35
# A teaser list ends at a paragraph this long that ends like a sentence.
TEASER_END_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass
class Cleaned:
    lines: list[str]
    removed: list[dict] = field(default_factory=list)
    published_on: date | None = None


def furniture_key(line: str) -> str:
    """A line folded for comparison with a page's blocks: its words only, in lower case (no list bullet)."""
    return " ".join(re.findall(r"[^\W_]+", line.casefold()))


def starts_with_emoji(line: str) -> bool:
    for char in line[:3]:
        if char.isspace():
            continue
        code = ord(char)
        return unicodedata.category(char) == "So" or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF
    return False


def _strip_symbols(line: str) -> str:
    """The line without leading emoji, arrows and bullets, for matching prompt wording."""
    index = 0
    while index < len(line) and (unicodedata.category(line[index]) in {"So", "Sk", "Sm", "Po", "Mn", "Zs"}):
        if line[index] in "\"'“‘#":
            break
        index += 1
    return line[index:].lstrip("\ufe0f ")


def find_date(text: str) -> date | None:
    """The first "March 3, 2026" / "Nov. 18, 2026" / "20 Jan 2020" style date in text, or None."""
    match = _DATE.search(text)
    if match:
        month_name, day, year = match.groups()
    else:
        match = _DAY_FIRST_DATE.search(text)
        if not match:
            return None
        day, month_name, year = match.groups()
    try:
        return date(int(year), MONTHS[month_name[:3].lower()], int(day))
    except ValueError:
        return None


def is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and not PHONE.search(line) and not line.lstrip().startswith("#")


def is_dateline(line: str) -> bool:
    """Only dates, times and the words around them: "Mon 20 Jan 2020 06.05 GMT", "Updated 5 years ago"."""
    # A text browser runs buttons into the date: "7 February 2024Share".
    tokens = re.findall(r"\(?[\w:./-]+\)?|[|•·,—–]", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", line))
    return (
        0 < len(tokens) <= 24
        and all(_DATE_TOKEN.match(token) for token in tokens)
        and bool(_DATE_MARK.search(line) or RELATIVE_TIME.search(line))
    )


def is_navigation(line: str, *, share: float = 0.6) -> bool:
    """The page's own links and buttons: "Skip to main content", "Sign in Search", "* *".

    A line is navigation when at least `share` of its words are the words of menus and buttons.
    """
    if NAVIGATION.search(line):
        return True
    tokens = re.findall(r"[^\W_]+", line.lower())
    if not tokens:
        return bool(_SYMBOLS_ONLY.fullmatch(line))  # "* *", "|", "•••"
    return len(tokens) <= 30 and sum(1 for token in tokens if token in NAV_WORDS) >= len(tokens) * share


def _share_run(line: str) -> bool:
    """Share buttons run together without spaces: "ShareXFacebookLinkedinEmailLink"."""
    squashed = re.sub(r"[\s|/•·,]+", "", line.lower())
    buttons = r"share|facebook|twitter|linkedin|email|e-mail|whatsapp|reddit|pinterest|print|copylink|link|x"
    rest = re.sub(buttons, "", squashed)
    return len(squashed) >= 10 and not rest and "share" in squashed


def line_rule(line: str) -> str | None:
    """The name of the rule that removes this whole line, or None to keep it."""
    bare = _strip_symbols(line)
    # Labels run together: "Advertisement · Scroll to continue", "Advertisement - scroll to continue".
    if len(line) < 80 and all(ADVERTISEMENT.match(part.strip()) for part in re.split(r"\s[·•|–—-]\s", bare)):
        return "advertisement"
    words = len(line.split())
    short = words <= 40
    if IMAGE_ALT.match(line):
        return "image"
    if words <= 14 and (BYLINE.match(line) or DATE_ONLY.match(line)):
        return "byline"
    if words <= 30 and BYLINE_WITH_ROLE.match(line):
        return "byline"
    if words <= 24 and is_dateline(line):
        return "last_modified" if LAST_MODIFIED.search(line) else "dateline"
    if words <= 12 and (is_navigation(bare) or _SYMBOLS_ONLY.fullmatch(line) or AUDIO_PLAYER.match(bare)):
        return "navigation"
    if words <= 25 and not _SENTENCE_END.search(line) and is_navigation(bare, share=0.5):
        return "navigation"  # a menu run into one line: "Coastal Gazette News Local Sports Business … Log In"
    if words <= 20 and ALERT.match(line):
        return "teaser"  # "BREAKING Winter storm warning in effect until 7 p.m. Friday"
    if words <= 80 and COOKIE_NOTICE.search(line):
        return "cookie_notice"
    if words <= 80 and COPYRIGHT.search(line):
        return "copyright"
    if words <= 60 and DISCLAIMER.match(line):
        return "copyright"
    if words <= 80 and CITATION.search(line):
        return "citation"
    if words <= 30 and TWEET_SIGNATURE.search(line):
        return "tweet_signature"
    if short and (SHOP.search(line) and (PRICE.search(line) or words <= 8 or "affiliate" in line.lower())):
        return "advert"
    if short and AFFILIATE.search(line):
        return "advert"
    if words <= 30 and SIGN_OFF.search(bare):
        return "byline"
    if words <= 100 and EDITORS_NOTE.match(line):
        return "editors_note"
    if words <= 60 and SYNDICATION.match(line):
        return "syndication"
    if words <= 60 and SPONSOR_NOTE.match(line):
        return "sponsored_block"
    stamp = (RELATIVE_TIME.search(line) or _TRAILING_DATE.search(line)) if words <= 30 else None
    glued = stamp is not None and stamp.start() > 0 and not line[stamp.start() - 1].isspace()
    if stamp and (glued or not _SENTENCE_END.search(line[: stamp.start()].rstrip())):
        return "teaser"  # a headline stamped "3 hours ago", not a sentence that ends with a time
    if words <= 12 and _share_run(line):
        return "share_prompt"
    if ADVERTISEMENT.match(bare):
        return "advertisement"
    if PRESS_BOILERPLATE.match(line):
        return "press_boilerplate"
    if CLOSED_COMMENTS.match(bare):
        return "comment_prompt"
    if short and (CROSS_LINK.match(bare) or BRACKETED_LINK.match(line) or OTHER_LANGUAGE.match(bare)):
        return "cross_link"
    if words <= 30 and TIMES_NOTE.search(line):
        return "teaser"
    if words <= 16 and STAMPED_BYLINE.match(line):
        return "byline"
    if short and NEWSLETTER.search(bare) and (starts_with_emoji(line) or words <= 25):
        return "newsletter_prompt"
    if short and (SHARE.search(bare) or _SOCIAL.match(bare)):
        return "share_prompt"
    if starts_with_emoji(line):
        return "emoji_promo"
    if short and PHOTO_CREDIT.search(bare):
        return "photo_credit"
    tokens = line.split()
    hashtags = sum(1 for token in tokens if token.startswith("#") and len(token) > 1)
    if HASHTAG_LABEL.match(line) or (hashtags >= 2 and hashtags * 2 >= len(tokens)) or (len(tokens) == 1 and hashtags):
        return "hashtags"
    if words <= 14 and (BYLINE.match(line) or DATE_ONLY.match(line)):
        return "byline"
    if short and PHONE.search(line) and CONTACT_VERB.search(line):
        return "contact_ad"
    if words <= 30 and EMAIL_ADDRESS.search(line) and (PHONE.search(line) or REACH.search(line)):
        return "contact_ad"  # the reporter's address: "Vous pouvez joindre X par courriel à x@… ou au 604 662-6882."
    if (words <= 12 and WEB_LINK.search(line)) or (words <= 30 and WEB_LINK.match(line)):
        return "web_link"
    if words <= 12 and LOADING.search(line):
        return "navigation"
    if words <= 20 and CHART_SOURCE.match(line):
        return "photo_credit"
    if words <= 16 and PIPED_BYLINE.match(line):
        return "byline"
    return None


def _prompt_sentences(line: str) -> tuple[list[str], list[str]]:
    """Split a prose line into (kept, removed) sentences: reader prompts and the questions around them go."""
    sentences = split_sentences(line)
    prompts = [
        bool(NEWSLETTER.search(s) or SHARE.search(s) or COMMENT.search(s) or WEB_LINK.search(s)) for s in sentences
    ]
    if not any(prompts):
        return sentences, []
    if 2 * sum(prompts) > len(sentences):
        return [], sentences  # a paragraph that mostly prompts the reader is a prompt ("Here are some tips." too)
    kept, removed = [], []
    for sentence, is_prompt in zip(sentences, prompts, strict=True):
        reader_question = sentence.rstrip("”\"' ").endswith("?")
        (removed if is_prompt or reader_question else kept).append(sentence)
    return kept, removed


def _prompt_rule(sentence: str) -> str:
    if NEWSLETTER.search(sentence):
        return "newsletter_prompt"
    if SHARE.search(sentence):
        return "share_prompt"
    if WEB_LINK.search(sentence):
        return "web_link"
    return "comment_prompt"


_LIST_ITEM = re.compile(r"^(?:[•*+·▪–-]\s|\d{1,2}[.)]\s)")


def _is_paragraph(line: str) -> bool:
    return len(line.split()) >= TEASER_END_WORDS and bool(_SENTENCE_END.search(line))


# A teaser's label in capitals after its headline: "Plane passengers quarantined after outbreak [NEWS]".
_TEASER_TAG = re.compile(r"\[[A-Z][A-Z ]{1,20}\]\s*$")


def _after_tagged_teasers(result: Cleaned, line: str) -> bool:
    """Whether the line ends a block of teasers that each carried a label in capitals ("[WARNING]", "[INSIGHT]"):
    the first line without one is the article again, however short its paragraphs."""
    block = []
    for removed in reversed(result.removed):
        if removed["rule"] != "teaser":
            break
        block.append(removed["text"])
    teasers = block[:-1]  # the last taken is the block's header ("DON'T MISS")
    return len(teasers) >= 2 and all(_TEASER_TAG.search(text) for text in teasers) and not _TEASER_TAG.search(line)


def _introduces_paragraph(lines: list[str], index: int) -> bool:
    """Whether lines[index - 1] is a section heading: not a list item, and an article paragraph comes next."""
    if _LIST_ITEM.match(lines[index - 1]):
        return False
    following = next((line for line in lines[index:] if line.strip()), "")
    return _is_paragraph(following) and line_rule(following) is None


# A line of a media contact block: a name, a job title, a company, a telephone number, an address.
CONTACT_DETAIL_MAX_WORDS = 8


def _contact_detail(line: str) -> bool:
    """Whether a line under "Media contact:" is one of its details. A release pasted without blank lines runs
    on from its contact block into its headline and text, which are longer and hold no address or number."""
    return len(line.split()) <= CONTACT_DETAIL_MAX_WORDS or bool(PHONE.search(line) or "@" in line)


# A line about the writer by their surname: "Ms. Natarajan is a professor of public management at …".
_WRITER_NOTE = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Mx|Dr|Prof)\.?\s+(?P<surname>[A-Z][\w'’-]+)\s+(?:is|was|has)\b")
WRITER_NOTE_MAX_WORDS = 40


def _about_the_writer(line: str, removed: list[dict]) -> bool:
    """Whether the line is the note on the writer an opinion piece carries under its byline ("By Priya Natarajan"):
    it names them by honorific and surname, and says who they are, in one short paragraph."""
    note = _WRITER_NOTE.match(line)
    if not note or len(line.split()) > WRITER_NOTE_MAX_WORDS:
        return False
    bylines = [item["text"] for item in removed if item["rule"] == "byline" and BYLINE.match(item["text"])]
    return any(re.search(rf"\b{re.escape(note.group('surname'))}\b", byline) for byline in bylines)


# The heading of a press release's boilerplate about its issuer: "About Nordwind Energy", "About Harbour Tech Inc."
ABOUT_THE_ISSUER = re.compile(r"^About\s+(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’,-]*){0,5}:?$")


def _is_press_release(text: str, removed: list[dict]) -> bool:
    """Whether the text is a press release: it was marked for release, or carried by a release wire."""
    return any(item["rule"] == "press_boilerplate" for item in removed) or bool(
        re.search(rf"/(?:{RELEASE_WIRES})/", text)
    )


def _take_product_name(result: Cleaned) -> None:
    """An advert's product name sits on the line above its price: "Orbit X2 wireless earbuds"."""
    index = len(result.lines) - 1
    while index >= 0 and not result.lines[index]:
        index -= 1
    if index < 0:
        return
    above = result.lines[index]
    if (
        len(above.split()) <= 6
        and re.search(r"[^\W\d_]{2}", above)
        and not _SENTENCE_END.search(above)
        and not above.endswith((":", "?"))
    ):
        advert = result.removed.pop()
        result.removed.extend([{"rule": "advert", "text": above}, advert])
        del result.lines[index]


def clean(text: str, *, furniture: frozenset[str] = frozenset()) -> Cleaned:
    """Lines of normalised text with clutter removed (blank lines kept), and what was removed.

    `furniture` holds the folded words (``furniture_key()``) of what the page showed as links only: a line that
    reads the same is a cross-link."""
    lines = text.split("\n")
    result = Cleaned(lines=[])

    def remove(rule: str, line: str) -> None:
        result.removed.append({"rule": rule, "text": line})
        if rule in {"byline", "dateline", "last_modified"} and result.published_on is None:
            result.published_on = find_date(line)

    prose_seen = 0

    index = 0
    # Set while inside a block whose following lines go too: the block's rule name.
    block_rule: str | None = None
    block_ends_at_blank = False
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            if block_ends_at_blank:
                block_rule = None
                block_ends_at_blank = False
            result.lines.append(line)
            continue
        if block_rule:
            ends_block = (
                (block_rule == "sponsored_block" and is_prose(line))
                or (block_rule == "press_boilerplate" and not _contact_detail(line))
                or (
                    block_rule == "teaser"
                    and (
                        _is_paragraph(line)
                        or _introduces_paragraph(lines, index)
                        or _after_tagged_teasers(result, line)
                    )
                )
            )
            if ends_block:
                block_rule = None
            else:
                # The page's footer under a list of other stories is removed as what it is: its copyright line
                # names a pasted article's outlet ("Most read", two headlines, "© 2026 The Northern Ledger").
                remove("copyright" if line_rule(line) == "copyright" else block_rule, line)
                continue
        if prose_seen >= 3 and COMMENTS_HEADER.match(_strip_symbols(line)):
            # Readers' comments follow the article, and the page's footer follows them.
            remove("comments", line)
            block_rule, block_ends_at_blank = "comments", False
            continue
        if len(line.split()) <= 12 and TEASER_HEADER.match(_strip_symbols(line)):
            remove("teaser", line)
            block_rule, block_ends_at_blank = "teaser", False
            continue
        if len(line.split()) <= 15 and SPONSORED.match(line):
            remove("sponsored_block", line)
            block_rule, block_ends_at_blank = "sponsored_block", False
            continue
        if prose_seen >= 2 and ABOUT_THE_ISSUER.match(line) and _is_press_release(text, result.removed):
            # A press release's closing "About Nordwind Energy" (then "Forward-looking statements", "Media
            # contact"): the issuer's boilerplate, the same under every release it sends, to the end.
            for rest in [line, *lines[index:]]:
                if rest:
                    remove("press_boilerplate", rest)
            break
        if CONTACT_HEADER.match(line):
            remove("press_boilerplate", line)
            block_rule, block_ends_at_blank = "press_boilerplate", True
            continue
        if CROSS_LINK_HEADER.match(_strip_symbols(line)):
            remove("cross_link", line)
            block_rule, block_ends_at_blank = "cross_link", True
            continue
        for pattern, rule in ((EMBED, "embed"), (WIDGET_PREFIX, "navigation")):
            if found := [match.group(0) for match in pattern.finditer(line)]:
                result.removed.extend({"rule": rule, "text": piece.strip()} for piece in found)
                line = " ".join(pattern.sub(" ", line).split())
        if not line:
            continue
        rule = "cross_link" if furniture and furniture_key(line) in furniture else line_rule(line)
        if rule is None and _about_the_writer(line, result.removed):
            rule = "byline"
        if rule:
            remove(rule, line)
            if rule == "advert":
                _take_product_name(result)
            continue
        if len(line.split()) >= 15 and _SENTENCE_END.search(line):
            prose_seen += 1
        kept, removed = _prompt_sentences(line)
        for sentence in removed:
            remove(_prompt_rule(" ".join(removed)), sentence)
        if kept:
            result.lines.append(" ".join(kept) if removed else line)
    return result


def wire_dateline(paragraph: str) -> tuple[str, str]:
    """(dateline, the paragraph without it) for a paragraph that opens with a wire dateline, else ("", paragraph).

    A dateline is a place in capitals ("DUBAI, United Arab Emirates —"), a place the desk knows
    ("Indianapolis –"), or a news agency in brackets ("(Reuters) —", "SAN FRANCISCO (AP) —").
    """
    match = WIRE_DATELINE.match(paragraph)
    if match and match.group("only"):
        return match.group("only"), paragraph[match.end() :].strip()  # "(CNN)President Donald Trump …"
    if match and match.group("shouted") and len(match.group("shouted")) >= 3:
        return match.group("shouted"), paragraph[match.end() :].strip()
    if not match or not (match.group("place") or match.group("agency")):
        return "", paragraph
    place = (match.group("place") or "").split(",")[0].strip()
    letters = [char for char in place if char.isalpha()]
    capitals = len(letters) >= 3 and all(char.isupper() for char in letters)
    # The outlet's own address as a dateline before a sentence: "PanARMENIAN.Net - Verified …", "Mediaite.com — The
    # …"; not a company named by its address ("Booking.com - the travel site … - said").
    rest = paragraph[match.end() :].lstrip("\"“‘'(")
    address = bool(_SITE_ADDRESS.fullmatch(place)) and rest[:1].isupper() and ":" not in paragraph[: match.end()]
    if not (match.group("agency") or capitals or address or (place and is_place(place))):
        return "", paragraph
    dateline = paragraph[: match.end()].strip().rstrip("—–-").strip()
    return dateline, paragraph[match.end() :].strip()
