"""More shapes of real news pages the desk once read wrongly: a month before a name taken for a place, a speech
verb it did not know, a reporter passing on someone's words, a state's abbreviation, laws, rooms and products
taken for actors, given names outside the project's list, a table's rows and page furniture taken for claims,
and a section's name given as the site's.

Every sentence and page here is written for these tests; the people, outlets and organisations are invented.
"""

import pytest
from trafilatura.utils import load_html

from factcheck.extraction import extract_text
from factcheck.extraction.actors import find_actors
from factcheck.extraction.attribution import PARAPHRASE, QUOTE
from factcheck.extraction.clutter import clean, line_rule
from factcheck.extraction.webpage import _Metadata, outlet_name
from tests.claimant_reading import claimants


def names(sentences: list[str]) -> dict[str, str]:
    return {actor.name: actor.kind for actor in find_actors(sentences)}


def test_a_month_before_a_speaker_and_her_role_is_no_place():
    sentence = (
        "In a letter to the council in May, Zippy Marlowe, the president of the Harbour Farm Bureau, said farmers "
        "faced “the worst season in living memory” after the floods."
    )
    assert claimants([sentence]) == [("Zippy Marlowe", PARAPHRASE)]


def test_a_speaker_who_recounted_a_meeting_is_its_claimant():
    sentence = "“My people had 20 ferries ready,” Mayor Ilse Brannock recounted at a meeting on Oct. 21."
    assert claimants([sentence]) == [("Ilse Brannock", QUOTE)]


def test_a_reporter_passing_on_what_someone_wrote_is_not_the_claimant():
    sentence = (
        "According to Harbour Radio's Tallis, Wen Jifang, a doctor at Kelburn General Hospital, wrote in a blog "
        "post that the couple had been moved to the ward on November 3."
    )
    assert claimants([sentence])[0][0] == "Wen Jifang"
    assert claimants(["The ferry carried 400 people, according to Harbour Radio."])[0][0] == "Harbour Radio"


@pytest.mark.parametrize(
    ("sentence", "nobody"),
    [
        ("Councillors from Orange County, Calif., and Marion County, Fla., said fares should fall.", "Calif"),
        ("He was charged under the Logan Act, a law from 1799, prosecutors said.", "Logan Act"),
        ("The mayor met the ferry operators in the Cabinet Room on Monday, an aide said.", "Cabinet Room"),
        ("Okafor and Reyes won the deciding doubles match in Group A, giving Kelburn a 2-1 victory.", "Group A"),
        ("Reyes beat Tallis at the HTF Finals in Kelburn last year.", "HTF Finals"),
        ("Speaking at the UN Ferry Action Summit, Reyes said fares would fall.", "UN Ferry Action Summit"),
        ("Teachers packed the Annie Tallis Arena, police said.", "Annie Tallis Arena"),
        ("Police arrested Ilse A. Burton, 32, of 1119 Eighth St., said Lt. Matt Harris.", "Eighth St."),
        ("The House of Representatives voted, and Representatives said the bill would pass.", "Representatives"),
        (
            "The public tires of the voting-machine ruse, removal of the mayor by the 25th Amendment, the Logan Act, "
            "the emoluments clause, Stormy, Cohen, and now the ferries.",
            "Amendment",
        ),
        (
            "“Hey Twitter, the whole point of this campaign is awareness,” Governor Ilse Brannock tweeted.",
            "Hey Twitter",
        ),
        (
            "The wonders we marvel at—the Kelburn Bridge, the Harbour Dam, the Tallis Canal—are echoes of older ones.",
            "Kelburn Bridge",
        ),
        ("“I’d never seen anything like it,” I’d say, Reyes told reporters.", "I’d"),
    ],
)
def test_state_abbreviations_laws_rooms_events_venues_streets_and_letters_are_nobody(sentence, nobody):
    assert nobody not in names([sentence])


