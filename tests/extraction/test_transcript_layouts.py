"""Transcripts laid out as their publishers lay them out: transcription services' exports, broadcast
rush transcripts, newspaper interviews, debate commissions, parliamentary records, captions and briefings."""

import pytest

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


def test_people_a_transcriber_numbers_are_speakers_of_their_own_and_nobody_is_called_by_the_number():
    text = (
        "Town hall transcript\n\n"
        "Speaker 1 (00:00):\nWe will take questions now.\n\n"
        "Maria Delgado (00:16):\nIowa lost 6,200 manufacturing jobs last year.\n\n"
        "Audience Member 1 (02:36):\nMy property tax bill went up $1,100 in two years.\n\n"
        "Maria Delgado (02:47):\nThe average assessment in Linn County rose 14% in 2025.\n\n"
        "Reporter 2 (03:10):\nInflation was 4 percent last year, was it not?\n\n"
        "Maria Delgado (03:15):\nThe state used to cover 87.5% of the school formula.\n"
    )
    extraction = extract_text(text)
    by_label = {label: speaker for speaker in extraction.speakers for label in speaker.labels}
    assert (by_label["Audience Member 1"].role, by_label["Reporter 2"].role) == ("unidentified", "moderator")
    assert (by_label["Speaker 1"].role, by_label["Speaker 1"].name) == ("speaker", "")
    credited = {found.text: found.claimant for found in extraction.sentences}
    assert credited["My property tax bill went up $1,100 in two years."] is None
    assert credited["The average assessment in Linn County rose 14% in 2025."] == "Maria Delgado"
    assert not {actor.name for actor in extraction.actors} & {"1", "2"}


def test_a_numbered_part_of_a_transcript_is_not_a_speaker():
    text = (
        "Mayoral debate\n\n"
        "MODERATOR: Mayor Whitfield, the first question is yours.\n"
        "WHITFIELD: We built 1,200 homes last year.\n"
        "OKAFOR: Rents rose 30 percent since 2020.\n"
        "Part 2: Transport\n"
        "MODERATOR: Councillor Okafor, on buses?\n"
        "OKAFOR: Bus fares rose by 12 percent in 2025.\n"
        "WHITFIELD: Ridership grew by 8 percent.\n"
    )
    assert {turn.label for turn in read_transcript(text).turns} == {"MODERATOR", "WHITFIELD", "OKAFOR"}


def test_a_debate_commissions_header_names_the_candidates_and_moderators_on_the_lines_below_its_keys():
    text = (
        "October 15, 2026 Debate Transcript\n\n"
        "PARTICIPANTS:\nGovernor Ruth Calloway (D) and\nState Senator Mark Brennan (R)\n\n"
        "MODERATORS:\nJane Kent (WKRN) and\nLuis Ramos (Channel 9)\n\n"
        "KENT: Governor Calloway, the first question is for you. Why are gas prices so high?\n"
        "CALLOWAY: Our gas tax is 29 cents a gallon, which is below the national average.\n"
        "RAMOS: Senator Brennan?\n"
        "BRENNAN: Gas cost $2.90 a gallon the day she took office and it costs $4.35 today.\n"
        "KENT: Governor?\n"
        "CALLOWAY: Prices fell 40 cents a gallon after my reserve law took effect.\n"
    )
    transcript = read_transcript(text)
    assert transcript.moderators == ("Jane Kent", "Luis Ramos")
    assert transcript.participants == ("Governor Ruth Calloway", "State Senator Mark Brennan")
    assert [turn.label for turn in transcript.turns][:4] == ["KENT", "CALLOWAY", "RAMOS", "BRENNAN"]
    extraction = extract_text(text)
    assert {found.claimant for found in extraction.sentences} == {None, "Ruth Calloway", "Mark Brennan"}
    assert {speaker.label for speaker in extraction.speakers if speaker.role == "moderator"} == {"KENT", "RAMOS"}


def test_an_otter_exports_speakers_line_names_who_speaks():
    text = (
        "The Civic Ledger, episode 41\n\nSPEAKERS\nLena Ortiz, Paul Achebe\n\n"
        "Lena Ortiz  00:04\nWhat does the levy cost?\n\nPaul Achebe  00:22\nAbout $84 a year.\n\n"
        "Lena Ortiz  00:35\nAnd what do they get?\n\nPaul Achebe  00:38\nFourteen new routes.\n"
    )
    assert read_transcript(text).participants == ("Lena Ortiz", "Paul Achebe")


