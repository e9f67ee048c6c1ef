"""Reading transcripts: captions and speaker turns, who each speaker is, what is never a claim."""

from pathlib import Path

import pytest

from factcheck.extraction import UnreadableText, extract_text, score_sentences
from factcheck.extraction.speakers import identify_speakers, is_procedural
from factcheck.extraction.transcripts import MODERATOR, SPEAKER, UNIDENTIFIED, read_transcript, transcript_body
from factcheck.models.transcripts import address_at

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRANSCRIPTS = FIXTURES / "transcripts"

CAPTIONS = """WEBVTT - Town hall on the harbour bridge

NOTE
Date: 2026-05-02
Source: https://www.youtube.com/watch?v=bridge26

00:00:01.000 --> 00:00:03.500
<v Priya Raman>Mayor Whitfield, the bridge was meant

00:00:03.500 --> 00:00:06.000
<v Priya Raman>to open in March. What happened?

00:00:07.200 --> 00:00:09.900
<v Dana Whitfield>The steel arrived four months late, and the cost

00:00:10.100 --> 00:00:12.000
<v Dana Whitfield>rose by $18 million. (APPLAUSE) We will open it in July.
"""


def sentences_of(transcript):
    return [(turn.label, sentence, at) for turn in transcript.turns for sentence, at in turn.sentences()]


def test_caption_cues_cut_mid_sentence_are_joined_and_each_sentence_keeps_the_second_it_starts_at():
    transcript = read_transcript(CAPTIONS, name="bridge.vtt")
    assert sentences_of(transcript) == [
        ("Priya Raman", "Mayor Whitfield, the bridge was meant to open in March.", 1),
        ("Priya Raman", "What happened?", 3),
        ("Dana Whitfield", "The steel arrived four months late, and the cost rose by $18 million.", 7),
        ("Dana Whitfield", "We will open it in July.", 10),
    ]
    assert (transcript.title, str(transcript.published_on), transcript.url) == (
        "Town hall on the harbour bridge",
        "2026-05-02",
        "https://www.youtube.com/watch?v=bridge26",
    )
    assert {"rule": "stage_direction", "text": "(APPLAUSE)"} in transcript.removed


def test_subrip_labels_and_turn_markers_name_the_speaker_of_each_cue():
    captions = (
        "1\n00:00:01,000 --> 00:00:03,000\n>> JONES: We cut the deficit\n\n"
        "2\n00:00:03,200 --> 00:00:06,000\nby half in four years.\n\n"
        "3\n00:01:06,500 --> 00:01:08,000\n>> SMITH: That is simply false, and he knows it.\n"
    )
    assert sentences_of(read_transcript(captions, name="budget.srt")) == [
        ("JONES", "We cut the deficit by half in four years.", 1),
        ("SMITH", "That is simply false, and he knows it.", 66),
    ]


def test_a_plain_text_transcript_gives_its_header_roles_and_times():
    transcript = read_transcript((TRANSCRIPTS / "harbour_debate.txt").read_text(), name="harbour_debate.txt")
    assert (transcript.title, str(transcript.published_on), transcript.venue, transcript.outlet, transcript.url) == (
        "Harbour City mayoral debate",
        "2026-11-04",
        "debate",
        "Harbour TV",
        "https://www.youtube.com/watch?v=hcdebate26",
    )
    speakers = identify_speakers(transcript)
    assert speakers["PRIYA RAMAN (MODERATOR)"] == speakers["RAMAN"], "one person under two labels"
    assert (speakers["RAMAN"].name, speakers["RAMAN"].role) == ("Priya Raman", MODERATOR)
    assert speakers["MAYOR WHITFIELD"] == speakers["WHITFIELD"]
    assert (speakers["WHITFIELD"].role, speakers["WHITFIELD"].description) == (SPEAKER, "Mayor")


def test_a_speakers_full_name_comes_from_what_is_said_and_their_labels_are_one_person():
    text = (
        "Vice-presidential debate\n\n"
        "MODERATOR: Senator Kaine and Governor Pence, welcome. Governor Pence, your plan?\n"
        "GOVERNOR PENCE: We will cut taxes for every family in Indiana by 10 percent.\n"
        "MODERATOR: Senator Kaine?\n"
        "KAINE: Tim Kaine has balanced eleven budgets in a row, and I will do it again.\n"
        "MODERATOR: Governor Mike Pence, thirty seconds.\n"
        "PENCE: Thank you.\n"
    )
    speakers = identify_speakers(read_transcript(text))
    assert speakers["GOVERNOR PENCE"] == speakers["PENCE"]
    assert speakers["PENCE"].name == "Mike Pence"
    assert speakers["KAINE"].name == "Tim Kaine"
    assert (speakers["MODERATOR"].role, speakers["MODERATOR"].name) == (MODERATOR, "")