def test_a_product_someone_owns_is_no_company_though_written_with_a_capital_inside():
    found = names(
        [
            "He kept the timetable on his PalmSlate until the ferry sank.",
            "The PalmSlate was found on the beach a week later.",
            # shares in the company, not a thing someone has
            "Investors sold their TideWorks shares on Monday.",
            "TideWorks runs six ferries across the bay.",
        ]
    )
    assert "PalmSlate" not in found
    assert found["TideWorks"] == "organization"


def test_a_newsroom_role_run_into_a_name_is_not_part_of_it_and_an_outlet_named_for_one_stays_whole():
    found = names(
        [
            "Harbour Sports Ferry Insider Jason Tallis has reported that the league will fine Reyes.",
            "The Kelburn Reporter said the fine would be $10,000.",
        ]
    )
    assert found["Jason Tallis"] == "person"
    assert "Kelburn Reporter" in found
    sentence = "After the gunfire stopped, Avalos said she went outside, Investigator Robert Tallis wrote in a warrant."
    assert names([sentence])["Robert Tallis"] == "person"


def test_a_common_given_name_missing_from_the_projects_list_starts_a_persons_name():
    # "Annie" is in the census's given names, not in the project's own list of other countries' names.
    assert names(["The prize went to Annie Okafor and her crew."]) == {"Annie Okafor": "person"}


def test_a_tables_rows_are_never_claims():
    text = (
        "Harbour Shares Fall\n\n"
        "Harbour Ferries reported earnings that fell 12 percent short of estimates on Tuesday.\n\n"
        "| Ticker | Security | Last | Change |\n\n"
        "| HFY | HARBOUR FERRIES INC. | 25.86 | -1.29 |\n\n"
        "The company said revenue rose 3.5 percent to $2.7 billion.\n"
    )
    extraction = extract_text(text)
    assert not [claim for claim in extraction.sentences if "|" in claim.text]
    assert "HARBOUR FERRIES INC." in extraction.body  # the table stays in the body: it is the page's


@pytest.mark.parametrize(
    "line",
    [
        "(See the world's top 10 ferry ports.)",
        "The Latest on a deadly collision of two ferries in Kelburn harbour (all times local):",
        "5:45 AM PST 11/19/2019 by Dana Whitfield",
    ],
)
def test_pointers_live_story_notes_and_stamped_bylines_are_furniture(line):
    assert line_rule(line) is not None


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor said (see above) that fares rose at 5:45 a.m. on 11/19/2019.",
        "The latest figures show 400 people missed the ferry, all times local to Kelburn.",
    ],
)
def test_prose_around_those_shapes_stays(prose):
    assert line_rule(prose) is None


def test_a_section_given_as_the_site_name_is_not_the_outlet():
    meta = _Metadata(
        load_html(
            '<html><head><meta property="og:site_name" content="Letters to the Editor">'
            "</head><body><p>text</p></body></html>"
        )
    )
    assert outlet_name(meta, title_site="The Kelburn Courier", found="", url="") == "The Kelburn Courier"


def test_a_sign_up_boxs_replies_a_gallerys_pointer_and_a_membership_pitch_leave_the_body():
    page = (
        "The mayor said fares would rise by a fifth in the spring.\n"
        "Thanks for signing up!\n"
        "Keep an eye on your inbox for the latest ferry news.\n"
        "There was an error processing your subscription.\n"
        "Story continues below gallery\n"
        "If you enjoyed this article, we have a proposition for you: Join HARBOURPLUS. Members get all of our "
        "content, no paywalls or content meters, and an ad-free experience.\n"
        "The ferry sailed at noon."
    )
    assert clean(page).lines == [
        "The mayor said fares would rise by a fifth in the spring.",
        "The ferry sailed at noon.",
    ]


def test_a_persons_rep_or_office_speaks_for_them_and_an_alleged_remark_is_theirs():
    assert [
        claimant
        for claimant, _ in claimants(
            [
                "Governor Ilse Brannock said she would meet the teachers.",
                "Brannock's rep told Harbour News that this, too, was not the whole truth.",
                "Her office said she was keeping long-standing plans to travel to Kelburn.",
                "“We messed up; I messed up,” Governor Ilse Brannock allegedly told a supervisor.",
            ]
        )
    ] == ["Ilse Brannock"] * 4