def test_a_broadcasters_anchor_and_correspondents_are_never_claimants_and_its_guests_are():
    text = (
        "THE EVENING BRIEF\n\nAired March 12, 2026 - 17:00   ET\n\n"
        "NORA BLAKE, CNN ANCHOR: Our count shows 57 senators in favour of the border bill tonight.\n"
        "DEV MAHAJAN, CNN CHIEF CONGRESSIONAL CORRESPONDENT: The Speaker has said he won't bring it to the floor.\n"
        "BLAKE: Joining us now, Senator Ray Castillo.\n"
        "SEN. RAY CASTILLO (R-TX): Border Patrol recorded 2.1 million encounters last fiscal year.\n"
        "MAHAJAN: The vote is expected on Thursday, with 60 votes needed.\n"
        "CASTILLO: This bill adds 100 immigration judges.\n"
        "JOHN DOE, FORMER FOX NEWS HOST: The bill hires 1,500 new border agents.\n"
        "DOE: That is the biggest hiring since 2006.\n"
    )
    extraction = extract_text(text)
    assert extraction.kind == "transcript", "each speaks again, first named in full and then by surname"
    roles = {label: speaker.role for speaker in extraction.speakers for label in speaker.labels}
    assert roles["BLAKE"] == roles["MAHAJAN"] == "moderator"
    assert roles["CASTILLO"] == roles["DOE"] == "speaker"
    reported = [found for found in extraction.sentences if roles[found.speaker] == "moderator"]
    assert len(reported) == 4
    assert {found.claimant for found in reported} == {None}
    assert not [claim for claim in extraction.claims if roles[claim.speaker] == "moderator"]


HANSARD = """House of Commons
Wednesday 4 March 2026
Prime Minister
The Prime Minister was asked—
Engagements
4 Mar 2026 : Column 312
12.00 pm
Q1. [905112] Mr Tom Bell (Westby) (Lab): If she will list her official engagements for Wednesday 4 March.
The Prime Minister (Helen Marsh): This morning I had meetings with ministerial colleagues and others.
Mr Bell: In Westby, 1,400 children are waiting more than a year for a dental appointment. What will she do?
The Prime Minister: We have funded 700,000 additional urgent dental appointments this year.
Mrs Clare Rowntree (Eastfield) (Con): Unemployment has risen to 5.1% under her. Why? [Hon. Members: “Answer!”]
Hon. Members: Hear, hear!
The Prime Minister: There are 33.9 million people in work, 420,000 more than a year ago. [Interruption.]
Mr Speaker: Order. The Prime Minister must be heard.
12.04 pm
Mrs Rowntree: The waiting list went up in December, and again in January, to 7.6 million. Will she admit it?
4 Mar 2026 : Column 313
The Prime Minister: The waiting list has fallen by 260,000 since we came into office.
Mrs Rowntree: Her Government have cut 4,000 nurse training places. Does she deny it?
The Prime Minister: We have recruited 27,000 more nurses since 2024.
Several hon. Members rose—
Q2. [905113] Ms Priya Anand (Bristol Harbourside) (Lab): Bus services in the south-west were cut by a fifth last year.
The Prime Minister: Rural authorities will receive £240 million from the bus fund.
"""


@pytest.fixture(scope="module")
def pmqs():
    return extract_text(HANSARD, name="pmqs.txt")


def test_a_parliamentary_record_credits_each_member_though_their_question_is_numbered(pmqs):
    credited = {found.text: found.claimant for found in pmqs.sentences}
    assert credited["Bus services in the south-west were cut by a fifth last year."] == "Priya Anand"
    assert credited["In Westby, 1,400 children are waiting more than a year for a dental appointment."] == "Tom Bell"
    assert credited["If she will list her official engagements for Wednesday 4 March."] == "Tom Bell"


def test_a_parliamentary_records_columns_times_and_members_rising_are_nobodys_words(pmqs):
    said = " ".join(found.text for found in pmqs.sentences)
    for mark in ("Column", "12.04 pm", "rose", "Interruption", "Answer!"):
        assert mark not in said