def test_a_q_and_a_interviews_answers_are_the_person_it_interviews():
    extraction = extract_text((TRANSCRIPTS / "ferry_interview.txt").read_text(), name="ferry_interview.txt")
    answers = [found for found in extraction.sentences if found.speaker == "A"]
    assert {found.claimant for found in answers} == {"Tomas Lindqvist"}
    assert extraction.venue == "interview"
    assert not [found for found in extraction.claims if found.speaker == "Q"]


def test_a_name_above_each_turn_names_its_speaker_and_a_chair_moderates():
    extraction = extract_text((TRANSCRIPTS / "housing_hearing.txt").read_text(), name="housing_hearing.txt")
    by_speaker = {speaker.name: speaker for speaker in extraction.speakers}
    assert by_speaker["Grace Holloway"].role == MODERATOR
    assert (by_speaker["Efua Mensah"].role, by_speaker["Efua Mensah"].description) == (SPEAKER, "Director of Housing")
    said = [found.text for found in extraction.sentences if found.claimant == "Efua Mensah"]
    assert said[0] == "There are 4,312 families on the waiting list, up from 3,100 in 2023."


def test_a_speaker_who_mostly_hands_the_floor_to_others_is_a_moderator_though_no_label_says_so():
    turns = []
    for number in range(4):
        turns += [
            f"HOLT: Secretary Clinton, what would you do about question {number}?",
            f"CLINTON: We created {number + 2} million jobs, and we will create more.",
            f"HOLT: Mr. Trump, your response to point {number}?",
            f"TRUMP: Our trade deficit is {number + 500} billion dollars a year.",
        ]
    speakers = identify_speakers(read_transcript("First debate\n\n" + "\n".join(turns)))
    assert speakers["HOLT"].role == MODERATOR
    assert speakers["CLINTON"].role == speakers["TRUMP"].role == SPEAKER


def test_the_audience_and_unidentified_voices_are_never_credited_nor_claims():
    text = (
        "Rally in Carver Falls\n\n"
        "OKAFOR: We built 1,200 homes in Carver Falls last year.\n"
        "AUDIENCE MEMBER: Rents went up 40 percent in 2025!\n"
        "OKAFOR: And we cut bus fares by 10 percent in 2024.\n"
        "UNIDENTIFIED MALE: The council spent $3 million on the new stadium.\n"
        "OKAFOR: Unemployment here fell to 3.9 percent in March.\n"
    )
    extraction = extract_text(text)
    roles = {speaker.label: speaker.role for speaker in extraction.speakers}
    assert roles["AUDIENCE MEMBER"] == roles["UNIDENTIFIED MALE"] == UNIDENTIFIED
    assert all(found.speaker == "OKAFOR" for found in extraction.claims)
    assert extraction.claims, "the speaker's own figures are claims"


def test_a_phone_in_caller_is_a_member_of_the_public_never_an_actor():
    text = (
        "Harbour FM phone-in with the health minister\n\n"
        "DELANEY: First caller, go ahead.\n"
        "CALLER: My mother waited fourteen months for a hip operation. Why?\n"
        "OLUMIDE: Hip operations now take 31 weeks on average, down from 52 weeks two years ago.\n"
        "DELANEY: Minister, the caller says fourteen months.\n"
        "OLUMIDE: Nine in ten patients are treated within a year.\n"
        "DELANEY: Next caller.\n"
        "CALLER 2: The hospital car park now costs £9 a day.\n"
        "OLUMIDE: Parking is free for patients who come more than twice a week.\n"
    )
    extraction = extract_text(text)
    roles = {speaker.label: (speaker.role, speaker.name) for speaker in extraction.speakers}
    assert roles["CALLER"] == roles["CALLER 2"] == (UNIDENTIFIED, "")
    assert {actor.name for actor in extraction.actors} >= {"Olumide"}
    assert not {"Caller", "Caller 2"} & {actor.name for actor in extraction.actors}


@pytest.mark.parametrize(
    ("label", "name", "role"),
    [
        ("Health Minister Grace Olumide", "Grace Olumide", "Health Minister"),
        ("CHIEF CONSTABLE MARCUS HALE", "Marcus Hale", "Chief Constable"),
        ("Shadow Home Secretary Chris Philp", "Chris Philp", "Shadow Home Secretary"),
        ("Vice President Biden", "Joe Biden", "Vice President"),
        ("Martin Luther King Jr", "Martin Luther King Jr", ""),
    ],
)
def test_a_title_of_several_words_before_a_speakers_name_is_their_role_not_their_name(label, name, role):
    """ "Health Minister Grace Olumide" was an actor of that name, and a duplicate of Grace Olumide's."""
    captions = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:06.000\n"
        f"<v {label}>Waiting lists fell by 40 percent in 2025.\n\n"
        "00:00:06.000 --> 00:00:09.000\n<v Mark Delaney>Is that right?\n"
    )
    speakers = {speaker.label: speaker for speaker in extract_text(captions, name="briefing.vtt").speakers}
    assert (speakers[label].name, speakers[label].description) == (name, role)


