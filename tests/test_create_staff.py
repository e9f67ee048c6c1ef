import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

STRONG = "plankton-harbour-violet"


@pytest.fixture
def typed(monkeypatch):
    """Answer getpass's prompts with the given passwords, in order."""

    def type_passwords(*passwords):
        answers = iter(passwords)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    monkeypatch.delenv("FACTCHECK_STAFF_PASSWORD", raising=False)
    return type_passwords


def test_an_editor_created_from_a_prompted_password_can_publish_but_is_no_superuser(desk_groups, typed):
    typed(STRONG, STRONG)
    call_command("create_staff", "maria", "--role", "editor", "--name", "Maria López")
    maria = get_user_model().objects.get(username="maria")
    assert maria.is_staff
    assert not maria.is_superuser
    assert maria.check_password(STRONG)
    assert maria.has_perm("factcheck.publish_verdict")


def test_a_fact_checker_can_write_verdicts_but_not_publish(desk_groups, typed):
    typed(STRONG, STRONG)
    call_command("create_staff", "tom", "--role", "fact-checker", "--name", "Maria López")
    tom = get_user_model().objects.get(username="tom")
    assert tom.has_perm("factcheck.add_verdict")
    assert not tom.has_perm("factcheck.publish_verdict")


def test_scripts_pass_the_password_in_the_environment(desk_groups, monkeypatch):
    monkeypatch.setenv("FACTCHECK_STAFF_PASSWORD", STRONG)
    call_command("create_staff", "maria", "--role", "editor", "--name", "Maria López", "--no-input")
    assert get_user_model().objects.get(username="maria").check_password(STRONG)


def test_mistyped_confirmation_creates_nothing(desk_groups, typed):
    typed(STRONG, STRONG + "x")
    with pytest.raises(CommandError, match="differ"):
        call_command("create_staff", "maria", "--role", "editor", "--name", "Maria López")
    assert not get_user_model().objects.filter(username="maria").exists()


@pytest.mark.parametrize(("password", "complaint"), [("short", "too short"), ("password1234", "too common")])
def test_weak_passwords_are_refused_by_djangos_validators(desk_groups, typed, password, complaint):
    typed(password, password)
    with pytest.raises(CommandError, match=complaint):
        call_command("create_staff", "maria", "--role", "editor", "--name", "Maria López")
    assert not get_user_model().objects.filter(username="maria").exists()


def test_no_input_without_a_password_variable_is_refused(desk_groups, typed):
    with pytest.raises(CommandError, match="FACTCHECK_STAFF_PASSWORD"):
        call_command("create_staff", "maria", "--role", "editor", "--name", "Maria López", "--no-input")


def test_an_existing_account_is_never_changed(desk_groups, typed, editor):
    typed(STRONG, STRONG)
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_staff", editor.username, "--role", "fact-checker", "--name", "Maria López")
    editor.refresh_from_db()
    assert editor.check_password("correct horse battery")
    assert editor.has_perm("factcheck.publish_verdict")


def test_an_unknown_role_is_refused(desk_groups):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("create_staff", "maria", "--role", "superuser", "--name", "Maria López")


def test_the_demo_staff_are_an_editor_and_a_fact_checker_so_a_verdict_can_be_published(desk_groups, settings):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("ensure_demo_staff", stdout=output)
    editor, fact_checker = (get_user_model().objects.get(username=name) for name in ("editor", "factchecker"))
    assert editor.has_perm("factcheck.publish_verdict")
    assert not fact_checker.has_perm("factcheck.publish_verdict")
    assert fact_checker.has_perm("factcheck.add_verdict")
    assert not editor.is_superuser
    assert not fact_checker.is_superuser
    assert (editor.get_full_name(), fact_checker.get_full_name()) == ("Demo Editor", "Demo Fact-checker")
    assert output.getvalue().count("password: ") == 2


def test_the_demo_staff_are_made_once_and_their_passwords_never_shown_again(desk_groups, settings):
    settings.DEBUG = True
    call_command("ensure_demo_staff", stdout=io.StringIO())
    output = io.StringIO()
    call_command("ensure_demo_staff", stdout=output)
    assert "password: " not in output.getvalue()
    assert get_user_model().objects.filter(username__in=["editor", "factchecker"]).count() == 2


def test_the_demo_staff_are_refused_outside_development(desk_groups, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_staff", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_an_unnamed_demo_editor_from_before_gets_a_name(desk_groups, settings):
    settings.DEBUG = True
    get_user_model().objects.create_user(username="editor", is_staff=True)
    call_command("ensure_demo_staff", stdout=io.StringIO())
    assert get_user_model().objects.get(username="editor").get_full_name() == "Demo Editor"


def test_staff_get_the_display_name_the_public_pages_credit(desk_groups, typed):
    typed(STRONG, STRONG)
    call_command("create_staff", "maria", "--role", "editor", "--name", "  María José  López ")
    maria = get_user_model().objects.get(username="maria")
    assert (maria.first_name, maria.last_name) == ("María", "José López")


def test_staff_without_a_first_and_last_name_are_refused(desk_groups, typed):
    typed(STRONG, STRONG)
    with pytest.raises(CommandError, match="first and last name"):
        call_command("create_staff", "maria", "--role", "editor", "--name", "Maria")
    assert not get_user_model().objects.filter(username="maria").exists()