def test_a_minister_named_in_brackets_after_their_office_is_that_person_whenever_the_office_speaks(pmqs):
    minister = next(speaker for speaker in pmqs.speakers if "The Prime Minister" in speaker.labels)
    assert (minister.name, minister.description) == ("Helen Marsh", "Prime Minister")
    assert "The Prime Minister (Helen Marsh)" in minister.labels
    credited = {found.text: found.claimant for found in pmqs.sentences}
    assert credited["The waiting list has fallen by 260,000 since we came into office."] == "Helen Marsh"


def test_the_chair_of_a_parliament_moderates_and_the_members_who_put_questions_are_speakers(pmqs):
    roles = {label: speaker.role for speaker in pmqs.speakers for label in speaker.labels}
    assert roles["Mr Speaker"] == "moderator"
    assert roles["Hon. Members"] == "unidentified"
    assert roles["Mrs Rowntree"] == roles["Mr Bell"] == "speaker", "the opposition asks questions, it does not moderate"
    assert {claim.claimant for claim in pmqs.claims} <= {"Helen Marsh", "Tom Bell", "Clare Rowntree", "Priya Anand"}


BRIEFING = """Press Briefing by Press Secretary Dana Whitley
James S. Brady Press Briefing Room
1:12 P.M. EDT

MS. WHITLEY: Good afternoon. The economy added 236,000 jobs in May, and unemployment fell to 3.8 percent.

Q Thank you, Dana. Job growth has slowed for three straight months. Is a recession coming?

MS. WHITLEY: No. Initial jobless claims were 218,000 last week, which is low by any historical standard.

Q And on the border, crossings are at a two-year low. Does the President take credit?

MS. WHITLEY: Crossings have fallen by more than 40 percent since the executive action in June.

Q: Has the President spoken with the Chancellor this week?

MS. WHITLEY: I don't have a call to read out at this time.

END       1:46 P.M. EDT
"""


def test_a_press_briefings_reporters_ask_as_q_with_one_space_and_the_official_answers_under_her_name():
    extraction = extract_text(BRIEFING)
    asked = [found.text for found in extraction.sentences if found.speaker == "Q"]
    assert "Does the President take credit?" in asked
    official = {found.claimant for found in extraction.sentences if found.speaker == "MS. WHITLEY"}
    assert len(official) == 1
    assert official.pop().endswith("Whitley")
    claimants = {claim.text: claim.claimant for claim in extraction.claims}
    assert claimants["Crossings have fallen by more than 40 percent since the executive action in June."].endswith(
        "Whitley"
    ), "she answers: she is not the moderator"


def test_a_press_briefing_is_a_press_conference_though_its_reporters_ask_as_q():
    assert extract_text(BRIEFING.replace("\nQ ", "\nQ: ")).venue == "press_conference"


def test_a_briefings_end_mark_is_nobodys_words():
    said = " ".join(found.text for found in extract_text(BRIEFING).sentences)
    assert "END" not in said
    assert "P.M." not in said


def test_answers_with_one_space_after_a_are_answers_only_below_a_question():
    text = (
        "Interview with the ferry company's chief executive\n\n"
        "Q How many sailings were cancelled this summer?\n"
        "A We cancelled 214 sailings between June and August.\n"
        "Q Did you cut crew jobs in 2025?\n"
        "A No. We cut 22 posts, all of them office roles.\n"
        "A new ferry enters service in May.\n"
    )
    turns = [(turn.label, turn.text) for turn in read_transcript(text).turns]
    assert turns[1] == ("A", "We cancelled 214 sailings between June and August.")
    assert turns[3] == ("A", "No. We cut 22 posts, all of them office roles. A new ferry enters service in May.")