def test_a_title_with_a_colon_on_the_first_line_is_the_title_not_a_speaker():
    """Read as a turn, "Interview:" became a speaker, and so did every header line below it."""
    text = (
        "Interview: Chief Constable Marcus Hale on knife crime\n"
        "Date: 9 January 2026\n"
        "Broadcaster: Eastbrook Gazette Podcast\n"
        "Participants: Chief Constable Marcus Hale\n\n"
        "Q: Chief Constable, is knife crime rising in Eastbrook?\n"
        "A: No. Recorded knife offences fell by 18 percent last year, to 212 incidents.\n"
        "Q: The Home Office figures say otherwise.\n"
        "A: In Eastbrook itself we have put 40 more officers on the street since 2024.\n"
    )
    extraction = extract_text(text)
    assert (extraction.title, str(extraction.published_on), extraction.outlet) == (
        "Interview: Chief Constable Marcus Hale on knife crime",
        "2026-01-09",
        "Eastbrook Gazette Podcast",
    )
    assert {speaker.label: speaker.name for speaker in extraction.speakers} == {"Q": "", "A": "Marcus Hale"}
    assert {claim.claimant for claim in extraction.claims} == {"Marcus Hale"}


def test_a_speaker_who_speaks_once_first_is_still_a_speaker():
    text = (
        "ANNOUNCER: Please welcome the candidates for mayor.\n"
        "OKAFOR: We built 1,200 homes in Carver Falls last year.\n"
        "REYES: Rents rose 40 percent in 2025.\n"
        "OKAFOR: And we cut bus fares by 10 percent in 2024.\n"
        "REYES: The council spent $3 million on the new stadium.\n"
    )
    assert "ANNOUNCER" in {speaker.label for speaker in extract_text(text).speakers}


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you, Senator.",
        "Let me finish.",
        "Thank you very much, Mr. President.",
        "Good evening and welcome to the second debate.",
        "We have to move on.",
        "Can I respond?",
        "No, no, no.",
        "That's not true --",
        "Yes.",
    ],
)
def test_filler_and_turn_taking_are_never_claims(sentence):
    assert is_procedural(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for the question: we cut taxes by 20 percent in 2019.",
        "Crime is down.",
        "Let me tell you what happened to wages in Ohio after 2008.",
        "Yes, we cut taxes for the middle class.",
    ],
)
def test_statements_are_not_mistaken_for_filler(sentence):
    assert not is_procedural(sentence)


def test_a_procedural_line_is_not_a_claim_whatever_the_model_says():
    text = "Debate\n\nA: Let me finish.\nB: Thank you, Senator.\nA: Let me finish.\nB: Thank you, Senator.\n"
    extraction = extract_text(text)
    assert {found.never_a_claim for found in extraction.sentences} == {"procedural"}
    assert extraction.claims == ()


@pytest.mark.parametrize("name", sorted(path.name for path in (FIXTURES / "articles").glob("*.txt")))
def test_a_news_article_is_not_read_as_a_transcript(name):
    assert read_transcript((FIXTURES / "articles" / name).read_text(), name=name) is None


def test_an_article_with_labelled_list_items_is_not_a_transcript():
    text = (
        "What the budget means for you\n\n"
        "The council published its budget on Monday, and it changes several things for residents this year.\n"
        "Bus fares: up 5 percent from April.\nParking: free on Sundays.\nLibraries: open until 8pm.\n"
        "Council tax: up 2.9 percent, the smallest rise in a decade.\n"
    )
    assert read_transcript(text) is None
    assert extract_text(text).kind == "article"


