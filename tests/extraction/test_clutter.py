import pytest

from factcheck.extraction.clutter import clean, find_date
from factcheck.extraction.parsing import normalise


def removed_by(text):
    result = clean(normalise(text))
    return {item["text"]: item["rule"] for item in result.removed}, [line for line in result.lines if line]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("\u2728 Don't miss: Ten things about the election", "cross_link"),
        ("\U0001f517 Read more: Air quality in Lagos, explained", "cross_link"),
        ("\U0001f4a1 You might also like: Why the speech still matters", "cross_link"),
        ("Related: Flu season hit hospitals hard. Here's what the data shows", "cross_link"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Advertisement - scroll to continue", "advertisement"),
        ("Listen to this article · 4 min", "navigation"),
        ("Listen to this story", "navigation"),
        ("Sign up for our Health Check newsletter to get the latest news.", "newsletter_prompt"),
        ("\U0001f4e9 Subscribe to our briefing, straight to your inbox", "newsletter_prompt"),
        ("Click 'OK' then 'Allow' to enable notifications", "newsletter_prompt"),
        ("Share this article: Facebook | X | Email", "share_prompt"),
        ("Comments (34) | Share on WhatsApp | Share on X", "share_prompt"),
        ("Follow us on Instagram and TikTok", "share_prompt"),
        ("Please turn on JavaScript to use this feature", "navigation"),
        ("This live blog is now closed.", "navigation"),
        ("This live page is no longer being updated.", "navigation"),
        ("Listen to this article · 6:12 min", "navigation"),
        ("Give this article", "share_prompt"),
        ("Read 412 Comments", "share_prompt"),
        ("A version of this article appears in print on Feb. 21, 2026, Section A, Page 23.", "syndication"),
        ("\U0001f3c3 Training for your first 10K? Download our free plan!", "emoji_promo"),
        ("Putin and Trump in AlaskaPhotographer: Andrew Caballero-Reynolds/AFP", "photo_credit"),
        ("Photo credit: James Okafor/Harlow Herald", "photo_credit"),
        ("Image: Shoppers at a market in Leeds. Getty Images", "photo_credit"),
        ("Residents at City Hall on Monday. (Marcus Hale / Riverton Ledger)", "photo_credit"),
        ("Caption: The glacier is covered with blankets.", "photo_credit"),
        ("#measles #HarlowCounty #publichealth", "hashtags"),
        ("Tags: climate, glaciers", "hashtags"),
        ("By Priya Raman, Health Reporter", "byline"),
        ("Published March 3, 2026", "byline"),
        ("Tomas Quill is the Harbour Ledger's political editor.", "byline"),
        ("Ruth Adeyemi is the Northern Echo Times' health editor.", "byline"),
        ("With assistance by Tomas Quill, Rhona Baird and Ana Ruiz", "byline"),
        ("• With assistance by Tomas Quill and Ana Ruiz", "byline"),
        ("FOR IMMEDIATE RELEASE", "press_boilerplate"),
        ("###", "press_boilerplate"),
        ("Struggling with debt? Call our helpline on 0800 123 4567 today.", "contact_ad"),
        ("You can reach Tomas Quill by email at tquill@harbourledger.example or on 604 662-6882.", "contact_ad"),
        ("Vous pouvez joindre Tomas Quill par courriel à tquill@ledger.example ou au 604 662-6882.", "contact_ad"),
    ],
)
def test_each_kind_of_clutter_is_removed_by_its_named_rule(line, rule):
    removed, kept = removed_by(f"Title\n\nThe council voted 5-4 on Tuesday.\n\n{line}\n\nTaxes rose 3%.")
    assert removed == {line: rule}
    assert kept == ["Title", "The council voted 5-4 on Tuesday.", "Taxes rose 3%."]


def test_a_sponsored_block_goes_with_everything_in_it_down_to_the_next_prose():
    text = (
        "Title\n\nBody text.\n\nThis Content Sponsored by Acme Marketing.\n\nEarn money online! Here's how:\n"
        "  \u2022 Earnings: \u20b9300 daily\n\nWhatsApp your name to 9994104160\n\na.Online Jobs from Home\n\n"
        "Keyword & Tag: #jobs #work"
    )
    removed, kept = removed_by(text)
    assert kept == ["Title", "Body text."]
    assert set(removed.values()) == {"sponsored_block"}
    assert "WhatsApp your name to 9994104160" in removed


def test_prose_after_a_sponsored_block_is_kept():
    prose = " ".join(["The council will meet again next month to debate the plan in full."] * 4)
    _, kept = removed_by(f"Title\n\nSponsored content\nBuy now at Acme!\n\n{prose}")
    assert kept == ["Title", prose]