def test_a_newspaper_interviews_headline_quoting_the_person_it_names_is_its_title_not_a_turn():
    text = (
        "Mayor Andre Whitcombe: ‘We will not balance the budget on the backs of bus riders’\n\n"
        "The Harbour Ledger sat down with the mayor at City Hall, a week before the council votes on the budget.\n\n"
        "Harbour Ledger: How big was the deficit when you took office?\n\n"
        "Whitcombe: The gap for this year was $212 million. We have closed $72 million of it.\n\n"
        "Harbour Ledger: The transit union says you are cutting bus service by 15 percent.\n\n"
        "Whitcombe: The budget keeps every route, and moves four late-night routes to every 30 minutes.\n"
    )
    extraction = extract_text(text, name="whitcombe-interview.txt")
    assert extraction.title == "Mayor Andre Whitcombe: ‘We will not balance the budget on the backs of bus riders’"
    credited = {found.text: found.claimant for found in extraction.sentences}
    assert credited["The gap for this year was $212 million."] == "Andre Whitcombe"
    assert not [said for said in credited if "bus riders" in said], "the headline is not something said"
    introduction = next(said for said in credited if said.startswith("The Harbour Ledger sat down"))
    assert credited[introduction] is None


def cue(start, end, *lines):
    return f"00:00:{start} --> 00:00:{end} align:start position:0%\n" + "\n".join(lines) + "\n\n"


# YouTube's automatic captions: a line shows with each word's time, then again alone for an instant (over a line of
# one space), then again above the next line.
ROLL_UP = "WEBVTT\nKind: captions\nLanguage: en\n\n" + "".join(
    [
        cue("00.160", "02.550", " ", ">> How<00:00:00.400><c> many</c><00:00:00.720><c> families do you serve?</c>"),
        cue("02.550", "02.560", ">> How many families do you serve?", " "),
        cue("02.560", "05.430", ">> How many families do you serve?", ">> We<00:00:02.800><c> served 14,200</c>"),
        cue("05.430", "05.440", ">> We served 14,200", " "),
        cue("05.440", "08.110", ">> We served 14,200", "families<00:00:05.700><c> in January, up 35 percent.</c>"),
    ]
)


def test_roll_up_captions_are_read_once_each_line_at_the_moment_it_first_shows():
    assert said(read_transcript(ROLL_UP, name="food-bank.vtt")) == [
        ("", "How many families do you serve?", 0),
        ("", "We served 14,200 families in January, up 35 percent.", 2),
    ]


def test_a_podcasts_title_with_a_colon_is_its_title_when_the_words_before_the_colon_never_speak():
    text = (
        "The Civic Ledger, episode 41: What the transit levy actually pays for\n\n"
        "Tue, Apr 7, 2026 10:14AM • 24:18\n\n"
        "Lena Ortiz  00:04\nWhat does the transit levy cost a homeowner?\n\n"
        "Paul Achebe  00:22\nFor a home assessed at $300,000, it's about $84 a year.\n\n"
        "Lena Ortiz  00:35\nAnd what do they get for it?\n\n"
        "Paul Achebe  00:38\nThe levy raises about $62 million a year.\n"
    )
    transcript = read_transcript(text, name="otter-export.txt")
    assert transcript.title == "The Civic Ledger, episode 41: What the transit levy actually pays for"
    assert str(transcript.published_on) == "2026-04-07"
    assert [turn.label for turn in transcript.turns] == ["Lena Ortiz", "Paul Achebe", "Lena Ortiz", "Paul Achebe"]


def test_a_transcript_that_opens_on_a_timed_turn_has_no_title_line_to_find():
    text = (
        "[00:00:01] RAMAN: What happened to the bridge?\n"
        "[00:00:04] WHITFIELD: The steel arrived four months late.\n"
        "[00:00:09] OKAFOR: The delay cost $18 million.\n"
        "[00:00:12] WHITFIELD: We will open it in July.\n"
    )
    assert [turn.label for turn in read_transcript(text).turns] == ["RAMAN", "WHITFIELD", "OKAFOR", "WHITFIELD"]


def test_the_service_that_transcribed_a_recording_signs_it_and_no_speaker_says_so():
    text = (
        "The Civic Ledger, episode 41\n\n"
        "Lena Ortiz  00:04\nWhat does the levy cost?\n\nPaul Achebe  00:22\nAbout $84 a year.\n\n"
        "Lena Ortiz  00:35\nAnd what do they get?\n\nPaul Achebe  00:38\nFourteen new routes.\n\n"
        "Transcribed by https://otter.ai\n"
    )
    transcript = read_transcript(text)
    assert transcript.turns[-1].text == "Fourteen new routes."
    assert {"rule": "transcript_credit", "text": "Transcribed by https://otter.ai"} in transcript.removed


