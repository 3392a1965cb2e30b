"""`manage.py create_network_admin`: the first account, made without a shell."""

import io
import re
import sys

import pytest
from django.core.management import CommandError, call_command

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import Role, RoleGrant

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        call_command("create_network_admin", *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def link_in(output: str) -> str:
    match = re.search(r"http://\S+/password-reset/\S+/\S+/", output)
    assert match, output
    return match[0]


def test_creates_the_first_admin_with_a_link_that_sets_the_password(client):
    output = run("First.Admin@Example.org", "--name", "Fran First")

    user = User.objects.get(email="first.admin@example.org")
    assert user.full_name == "Fran First"
    assert not user.has_usable_password()
    assert RoleGrant.objects.filter(user=user, role=Role.NETWORK_ADMIN).count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.PERSON_ADDED, verbs.ROLE_GRANTED} <= actions
    assert "is now a network admin" in output

    path = link_in(output).removeprefix("http://127.0.0.1:8000")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "a-long-new-password-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert client.login(username="first.admin@example.org", password=new)


def test_running_it_again_changes_nothing():
    run("fran@example.org", "--name", "Fran First")
    events = AuditEvent.objects.count()

    output = run("fran@example.org")

    assert "already a network admin: nothing was changed" in output
    assert User.objects.filter(email="fran@example.org").count() == 1
    assert RoleGrant.objects.filter(role=Role.NETWORK_ADMIN).count() == 1
    assert AuditEvent.objects.count() == events
    link_in(output)  # they have still not chosen a password: a fresh link


def test_gives_an_existing_account_the_role(outsider):
    run(outsider.email.upper())

    assert RoleGrant.objects.filter(user=outsider, role=Role.NETWORK_ADMIN).exists()
    assert User.objects.count() == 1


def test_password_from_stdin_for_scripts():
    output = run("sam@example.org", "--name", "Sam Smith", "--password-from-stdin",
                 stdin="a-long-new-password-2026\n")  # fmt: skip

    user = User.objects.get(email="sam@example.org")
    assert user.check_password("a-long-new-password-2026")
    assert "password-reset" not in output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["not-an-email", "--name", "X"], "", "Enter an email address in the correct format"),
        (["sam@example.org"], "", "Enter their full name with --name"),
        (["sam@example.org", "--name", "Sam", "--password-from-stdin"], "", "Enter a password"),
        (["sam@example.org", "--name", "Sam", "--password-from-stdin"], "12345\n", "too short"),
    ],
)
def test_refuses_bad_input_and_changes_nothing(args, stdin, message):
    with pytest.raises(CommandError, match=message):
        run(*args, stdin=stdin)

    assert not User.objects.exists()
    assert not RoleGrant.objects.exists()


def test_refuses_a_closed_or_suspended_account_and_changes_nothing(outsider):
    outsider.is_active = False
    outsider.save()

    with pytest.raises(CommandError, match="is closed or suspended"):
        run(outsider.email)

    assert not RoleGrant.objects.filter(user=outsider).exists()


def test_password_from_stdin_leaves_an_existing_password_alone(outsider):
    password = outsider.password
    output = run(outsider.email, "--password-from-stdin", stdin="a-long-new-password-2026\n")

    outsider.refresh_from_db()
    assert outsider.password == password
    assert not outsider.check_password("a-long-new-password-2026")
    assert "the password given was not used: their password is unchanged" in output
    assert "Their password is set" not in output
    assert RoleGrant.objects.filter(user=outsider, role=Role.NETWORK_ADMIN).exists()


def test_password_from_stdin_sets_one_for_an_account_that_has_none():
    user = User.objects.create_user("pat@example.org", None, full_name="Pat Nopass")

    output = run("pat@example.org", "--password-from-stdin", stdin="a-long-new-password-2026\n")

    user.refresh_from_db()
    assert user.check_password("a-long-new-password-2026")
    assert "Their password is set" in output
