"""Older pages the desk misread: a wire dateline with its day in brackets, an interview's questions and answers
inside an article, a headline with a colon, a blog's name in the page's <h1>, a blog on a well-known outlet's
address, an organisation "for a …" and a ship.

Every page and sentence here is written for these tests; the people, outlets and organisations are invented.
"""

from factcheck.extraction import extract_page
from factcheck.extraction.actors import ORGANIZATION, find_actors
from factcheck.extraction.attribution import QUOTE
from factcheck.extraction.clutter import clean, line_rule, wire_dateline
from factcheck.extraction.webpage import headline, read_page
from tests.claimant_reading import claimants
from tests.extraction.test_split_articles_and_running_quotes import FIRST_HALF, SECOND_HALF

STORY = FIRST_HALF + SECOND_HALF


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def page(title: str, body: str, head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def test_a_dateline_with_its_day_in_brackets_comes_off_the_first_sentence():
    assert wire_dateline("KELBURN (Aug. 13) -- The harbour authority has ordered a review of the ferry service.") == (
        "KELBURN (Aug. 13)",
        "The harbour authority has ordered a review of the ferry service.",
    )
    lede = (
        "<p>KELBURN (Aug. 13) -- The harbour authority has ordered a review of the ferry service, its chair said.</p>"
    )
    extraction = extract_page(page("Ferry service under review", lede + STORY))
    assert extraction.dateline == "KELBURN (Aug. 13)"
    assert extraction.dek == ""  # a lede with its dateline is the story's first paragraph, not a standfirst
    assert extraction.sentences[0].text.startswith("The harbour authority has ordered")
    # Brackets after a name are no dateline.
    assert wire_dateline("The Senate (100 members) - a body that rarely agrees.")[0] == ""


INTERVIEW = (
    "<p>Some 300 miles from the harbour, Tomas Vidal is standing on a quay in work boots, trying to revive a port "
    "town that lost its ferry in 2015.</p>"
    "<p>Vidal founded the Kelburn ferry company in 2009 with Rhona Baird, and it now carries 4.2 million passengers "
    "a year.</p>"
    "<p>He stepped back from the company in 2012. \u201cI was doing 15 different things,\u201d he says.</p>"
    "<p>Asked how the company started, he told the story he tells every visitor.</p>"
    "<p>Vidal: Rhona and I met at the port in 2008. We had one boat and a loan of \u00a340,000.</p>"
    "<p>Asked what he would change, he did not hesitate.</p>"
    "<p>Vidal: The fares, I would say. They rose by 12% last year, and that is too much for a town this size.</p>"
    "<p>He has since started two training schemes for young engineers in the port town.</p>"
    "<p>See also: Ten harbours to watch in 2026</p>"
    "<p>The schemes have taken on 140 apprentices since 2019, according to the town council.</p>"
    "<p>Two of them now run boats of their own, and a third has opened a repair yard on the old ferry slip.</p>"
)


def test_an_interview_inside_an_article_stays_an_article_with_each_answer_credited_to_who_gave_it():
    extraction = extract_page(page("Ferry founder: Rhona Baird Is Like a Lighthouse", INTERVIEW))
    assert extraction.kind == "article"
    found = {s.text: (s.claimant, s.quotation) for s in extraction.sentences}
    assert found["Vidal: Rhona and I met at the port in 2008."] == ("Tomas Vidal", QUOTE)
    assert found["Vidal: The fares, I would say."] == ("Tomas Vidal", QUOTE)
    assert found["We had one boat and a loan of \u00a340,000."] == ("Tomas Vidal", QUOTE)
    assert found["They rose by 12% last year, and that is too much for a town this size."] == ("Tomas Vidal", QUOTE)
    # The writer's own paragraphs have no speaker from the headline's colon.
    assert found["He has since started two training schemes for young engineers in the port town."][0] is None
    assert "Ferry founder" not in {s.claimant for s in extraction.sentences}
    # The article's clutter rules still apply.
    assert "See also" not in extraction.body


def test_a_story_with_a_few_labelled_notes_at_its_end_is_read_whole():
    notes = paragraphs(
        "Harbour: Sold out for the third game running.",
        "Kelburn: Lost for the first time in 13 games.",
        "Harbour: At Lisle on Friday night.",
        "Kelburn: Hosts Marlow on Saturday.",
    )
    extraction = extract_page(
        page(
            "Harbour hold off Kelburn 112-107",
            STORY + STORY.replace("Kelburn", "Lisle") + STORY.replace("Kelburn", "Marlow") + notes,
        )
    )
    assert extraction.kind == "article"
    assert "4.2 million passengers" in extraction.body


def test_a_transcript_page_with_an_introduction_keeps_it_as_nobodys_words():
    turns = paragraphs(
        "MARA QUINN: The ferry carried 4.2 million passengers last year.",
        "TOMAS VIDAL: And fares rose by 12% over the same period.",
        "MARA QUINN: Is that too much?",
        "TOMAS VIDAL: For a town this size, it is far too much.",
        "MARA QUINN: The council debates it on Thursday.",
        "TOMAS VIDAL: We will be there to ask for a smaller rise.",
    )
    intro = "<p>The ferry's founder spoke to the programme about fares.</p>"
    extraction = extract_page(page("Ferry fares: the founder speaks", intro + turns))
    assert extraction.kind == "transcript"
    assert extraction.title == "Ferry fares: the founder speaks"
    first = extraction.sentences[0]
    assert first.text == "The ferry's founder spoke to the programme about fares."
    assert first.speaker == ""
    assert first.claimant is None


def test_a_blogs_name_in_the_pages_h1_is_not_its_headline():
    fields = [
        "Rhona Baird: Why Ferries Need Fewer Boats, Not More",
        "Rhona Baird: Why Ferries Need Fewer Boats, Not More - The Navigators - HW",
    ]
    assert headline(fields, ["The Navigators"], ["HW"], "") == "Rhona Baird: Why Ferries Need Fewer Boats, Not More"
    # An <h1> that opens the field, with a section's name or a longer headline after it, is still the headline.
    assert (
        headline(["Ferries or bridges? Kelburn and Lisle take sides on the crossing"], ["Ferries or bridges?"], [], "")
        == "Ferries or bridges?"
    )
    assert (
        headline(["Ferry fares rise again | Transport"], ["Ferry fares rise again"], [], "") == "Ferry fares rise again"
    )


def test_a_blog_on_a_well_known_outlets_address_is_that_outlets_but_a_site_that_names_itself_keeps_its_name():
    blog = page("Monument closes for repairs", STORY, '<meta name="application-name" content="NewsDesk">')
    assert read_page(blog, url="https://newsfeed.time.com/2026/08/24/monument/").site_name == "Time"
    syndicated = page("Monument closes for repairs", STORY, '<meta property="og:site_name" content="MSN">')
    assert read_page(syndicated, url="https://www.cnn.com/2026/08/24/monument/").site_name == "MSN"


def test_an_organisation_for_a_cause_is_one_name_and_a_ship_is_nobody():
    sentence = (
        "Mara Quinn, a fellow at the Center for a New Harbour Economy, spoke aboard the destroyer USS Kelburn and "
        "the Campaign for a Car-Free Lisle agreed."
    )
    found = {actor.name: actor.kind for actor in find_actors([sentence])}
    assert found["Center for a New Harbour Economy"] == ORGANIZATION
    assert found["Campaign for a Car-Free Lisle"] == ORGANIZATION
    assert "USS Kelburn" not in found
    assert "New Harbour Economy" not in found
    # "for a" after a person's name joins nothing.
    assert claimants(["Rhona Baird voted for a Labour candidate, said Mara Quinn."]) == [("Mara Quinn", "paraphrase")]


def test_tests_and_calculations_by_someone_that_show_something_have_their_makers_as_claimants():
    assert claimants(
        [
            "Preliminary tests by the Kelburn Institute reveal that the new boats use 30% less fuel.",
            "Calculations by the Lisle Harbour Trust show that fares rose by 12% last year.",
        ]
    ) == [("Kelburn Institute", "paraphrase"), ("Lisle Harbour Trust", "paraphrase")]


def test_a_meta_tag_written_with_value_and_a_microdata_publisher_are_read():
    head = (
        '<meta name="og:site_name" value="Harbour Weekly">'
        '<meta itemprop="datePublished" value="2016-10-13T15:35:00+00:00">'
    )
    saved = read_page(page("Monument closes for repairs", STORY, head))
    assert saved.site_name == "Harbour Weekly"
    assert str(saved.published_on) == "2016-10-13"
    publisher = (
        '<div itemscope itemtype="https://schema.org/NewsArticle">'
        '<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">'
        '<meta itemprop="name" content="Kelburn Sports"></div></div>'
    )
    assert read_page(page("Monument closes for repairs", publisher + STORY)).site_name == "Kelburn Sports"


def test_a_logos_text_as_the_only_h1_is_not_the_headline():
    html = (
        "<html><head><title>Insiders: Ferry fares will sink the mayor - HARBOURWEEKLY</title>"
        '<meta property="og:title" content="Insiders: Ferry fares will sink the mayor"></head><body>'
        "<header><h1><svg><title>HARBOURWEEKLY</title></svg>Harbourweekly Logo</h1></header>"
        f"<article>{STORY}</article></body></html>"
    )
    assert read_page(html).title == "Insiders: Ferry fares will sink the mayor"


def test_a_time_stamp_beats_a_search_that_read_its_day_and_month_the_wrong_way_round():
    html = page(
        "Ferry fares rise again",
        '<p class="byline"><time datetime="2016-10-04 05:07:09">10/04/2016 05:07 AM EDT</time></p>' + STORY,
    )
    assert str(read_page(html).published_on) == "2016-10-04"


def test_prompts_to_follow_a_reporter_and_links_to_the_story_in_another_language_are_not_text():
    assert line_rule("On Twitter: Follow Mara Quinn and get more transport coverage.") == "share_prompt"
    assert line_rule("Read this story in Bengali") == "cross_link"
    assert line_rule("On Twitter, the minister said fares would rise.") is None
    assert clean("Must Read Stories\nFerry fares rise again\n\n" + PROSE).lines[-1] == PROSE


PROSE = "The ferry carried 4.2 million passengers last year, up from 3.1 million, the authority said on Monday."


def test_forecasts_blame_and_organisations_named_by_what_they_are_have_their_makers_as_claimants():
    fund = "The Kelburn Monetary Fund (KMF) published its outlook on Tuesday."
    assert (
        claimants(
            [
                fund,
                "The lending agency forecast Tuesday that the economy would grow just 2.7% next year.",
                "The KMF expects consumer prices to rise 8.8% this year.",
                "In its latest estimates, the KMF slashed its outlook for growth in Lisle to 1.6% this year.",
            ]
        )[1:]
        == [("Kelburn Monetary Fund", "paraphrase")] * 3
    )
    assert claimants(
        [
            "New numbers from the Kelburn Estate Association confirm what buyers have known for a while.",
            "The group that represents more than 155,000 agents across the country said sales fell 30 per cent.",
        ]
    )[1] == ("Kelburn Estate Association", "paraphrase")
    assert claimants(
        [
            "The Kelburn Estate Association (KEA) released its figures on Friday.",
            "The group that represents more than 155,000 agents across the country said sales fell 30 per cent.",
        ]
    )[1] == ("Kelburn Estate Association", "paraphrase")
    assert claimants(["Rhona Baird met Tomas Vidal in 2011.", "Vidal blamed Baird for the protests."])[1] == (
        "Tomas Vidal",
        "paraphrase",
    )
    # A wish is no forecast.
    assert claimants(["Lisle expects ferry builders to raise their efficiency."]) == [(None, "")]


PANEL = (
    "<p>This week's question: when did you last take the ferry to work?</p>"
    "<p>Ferry use in Kelburn rose by 12% last year, and the council wants to double it by 2030 with a new route "
    "to Lisle and lower fares for workers who cross every day.</p>"
    "<p>I take the ferry twice a week. Our company pays half of every fare, and the crossing saves me 40 minutes "
    "each way.</p><p>Rhona Baird, managing director, Kelburn Boatworks</p>"
    "<p>The last time I took the ferry was in June. We moved our office next to the terminal in 2019, and most of "
    "our staff now cross every day.</p><p>Adelee Cabrera, regional director, Lisle Catering Group</p>"
    "<p>More answers next week, when the council publishes its transport plan for 2027.</p>"
)


def test_each_signed_answer_on_a_panel_page_is_its_signers_words():
    found = {
        s.text: (s.claimant, s.quotation)
        for s in extract_page(page("What executives think of the ferry", PANEL)).sentences
    }
    assert found["Our company pays half of every fare, and the crossing saves me 40 minutes each way."] == (
        "Rhona Baird",
        QUOTE,
    )
    # A signer the name finder did not know is still someone.
    assert found["We moved our office next to the terminal in 2019, and most of our staff now cross every day."] == (
        "Adelee Cabrera",
        QUOTE,
    )
    # The introduction and what follows the last answer are nobody's.
    assert found["This week's question: when did you last take the ferry to work?"][0] is None
    assert found["More answers next week, when the council publishes its transport plan for 2027."][0] is None


def test_a_single_line_of_a_name_and_a_role_signs_nothing():
    story = STORY + "<p>Rhona Baird, managing director, Kelburn Boatworks</p>"
    assert {s.claimant for s in extract_page(page("Ferry numbers soar", story)).sentences} <= {None, "Rhona Baird"}
    assert all(s.quotation != QUOTE for s in extract_page(page("Ferry numbers soar", story)).sentences)


def test_an_interviews_questions_in_turns_of_their_own_make_a_page_a_transcript_however_long_the_answers():
    answers = paragraphs(
        "Q: What is your first priority?",
        "A: Staffing. We are down 30 officers from 2019.",
        "That means response times have gone up, to 11 minutes on average.",
        "We are asking the council for money to hire 15 more this year.",
        "Q: What about the flood?",
        "A: The flood was the hardest week of my career.",
        "Our officers rescued 140 people from their homes.",
        "The county says damage is $12 million, and I believe that figure is low.",
        "We still have officers on overtime in the harbour district.",
        "Q: Will crime rise this summer?",
        "A: I don't think so. Burglaries fell 12 percent in the first quarter.",
        "We have put two more patrols in the harbour district.",
        "And we are opening a substation on Front Street in July.",
    )
    intro = "<p>Mara Quinn became Kelburn's police chief in May. She spoke to the Herald about patrols.</p>"
    assert extract_page(page("Q&A: Kelburn's new police chief", intro + answers)).kind == "transcript"


def test_labelled_lines_that_are_no_answers_are_nobodys_words():
    found = claimants(["Rhona Baird won the seat for Kelburn.", "Baird: 4,512 votes, or 52 percent."])
    assert found[1] == (None, "")


def test_a_state_after_a_name_and_one_member_of_a_party_are_nobody():
    sentence = '"This is a scare tactic," added Rep. Mara Quinn, Md., the top Democrat on the House Ferry Committee.'
    found = {actor.name for actor in find_actors([sentence])}
    assert "Md" not in found
    assert "Democrat" not in found
    assert "House Ferry Committee" in found


def test_a_passage_introduced_with_a_colon_is_the_words_of_who_introduced_it():
    assert claimants(
        [
            "Where does the money go? A study from the Kelburn Policy Institute examined this:",
            "Since 1950, spending per passenger has increased by 663 percent.",
            "Critics disagree with the study.",
        ]
    ) == [(None, ""), ("Kelburn Policy Institute", QUOTE), (None, "")]
    assert claimants(["Here is what we know:", "Fares rose by 12% last year."]) == [(None, ""), (None, "")]


def test_she_is_never_a_man_a_given_name_says_is_one():
    # "he" in her sentence is her husband: it teaches nothing about her.
    assert claimants(
        [
            "Michelle Obama sees despair in the country, and Donald Trump disagrees.",
            "In an interview, Michelle Obama said he believes the administration kept its promise.",
            "\u201cNow we are feeling what not having hope feels like,\u201d she said.",
        ]
    )[2] == ("Michelle Obama", QUOTE)


def test_forecasts_and_studies_named_before_their_word_have_their_makers_as_claimants():
    assert claimants(
        [
            "The Kelburn Energy Agency (KEA) published its outlook.",
            "In January the KEA forecast economic growth of 2.5% in 2020.",
        ]
    )[1:] == [("Kelburn Energy Agency", "paraphrase")]
    assert claimants(
        [
            "The Lisle Research Center studies ferry safety.",
            "In a 2014 Lisle Research Center study, 78 percent of passengers said they felt safe.",
        ]
    )[1] == ("Lisle Research Center", "paraphrase")
    assert claimants(["Rhona Baird spoke on Monday.", "Baird went on to assert that fares would fall."])[1][0] == (
        "Rhona Baird"
    )
    # A forecast as a noun names nobody.
    assert claimants(["The KEA forecast is gloomy for the ferry."]) == [(None, "")]


def test_newsletter_boxes_closed_comments_and_a_shouted_more_on_header_are_not_text():
    assert line_rule("Get up to speed with our Harbour Weekly newsletter, sent six days a week.") == "newsletter_prompt"
    assert line_rule("Keep me up to date on the latest happenings") == "newsletter_prompt"
    assert line_rule("Keep me informed, the mayor told officials about the ferry on Monday.") is None
    text = f"{PROSE}\nComments are closed\n\nMORE ON TRANSPORT\nFerry fares rise again\n\n{PROSE}"
    assert [line for line in clean(text).lines if line] == [PROSE, PROSE]
    # A heading in the article's own words stays.
    assert "More on the budget" in clean(f"{PROSE}\n\nMore on the budget\n\n{PROSE}").lines


def test_the_new_rules_leave_ordinary_sentences_alone():
    assert claimants(["Critics of Mayor Rhona Baird suggest that she ignored the warnings."]) == [(None, "")]
    assert claimants(["Photos of Tomas Vidal show that he was at the rally."])[0][0] != "Tomas Vidal"
    assert claimants(["The Kelburn Weather Service forecast Tuesday was for heavy rain."]) == [(None, "")]
    assert claimants(["Harbor Bank expects customers to pay more in 2024 in fees."]) == [(None, "")]
    assert claimants(
        [
            "The Kelburn Tenants Association organised the march.",
            "The group that police said blocked the bridge has 300 members.",
        ]
    )[1] == (None, "")
    assert (
        claimants(["HMS Logistics, a shipping firm in Kelburn, said profits fell 12 percent."])[0][0] == "HMS Logistics"
    )
    assert claimants(
        [
            "Mayor Rhona Baird said she had a message for critics:",
            "\u201cThat is simply false,\u201d said council member Tomas Vidal.",
        ]
    )[1] == ("Tomas Vidal", QUOTE)
    assert line_rule("Public comments are closed until the hearing on May 3, the planning board said.") is None
    parish = (
        "\u201cWe stopped printing our parish newsletter every month because paper costs doubled,\u201d said Ana Ruiz."
    )
    assert line_rule(parish) is None
    # A page whose <title> is only its site's name keeps its <h1> as the headline.
    html = (
        "<html><head><title>Kelburn Herald</title></head><body>"
        f"<h1>Ferry strike ends after 12 days</h1>{STORY}</body></html>"
    )
    assert read_page(html).title == "Ferry strike ends after 12 days"


SPEECH = (
    "<p>The minister used the weekly address to announce free community college for every school leaver, a plan "
    "that the government says would reach nine million students.</p>"
    "<p>Two years of college would be free for every student who keeps a 2.5 grade average, and the states would "
    "pay a quarter of its cost.</p>"
    "<h2>Remarks of Transport Minister Rhona Baird</h2>"
    "<p>Good morning. This is Rhona Baird, and I want to talk about the ferry.</p>"
    "<p>Ferry use in Kelburn rose by 12% last year, the fastest growth on record. A season ticket now costs less "
    "than half of what it did in 2019.</p>"
    "<p>As the harbour master Tomas Vidal said last week, the new terminal will open in May.</p>"
)


def test_a_speech_under_a_line_naming_whose_remarks_they_are_is_theirs_but_what_it_quotes_is_not():
    found = {s.text: (s.claimant, s.quotation) for s in extract_page(page("Weekly Address: Ferries", SPEECH)).sentences}
    assert found["Ferry use in Kelburn rose by 12% last year, the fastest growth on record."] == ("Rhona Baird", QUOTE)
    assert found["A season ticket now costs less than half of what it did in 2019."] == ("Rhona Baird", QUOTE)
    assert found["As the harbour master Tomas Vidal said last week, the new terminal will open in May."][0] == (
        "Tomas Vidal"
    )
    # What comes before the line is the page's own introduction.
    introduction = "Two years of college would be free for every student who keeps a 2.5 grade average, and the states"
    assert found[f"{introduction} would pay a quarter of its cost."][0] is None