def test_a_broadcasters_transcript_of_a_programme_that_aired_was_said_in_a_broadcast():
    text = (
        "THE EVENING BRIEF\n\nAired March 12, 2026 - 17:00   ET\n\n"
        "BLAKE: Joining us now, Senator Ray Castillo.\n"
        "CASTILLO: Border Patrol recorded 2.1 million encounters last fiscal year.\n"
        "BLAKE: Your response to the former president?\n"
        "CASTILLO: Apprehensions rose in each of his last two years in office.\n"
    )
    assert read_transcript(text).venue == "broadcast"


NPR = """Senate passes border bill after months of talks

March 13, 2026 5:04 AM ET
Heard on Morning Edition

STEVE INSKEEP, HOST:

The Senate has passed a border bill. NPR's Mara Lindgren reports.

MARA LINDGREN, BYLINE: The vote was 61 to 38, with 14 Republicans voting yes.

(SOUNDBITE OF ARCHIVED RECORDING)

RAY CASTILLO: This bill hires 1,500 new border agents, the largest increase since 2006.

LINDGREN: Senator Alan Price voted no.

INSKEEP: NPR's Mara Lindgren, thanks.

LINDGREN: You're welcome.

NPR transcripts are created on a rush deadline by an NPR contractor. This text may not be in its final form and may \
be updated or revised in the future. The authoritative record of NPR’s programming is the audio record.
"""


def test_a_public_radio_reporter_filing_under_a_byline_is_never_a_claimant():
    extraction = extract_text(NPR)
    roles = {label: speaker.role for speaker in extraction.speakers for label in speaker.labels}
    assert roles["LINDGREN"] == "moderator"
    assert {claim.claimant for claim in extraction.claims} == {"Ray Castillo"}


def test_a_broadcasters_notice_below_its_rush_transcript_is_nobodys_words():
    transcript = read_transcript(NPR)
    assert transcript.turns[-1].text == "You're welcome."
    assert [entry["rule"] for entry in transcript.removed if "rush deadline" in entry["text"]] == ["transcript_notice"]


def test_speakers_labelled_by_their_initials_are_the_people_the_header_names():
    text = (
        "Sunday with Laura Kuenssberg\n"
        "Interview with Rachel Reeves, Chancellor of the Exchequer\n"
        "16 March 2026\n\n"
        "LK: Chancellor, welcome. The economy shrank in January. What went wrong?\n\n"
        "RR: The economy grew by 0.4% in the last quarter, faster than Germany or France.\n\n"
        "LK: But unemployment has gone up to 4.9%.\n\n"
        "RR: There are 800,000 more people in work than when we came into office.\n\n"
        "LK: Chancellor, thank you.\n"
    )
    speakers = {speaker.label: speaker for speaker in extract_text(text).speakers}
    assert (speakers["RR"].name, speakers["RR"].role) == ("Rachel Reeves", "speaker")
    assert (speakers["LK"].name, speakers["LK"].role) == ("Laura Kuenssberg", "moderator")


HEARING = """NOMINATION OF JANE DOE TO BE SECRETARY OF ENERGY

Chairman LEE. The committee will come to order. Ms. Doe, welcome. Please proceed with your statement.

Ms. DOE. Thank you, Mr. Chairman. Electricity prices rose 24 percent between 2020 and 2025.

Chairman LEE. Thank you. Senator Ortiz.

Senator ORTIZ. The department cancelled 12 loan guarantees last year. Will you restore them?

Ms. DOE. Senator, eight of those 12 projects had already missed their construction milestones.

Senator ORTIZ. The inspector general found that only three had missed them.

Ms. DOE. The inspector general's report covered 2023, before the milestones were set.

Chairman LEE. Senator Blake.

Senator BLAKE. How many nuclear plants closed in the last decade?

Ms. DOE. Thirteen reactors closed between 2013 and 2022, and two have since been restarted.

The CHAIRMAN. The hearing is adjourned.
"""


