"""Transcripts laid out as their publishers lay them out: transcription services' exports, broadcast
rush transcripts, newspaper interviews, debate commissions, parliamentary records, captions and briefings."""

from factcheck.extraction import extract_text
from factcheck.extraction.transcripts import read_transcript


def said(transcript):
    return [(turn.label, sentence, at) for turn in transcript.turns for sentence, at in turn.sentences()]


def test_a_rev_transcript_dates_the_text_below_each_speakers_label_by_the_time_beside_it():
    text = (
        "Town hall in Cedar Rapids transcript\n\n"
        "Speaker 1 (00:00):\nPlease welcome the candidate for governor.\n\n"
        "Maria Delgado (00:16):\nIowa lost 6,200 manufacturing jobs last year.\n\n"
        "Maria Delgado (00:31):\nOur property taxes went up 9% in two years.\n\n"
        "Speaker 1 (01:02):\nWe will take questions now.\n"
    )
    assert said(read_transcript(text)) == [
        ("Speaker 1", "Please welcome the candidate for governor.", 0),
        ("Maria Delgado", "Iowa lost 6,200 manufacturing jobs last year.", 16),
        ("Maria Delgado", "Our property taxes went up 9% in two years.", 31),
        ("Speaker 1", "We will take questions now.", 62),
    ]


def test_an_otter_export_names_each_speaker_and_time_on_a_line_above_what_they_said():
    text = (
        "The Civic Ledger, episode 41\n\n"
        "Lena Ortiz  00:04\nWhat does the transit levy cost a homeowner?\n\n"
        "Paul Achebe  00:22\nFor a home assessed at $300,000, it's about $84 a year.\n\n"
        "Lena Ortiz  00:35\nAnd what do they get for it?\n\n"
        "Paul Achebe  1:02:38\nThe levy raises about $62 million a year.\n"
    )
    extraction = extract_text(text, name="civic-ledger-41.txt")
    assert extraction.kind == "transcript"
    assert [(found.speaker, found.said_at) for found in extraction.sentences] == [
        ("Lena Ortiz", 4),
        ("Paul Achebe", 22),
        ("Lena Ortiz", 35),
        ("Paul Achebe", 3758),
    ]
    assert {found.claimant for found in extraction.sentences if found.speaker == "Paul Achebe"} == {"Paul Achebe"}
