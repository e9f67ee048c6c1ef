import pytest

from factcheck.extraction.parsing import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    UnreadableText,
    classify,
    decode,
    normalise,
    structure,
)


def lines(text):
    return normalise(text).split("\n")


def test_title_is_the_first_non_empty_line_and_its_repeat_is_dropped():
    parsed = structure(
        lines("\n\nCouncil passes budget\nCouncil passes budget\n\nThe council voted 5-4.\nIt met at 9 a.m.")
    )
    assert parsed.title == "Council passes budget"
    assert [block.text for block in parsed.blocks] == ["The council voted 5-4.", "It met at 9 a.m."]


def test_an_opinion_pieces_headline_of_two_short_sentences_is_its_title_not_its_section_label():
    text = (
        "Guest Essay\n"
        "Ferries are a public service. Treat them like one.\n"
        "Ms. Okoro is a lecturer in transport planning at the University of Bristol.\n"
        "The island's ferry ran 41 percent of its timetabled crossings last winter, and the operator paid no penalty "
        "for any of the missing ones, because the contract it signed in 2019 sets none.\n"
    )
    parsed = structure(lines(text))
    assert parsed.title == "Ferries are a public service. Treat them like one."
    assert parsed.blocks[-1].text.startswith("The island's ferry ran 41 percent")


def test_short_standfirst_before_the_body_is_the_dek():
    text = "Title\n\nThe summit ended without a deal. Here is what happened.\n\nA long paragraph.\n\nAnother one."
    assert structure(lines(text)).dek == "The summit ended without a deal. Here is what happened."


def test_a_news_lede_with_a_weekday_is_body_not_dek():
    text = "Title\n\nThe council voted on Tuesday to raise taxes.\n\nMore.\n\nAnd more."
    parsed = structure(lines(text))
    assert parsed.dek == ""
    assert parsed.blocks[0].text == "The council voted on Tuesday to raise taxes."


def test_headings_and_list_items_are_recognised():
    assert classify("Why the numbers matter").kind == HEADING
    assert classify("Key Actionable Insights:") == classify("Key Actionable Insights:")
    assert classify("Key Actionable Insights:").kind == HEADING
    assert classify("But Putin thinks time is on his side.").kind == PARAGRAPH
    item = classify("• The Troop Cap: A cap on the military of 600,000.")
    assert (item.kind, item.label, item.text) == (LIST_ITEM, "The Troop Cap", "A cap on the military of 600,000.")
    numbered = classify("2. Monitor the coalition: If France commits troops, the deal has teeth.")
    assert (numbered.kind, numbered.label) == (LIST_ITEM, "Monitor the coalition")


def test_an_abbreviation_at_the_start_of_a_line_is_not_a_list_bullet():
    assert classify("U.S. officials said the talks would resume on Monday.").kind == PARAGRAPH


def test_normalise_handles_crlf_bom_tabs_and_invisible_characters_but_keeps_typography():
    text = "\ufeffTitle\r\n\r\nIt\u2019s \u201cdone\u201d\u2014really.\tYes\u00a0sir\u200b.\x07\r\n"
    assert normalise(text) == "Title\n\nIt\u2019s \u201cdone\u201d\u2014really. Yes sir.\n"


def test_normalise_drops_characters_that_would_turn_the_words_after_them_around():
    assert normalise("Minister \u202eJane Doe\u2066 said \u200fשלום") == "Minister Jane Doe said \u200fשלום"


def test_normalise_composes_accents_to_nfc():
    assert normalise("E\u0301lyse\u0301e") == "\u00c9lys\u00e9e"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"Title\x00\x00body", "binary file (contains NUL bytes)"),
        (b"Title \xff\xfe\xfa body", "not UTF-8 text"),
        (bytes(range(1, 32)) * 20, "binary file (mostly control characters)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a Word (.docx), OpenDocument or other zipped document"),
        (b"{\\rtf1\\ansi The minister said", "a Rich Text (.rtf) document"),
    ],
)
def test_bytes_that_are_not_text_are_refused_with_a_reason(raw, reason):
    with pytest.raises(UnreadableText, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode(raw)


def test_a_file_in_another_encoding_is_refused_saying_where_and_how_to_save_it():
    with pytest.raises(UnreadableText) as refused:
        decode("Budget row\n\nThe naïve plan".encode("latin-1"))
    assert "line 3, after “The na”" in str(refused.value)
    assert "Save the file as UTF-8" in str(refused.value)


def test_utf8_with_bom_and_utf16_with_bom_decode():
    assert decode("\ufeffTitle".encode()) == "Title"
    assert decode("Caf\u00e9".encode("utf-16")) == "Caf\u00e9"
