"""Sharing claims out: an editor assigns many claims to one person (or to nobody) in one action, and the
front page shows what each person has on their plate and the changes proposed to me."""

import re

from django.urls import reverse
from model_bakery import baker

from factcheck.models import Claim

CLAIMS = reverse("admin:factcheck_claim_changelist")


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def messages_on(response):
    return [str(message) for message in response.context["messages"]]


def section(page, section_id):
    return page.split(f'id="{section_id}"')[1].split("</section>")[0]


def test_an_editor_assigns_several_claims_to_a_fact_checker_in_one_action(client, editor, fact_checker):
    claims = baker.make(Claim, _quantity=3)
    client.force_login(editor)
    selected = {"action": "assign_to", "_selected_action": [claim.pk for claim in claims]}
    page = client.post(CLAIMS, selected).content.decode()
    assert "Alice Adeyemi: 0 awaiting check, 0 being researched" in page, "the choice shows each person's load"
    assert all(claim.assignee is None for claim in map(reload, claims)), "nothing happens before choosing"

    response = client.post(CLAIMS, {**selected, "apply": "1", "assignee": fact_checker.pk}, follow=True)
    assert "Assigned to Alice Adeyemi: 3 claims." in messages_on(response)
    assert {reload(claim).assignee for claim in claims} == {fact_checker}
    assert reload(claims[0]).history.latest().history_change_reason == "Assigned to alice"


def test_assigning_one_claim_speaks_of_one_claim(client, editor, fact_checker):
    claim = baker.make(Claim)
    client.force_login(editor)
    page = client.post(CLAIMS, {"action": "assign_to", "_selected_action": [claim.pk]}).content.decode()
    assert "This claim goes to the person you choose; it appears in" in page
    assert "These 1 claim" not in page
    assert 'value="Assign 1 claim"' in page


def test_assigning_to_nobody_unassigns_and_not_choosing_is_refused(client, editor, fact_checker):
    claims = baker.make(Claim, assignee=fact_checker, _quantity=2)
    client.force_login(editor)
    selected = {"action": "assign_to", "_selected_action": [claim.pk for claim in claims], "apply": "1"}
    page = client.post(CLAIMS, selected).content.decode()
    assert "Choose who the claims go to" in page
    assert {reload(claim).assignee for claim in claims} == {fact_checker}
    response = client.post(CLAIMS, {**selected, "assignee": "nobody"}, follow=True)
    assert "Unassigned: 2 claims." in messages_on(response)
    assert {reload(claim).assignee for claim in claims} == {None}


def test_a_claim_that_cannot_be_assigned_is_named_and_the_rest_move(client, editor, fact_checker):
    open_claim = baker.make(Claim)
    dismissed = baker.make(Claim, status=Claim.Status.DISMISSED, dismissal_reason="An opinion.")
    client.force_login(editor)
    response = client.post(
        CLAIMS,
        {
            "action": "assign_to",
            "_selected_action": [open_claim.pk, dismissed.pk],
            "apply": "1",
            "assignee": fact_checker.pk,
        },
        follow=True,
    )
    assert "Assigned to Alice Adeyemi: 1 claim." in messages_on(response)
    assert any("was dismissed; there is nothing to assign" in message for message in messages_on(response))
    assert reload(dismissed).assignee is None


def test_fact_checkers_are_not_offered_assignment_to_others(client, fact_checker):
    baker.make(Claim)
    client.force_login(fact_checker)
    page = client.get(CLAIMS).content.decode()
    assert 'value="assign_to_me"' in page
    assert 'value="assign_to"' not in page
    claim = baker.make(Claim)
    client.post(
        CLAIMS, {"action": "assign_to", "_selected_action": [claim.pk], "apply": "1", "assignee": fact_checker.pk}
    )
    assert reload(claim).assignee is None


def test_the_front_page_shows_each_persons_load(client, editor, fact_checker, second_fact_checker, written_verdict):
    baker.make(Claim, assignee=fact_checker, _quantity=2)
    baker.make(Claim, assignee=fact_checker, status=Claim.Status.RESEARCHING)
    baker.make(Claim, assignee=second_fact_checker)
    client.force_login(editor)
    load = section(client.get(reverse("admin:index")).content.decode(), "desk-load")
    rows = {}
    for row in load.split("<tr>")[2:]:
        name = re.search(r'<th scope="row"[^>]*>([^<(]+)', row).group(1).strip()
        rows[name] = re.findall(r">(\d+)<", row)
    assert rows["Alice Adeyemi"] == ["2", "1", "1", "0"]  # awaiting check, being researched, drafts, in review
    assert rows["Bob Brennan"] == ["1", "0", "0", "0"]
    assert f"?assignee__id__exact={fact_checker.pk}&amp;status__exact=new" in load
    assert "Assign to…" in load


def test_changes_proposed_to_me_are_first_on_my_front_page(client, submitted_verdict, fact_checker, editor):
    submitted_verdict.propose_changes(by=editor, changes={"summary": "Close: 4.0%, not 3.9%."})
    client.force_login(fact_checker)
    page = client.get(reverse("admin:index")).content.decode()
    proposed = section(page, "desk-proposals")
    assert "Charlie Castillo" in proposed
    assert "See the changes; accept or reject them" in proposed
    assert page.index('id="desk-proposals"') < page.index('id="desk-drafts"')

    client.force_login(editor)
    waiting = section(client.get(reverse("admin:index")).content.decode(), "desk-my-review")
    assert "Wait for Alice Adeyemi&#x27;s answer to your proposed changes" in waiting


def test_a_claims_page_and_the_claim_list_name_each_person_as_the_front_page_does(
    client, editor, fact_checker, new_claim
):
    new_claim.assign(fact_checker, by=editor)
    client.force_login(editor)
    claim_page = client.get(reverse("admin:factcheck_claim_change", args=[new_claim.pk])).content.decode()
    assignee = claim_page.split('name="assignee"')[1].split("</select>")[0]
    assert re.search(r'<option value="\d+" selected>Alice Adeyemi \(alice\)</option>', assignee)
    assert "Charlie Castillo (charlie)" in assignee
    listed = client.get(CLAIMS).content.decode()
    assert '<td class="field-assigned_to">Alice Adeyemi</td>' in listed
    assert f'<a href="?assignee__id__exact={fact_checker.pk}">Alice Adeyemi (alice)</a>' in listed, "its filter"


def test_a_fact_checker_sees_who_has_a_claim_by_name(client, editor, fact_checker, second_fact_checker, new_claim):
    new_claim.assign(second_fact_checker, by=editor)
    client.force_login(fact_checker)
    claim_page = client.get(reverse("admin:factcheck_claim_change", args=[new_claim.pk])).content.decode()
    assignee = claim_page.split("field-assigned_to")[1].split("</div></div>")[0]
    assert "Bob Brennan" in assignee
    assert "bob" not in assignee.replace("Bob Brennan", "")


def test_the_verdict_list_filters_by_author_named_as_the_front_page_does(
    client, editor, fact_checker, second_fact_checker, written_verdict
):
    baker.make("factcheck.Verdict", claim=baker.make(Claim), author=second_fact_checker, rating="false")
    client.force_login(editor)
    listed = client.get(reverse("admin:factcheck_verdict_changelist")).content.decode()
    assert f'<a href="?author__id__exact={fact_checker.pk}">Alice Adeyemi (alice)</a>' in listed