def test_a_congressional_hearing_labels_end_with_a_full_stop_and_print_the_surname_in_capitals():
    transcript = read_transcript(HEARING)
    assert [turn.label for turn in transcript.turns][:4] == ["Chairman LEE", "Ms. DOE", "Chairman LEE", "Senator ORTIZ"]
    assert transcript.turns[1].text.startswith("Thank you, Mr. Chairman. Electricity prices rose 24 percent")


def test_a_witness_who_thanks_the_chairman_has_the_floor_and_the_chair_who_calls_on_senators_moderates():
    roles = {label: speaker.role for speaker in extract_text(HEARING).speakers for label in speaker.labels}
    assert roles["Ms. DOE"] == "speaker"
    assert roles["Chairman LEE"] == roles["The CHAIRMAN"] == "moderator"


def test_an_australian_hansard_gives_each_members_seat_office_and_time_before_their_words():
    text = (
        "House of Representatives\nQuestions without Notice\n\n"
        "Mr TAYLOR (Hume) (14:03): My question is to the Prime Minister. Inflation has been above 3 per cent. Why?\n\n"
        "Mr ALBANESE (Grayndler—Prime Minister) (14:03): Inflation has fallen from 7.8 per cent to 2.4 per cent.\n\n"
        "Mr TAYLOR (Hume) (14:05): Real wages fell for two years in a row. Why?\n\n"
        "The SPEAKER: Order! The member for Hume will be heard.\n\n"
        "Mr ALBANESE: Real wages have grown for seven consecutive quarters.\n"
    )
    extraction = extract_text(text)
    speakers = {label: speaker for speaker in extraction.speakers for label in speaker.labels}
    assert speakers["Mr ALBANESE"] == speakers["Mr ALBANESE (Grayndler—Prime Minister)"]
    assert speakers["Mr ALBANESE"].description == "Prime Minister"
    assert speakers["The SPEAKER"].role == "moderator"
    credited = {found.text: found.claimant for found in extraction.sentences}
    assert credited["Inflation has fallen from 7.8 per cent to 2.4 per cent."] == "Albanese"


def test_a_witness_addressing_the_chair_is_not_taken_for_a_moderator():
    text = (
        "Energy committee hearing transcript\n\n"
        "Mike Lee: Ms. Doe, welcome. Please proceed with your statement.\n"
        "Jane Doe: Thank you, Mr. Chairman. Electricity prices rose 24 percent between 2020 and 2025.\n"
        "Mike Lee: Senator Ortiz?\n"
        "Ana Ortiz: The department cancelled 12 loan guarantees last year. Will you restore them?\n"
        "Jane Doe: Mr. Chairman, if I may. Eight of those 12 projects had missed their milestones.\n"
        "Mike Lee: Senator Ortiz, your time is up. Senator Blake?\n"
        "Tom Blake: How many reactors closed in the last decade?\n"
        "Jane Doe: Thank you, Mr. Chairman. Thirteen reactors closed between 2013 and 2022.\n"
    )
    roles = {label: speaker.role for speaker in extract_text(text).speakers for label in speaker.labels}
    assert roles["Jane Doe"] == "speaker"
    assert roles["Mike Lee"] == "moderator"


def test_a_sports_round_up_with_scores_before_colons_is_an_article_not_a_transcript():
    games = [
        "Wild 4, Sabres 1: Zach Parise scored twice and Alex Stalock made 30 saves as Minnesota beat Buffalo.",
        "Bruins 5, Devils 1: David Pastrnak scored two goals and Tuukka Rask made 25 saves for Boston.",
        "Panthers 5, Flyers 2: Jonathan Huberdeau had a goal and two assists as Florida won at home.",
        "Blue Jackets 5, Canadiens 2: Pierre-Luc Dubois scored twice and Columbus beat Montreal again.",
        "Senators 4, Red Wings 3: Anthony Duclair scored the winner with 1:12 left for Ottawa.",
        "Jets 2, Predators 1: Connor Hellebuyck stopped 40 shots and Winnipeg won its third straight.",
    ]
    text = (
        "Nelson's overtime goal lifts the Islanders\n\n"
        "Brock Nelson scored 2:55 into overtime to lift the Islanders over the Penguins 5-4 on Tuesday night, "
        "extending their unbeaten streak to 15 games.\n\n" + "\n\n".join(games) + "\n"
    )
    assert extract_text(text).kind == "article"