def test_an_interview_pasted_with_its_page_has_its_headline_its_introduction_and_its_answers_alone():
    text = (
        "Menu Search Newsletters\n"
        "POLITICS\n"
        "'The ferries will run on time': Transport secretary on the islands\n"
        "Interview by Tomas Quill, Political Editor\n"
        "Sunday 15 March 2026, 06:00 GMT\n"
        "Share this article\n"
        "The transport secretary, Imogen Farrant, sat down with the Harbour Ledger ahead of the transport budget, "
        "which she will present on Wednesday. The interview has been edited for length.\n"
        "Q: Will fares rise?\n"
        "Farrant: No. Fares have been frozen for three years and will stay frozen until 2028.\n"
        "Q: How many crossings were cancelled last winter?\n"
        "Farrant: Fewer than one in ten, the lowest share since 2015.\n"
        "Advertisement\n"
        "Q: Will the new ferry be late?\n"
        "Farrant: It will enter service in May, as planned.\n"
        "Related: Islanders protest at ferry cuts\n"
        "Comments (41)\n"
        "© 2026 Harbour Ledger\n"
    )
    extraction = extract_text(text)
    assert extraction.kind == "transcript"
    assert extraction.venue == "interview"
    assert extraction.title == "'The ferries will run on time': Transport secretary on the islands"
    assert extraction.outlet == "Harbour Ledger"
    assert extraction.body.startswith("The transport secretary, Imogen Farrant, sat down")
    assert extraction.body.endswith("Farrant: It will enter service in May, as planned.")
    answers = [sentence for sentence in extraction.sentences if sentence.speaker == "Farrant"]
    assert {sentence.claimant for sentence in answers} == {"Imogen Farrant"}


@pytest.mark.parametrize("zone", ["GMT", "BST", "EDT", "pm", "a.m. ET"])
def test_a_live_blog_whose_entries_are_stamped_with_the_time_of_day_is_an_article(zone):
    entries = [
        "The harbour authority says 12 ferries have been cancelled, the most since the storm of 2019.",
        'The mayor, Dana Okoro, said: "Every shelter in the city is open tonight."',
        "The weather service says 90mm of rain has fallen on the hills in 12 hours.",
    ]
    text = "Storm Petra: ferries cancelled and roads closed – live updates\n\n" + "".join(
        f"{hour}:{minute} {zone}\n{entry}\nShare\n"
        for hour, minute, entry in zip(["11", "10", "9"], ["52", "31", "05"], entries, strict=True)
    )
    assert read_transcript(text) is None
    extraction = extract_text(text)
    assert extraction.kind == "article"
    assert extraction.title == "Storm Petra: ferries cancelled and roads closed – live updates"
    assert [extraction.dek, *extraction.body.split("\n")] == entries
    assert "Dana Okoro" in {claim.claimant for claim in extraction.sentences}


@pytest.mark.parametrize(
    ("captions", "name", "reason"),
    [
        ("WEBVTT\n\nNOTE nothing here\n", "empty.vtt", "a WebVTT file with no cues"),
        ("WEBVTT\n\n00:00:0x.000 --> 00:00:04.000\nHello.\n", "broken.vtt", "line 3: “00:00:0x.000 --> 00:00:04.000”"),
        ("Hello\n\n00:00:01.000 --> 00:00:04.000\nHello.\n", "nothead.vtt", "its first line must be WEBVTT"),
        ("1\n00:00:01,000 -> 00:00:04,000\nHello.\n", "arrow.srt", "line 2: “00:00:01,000 -> 00:00:04,000”"),
        ("1\n00:00:09,000 --> 00:00:04,000\nHello.\n", "backwards.srt", "ends before it starts"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n[MUSIC]\n", "music.vtt", "cues hold no words"),
    ],
)
def test_a_caption_file_that_cannot_be_read_is_refused_saying_what_is_wrong(captions, name, reason):
    with pytest.raises(UnreadableText, match=reason.replace("(", r"\(").replace(")", r"\)")):
        extract_text(captions, name=name)


def test_the_desks_copy_of_a_transcript_reads_back_to_the_same_turns_sentences_and_times():
    transcript = read_transcript(CAPTIONS, name="bridge.vtt")
    again = read_transcript(transcript_body(transcript.turns), as_transcript=True)
    assert sentences_of(again) == sentences_of(transcript)


def test_captions_without_speakers_are_a_transcript_with_a_warning_to_set_claimants_by_hand():
    captions = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nUnemployment fell to 3.9 percent in March 2026.\n"
    extraction = extract_text(captions, name="unnamed.vtt")
    assert extraction.kind == "transcript"
    assert [found.claimant for found in extraction.sentences] == [None]
    assert extraction.warnings == ("no speaker is named in this transcript: set each claim's claimant by hand",)


def test_the_scorer_is_told_the_sentences_were_spoken():
    sentences = ["Unemployment fell to 3.9 percent in March 2026.", "Thank you."]
    assert len(score_sentences(sentences, spoken=True)) == 2


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=abc&t=5", "https://www.youtube.com/watch?v=abc&t=2533s"),
        ("https://youtu.be/abc", "https://youtu.be/abc?t=2533s"),
        ("https://vimeo.com/12345", "https://vimeo.com/12345#t=2533s"),
        ("https://media.example/debate.mp4", "https://media.example/debate.mp4#t=2533"),
        ("https://news.example/debate-transcript", ""),
    ],
)
def test_the_original_opens_at_the_moment_said_where_its_player_allows(url, expected):
    assert address_at(url, 2533) == expected
