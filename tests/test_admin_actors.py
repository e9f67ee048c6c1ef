"""An actor's aliases on its admin page: typed as names, one per line or separated by commas, never as JSON."""

from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor
from tests.admin_forms import form_data


def change_url(actor):
    return reverse("admin:factcheck_actor_change", args=[actor.pk])


def save_aliases(client, actor, typed: str):
    page = client.get(change_url(actor))
    return client.post(change_url(actor), form_data(page, aliases=typed))


def shown_aliases(client, actor) -> str:
    """What the aliases box holds when the page opens, as a browser would send it back untouched."""
    return client.get(change_url(actor)).context["adminform"].form["aliases"].value()


def test_an_editor_types_aliases_one_per_line(client, editor):
    actor = baker.make(Actor, name="Alan Whitby", aliases=[])
    client.force_login(editor)
    response = save_aliases(client, actor, "Whitby\r\nProfessor Alan Whitby\r\n")
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.aliases == ["Whitby", "Professor Alan Whitby"]
    assert list(Actor.objects.matching("professor alan whitby")) == [actor]


def test_aliases_on_one_line_may_be_separated_by_commas(client, editor):
    actor = baker.make(Actor, name="Alan Whitby", aliases=[])
    client.force_login(editor)
    save_aliases(client, actor, "Whitby, Professor Alan Whitby")
    actor.refresh_from_db()
    assert actor.aliases == ["Whitby", "Professor Alan Whitby"]


def test_blank_lines_spaces_repeats_and_the_actors_own_name_are_dropped(client, editor):
    actor = baker.make(Actor, name="Alan Whitby", aliases=[])
    client.force_login(editor)
    save_aliases(client, actor, "\n  Whitby  \n\nalan whitby\nProfessor   Alan Whitby\nWHITBY\n \n")
    actor.refresh_from_db()
    assert actor.aliases == ["Whitby", "Professor Alan Whitby"]


def test_the_page_shows_the_aliases_one_per_line(client, editor):
    actor = baker.make(Actor, name="Volodymyr Zelenskyy", aliases=["Zelenskyy", "Zelensky"])
    client.force_login(editor)
    assert shown_aliases(client, actor) == "Zelenskyy\nZelensky"
    page = client.get(change_url(actor)).content.decode()
    assert "Zelenskyy\nZelensky</textarea>" in page
    assert '["Zelenskyy"' not in page


def test_a_name_with_a_comma_in_it_stays_whole_on_a_line_of_its_own_and_when_untouched(client, editor):
    actor = baker.make(Actor, name="Martin Luther King", aliases=[])
    client.force_login(editor)
    save_aliases(client, actor, "Martin Luther King, Jr.\nMLK")
    actor.refresh_from_db()
    assert actor.aliases == ["Martin Luther King, Jr.", "MLK"]

    actor.aliases = ["Martin Luther King, Jr."]
    actor.save()
    save_aliases(client, actor, shown_aliases(client, actor))
    actor.refresh_from_db()
    assert actor.aliases == ["Martin Luther King, Jr."]


def test_clearing_the_box_removes_every_alias(client, editor):
    actor = baker.make(Actor, name="Alan Whitby", aliases=["Whitby"])
    client.force_login(editor)
    save_aliases(client, actor, "")
    actor.refresh_from_db()
    assert actor.aliases == []


def test_a_paragraph_pasted_as_one_alias_is_refused_saying_what_to_do(client, editor):
    actor = baker.make(Actor, name="Alan Whitby", aliases=["Whitby"])
    client.force_login(editor)
    response = save_aliases(client, actor, "An economist " * 20)
    assert response.status_code == 200
    assert "is longer than 200 characters: put each name on a line of its own." in response.content.decode()
    actor.refresh_from_db()
    assert actor.aliases == ["Whitby"]