def test_a_sentence_that_mentions_sponsorship_is_not_a_sponsored_block():
    _, kept = removed_by("Title\n\nThe bill, sponsored by Senator Ann Lee, passed 60-40.\n\nMore text.")
    assert kept == ["Title", "The bill, sponsored by Senator Ann Lee, passed 60-40.", "More text."]


def test_a_cross_link_header_takes_the_headlines_listed_under_it():
    removed, kept = removed_by("Title\n\nBody.\n\nREAD MORE:\nWhy your bill could rise\nFive ways to save\n\nEnd.")
    assert kept == ["Title", "Body.", "End."]
    assert removed == {
        "READ MORE:": "cross_link",
        "Why your bill could rise": "cross_link",
        "Five ways to save": "cross_link",
    }


def test_a_media_contact_block_is_removed_whole():
    removed, kept = removed_by(
        "Title\n\nBody.\n\nMedia contact:\nJane Doe, Director\npress@acme.example\n+1 (614) 555-0142"
    )
    assert kept == ["Title", "Body."]
    assert "Jane Doe, Director" in removed


def test_a_contact_line_above_a_release_pasted_without_blank_lines_takes_only_itself():
    removed, kept = removed_by(
        "FOR IMMEDIATE RELEASE\n"
        "Media contact: press@harbourtech.example | +44 20 5550 1234\n"
        "Harbour Tech doubles its orders and hires 300 engineers in Leeds this year\n"
        "LEEDS, England -- Harbour Tech said today that its orders doubled in 2025 to 41,000 machines."
    )
    assert kept == [
        "Harbour Tech doubles its orders and hires 300 engineers in Leeds this year",
        "LEEDS, England -- Harbour Tech said today that its orders doubled in 2025 to 41,000 machines.",
    ]
    assert set(removed.values()) == {"press_boilerplate"}


def test_the_note_on_an_opinion_pieces_writer_goes_with_the_byline_but_the_same_words_of_another_person_stay():
    note = "Ms. Okoro is a lecturer in transport planning at the University of Bristol."
    removed, kept = removed_by(f"Ferries are a public service\nBy Dana Okoro\n{note}\nThe ferry ran late.")
    assert removed[note] == "byline"
    removed, kept = removed_by(f"Ferries are a public service\nBy Sam Reyes\n{note}\nThe ferry ran late.")
    assert note in kept


RELEASE_BODY = (
    "LEEDS, England -- Harbour Tech said today that its orders doubled in 2025 to 41,000 machines, the most it has "
    "sold in any year since it was founded.\n"
    "The company will hire 300 engineers at its Leeds plant, which will double in size by the end of 2027.\n"
    "About Harbour Tech\n"
    "Harbour Tech Ltd is a Leeds-based maker of industrial sewing machines with 1,200 employees.\n"
    "Forward-looking statements\n"
    "This release contains forward-looking statements. Actual results may differ materially.\n"
)


def test_a_press_releases_boilerplate_about_its_issuer_goes_to_the_end():
    removed, kept = removed_by("FOR IMMEDIATE RELEASE\nHarbour Tech doubles its orders\n" + RELEASE_BODY)
    assert kept[-1].startswith("The company will hire 300 engineers")
    assert removed["About Harbour Tech"] == removed["Forward-looking statements"] == "press_boilerplate"


def test_a_news_storys_text_under_a_heading_about_someone_stays():
    _, kept = removed_by("Harbour Tech doubles its orders\n" + RELEASE_BODY)
    assert "Harbour Tech Ltd is a Leeds-based maker of industrial sewing machines with 1,200 employees." in kept


def test_only_the_prompting_sentences_of_a_prose_paragraph_go():
    paragraph = (
        "If there's one lesson here, it's this: handshakes are not breakthroughs. "
        "And if you've got thoughts, drop them in the comments\u2014I'd love to hear your take."
    )
    removed, kept = removed_by(f"Title\n\n{paragraph}")
    assert kept == ["Title", "If there's one lesson here, it's this: handshakes are not breakthroughs."]
    assert list(removed.values()) == ["comment_prompt"]


def test_reader_questions_go_with_the_comment_prompt():
    removed, kept = removed_by("Title\n\nBody.\n\nWhat do you think? Are rents too high? Let us know in the comments!")
    assert kept == ["Title", "Body."]
    assert len(removed) == 3


def test_the_byline_date_becomes_the_publication_date():
    assert clean(normalise("Title\n\nBy Ann Lee\nNov. 18, 2026\n\nBody.")).published_on.isoformat() == "2026-11-18"
    assert find_date("Published Sept. 9, 2026") is not None
    assert find_date("Published Feb. 30, 2026") is None


def test_a_claim_that_names_an_email_address_stays():
    line = "The hackers demanded 40 bitcoin, sent to ransom@mailbox.example, within three days, police said."
    removed, kept = removed_by(f"Title\n\nThe council voted 5-4 on Tuesday.\n\n{line}")
    assert line in kept
    assert not removed
