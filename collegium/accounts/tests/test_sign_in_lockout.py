"""Sign-in resists guessing: 5 wrong passwords lock the account, and the address, for 15 minutes."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD, make_user

SIGN_IN = "/account/sign-in/"
HOME_ADDRESS = "203.0.113.7"
OTHER_ADDRESS = "198.51.100.9"
LOCKED = "You have entered the wrong password too many times. Wait 15 minutes, or"


def attempt(client, email: str, password: str, address: str = HOME_ADDRESS):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=address)


def guess_wrong(client, email: str, times: int = 5, address: str = HOME_ADDRESS):
    return [attempt(client, email, f"guess-{n}", address) for n in range(times)][-1]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def choose_new_password(client, email: str, new: str, again: str):
    """Asks for the emailed link, follows it, and submits the new password twice."""
    mail.outbox.clear()
    client.post("/account/password-reset/", {"email": email}, REMOTE_ADDR=HOME_ADDRESS)
    link = re.search(r"http://testserver(\S+)", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    data = {"new_password1": new, "new_password2": again}
    return client.post(form_page.redirect_chain[-1][0], data, REMOTE_ADDR=HOME_ADDRESS)


@pytest.fixture
def clock(monkeypatch):
    """Moves the time the lock-out sees: clock(minutes=16) is 16 minutes from now."""

    def move(**delta: float) -> None:
        later = timezone.now() + timedelta(**delta)
        monkeypatch.setattr("axes.handlers.proxy.now", lambda: later)

    return move


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, school_leader):
    for _ in range(4):
        response = attempt(client, school_leader.email, "wrong")
        assert "Enter a correct email address and password." in response.text
    response = attempt(client, school_leader.email, "wrong")
    assert response.status_code == 429
    assert LOCKED in response.text
    assert 'href="/account/password-reset/">reset your password</a>' in response.text
    assert "There is a problem" in response.text


def test_the_right_password_is_refused_while_the_account_is_locked(client, school_leader):
    guess_wrong(client, school_leader.email)
    response = attempt(client, school_leader.email, PASSWORD, address=OTHER_ADDRESS)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert not signed_in(client)


def test_the_email_address_is_counted_whatever_its_case(client, school_leader):
    guess_wrong(client, school_leader.email.upper(), times=3)
    guess_wrong(client, school_leader.email, times=2, address=OTHER_ADDRESS)
    response = attempt(client, school_leader.email, PASSWORD, address="192.0.2.1")
    assert LOCKED in response.text
    assert not signed_in(client)


def test_four_wrong_passwords_still_let_the_right_one_in(client, school_leader):
    guess_wrong(client, school_leader.email, times=4)
    response = attempt(client, school_leader.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_one_address_guessing_many_accounts_is_locked_out(client, school_leader, db):
    for n in range(5):
        attempt(client, f"someone{n}@example.org", "guess")
    refused = attempt(client, school_leader.email, PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.text
    assert not signed_in(client)
    elsewhere = attempt(client, school_leader.email, PASSWORD, address=OTHER_ADDRESS)
    assert elsewhere.status_code == 302


def test_the_lock_ends_after_15_minutes(client, school_leader, clock):
    guess_wrong(client, school_leader.email)
    clock(minutes=14)
    assert LOCKED in attempt(client, school_leader.email, PASSWORD).text
    clock(minutes=15, seconds=1)
    response = attempt(client, school_leader.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_guessing_while_locked_does_not_make_the_lock_longer(client, school_leader, clock):
    guess_wrong(client, school_leader.email)
    clock(minutes=10)
    guess_wrong(client, school_leader.email)
    clock(minutes=15, seconds=1)
    assert attempt(client, school_leader.email, PASSWORD).status_code == 302


def test_resetting_the_password_clears_the_lock(client, school_leader):
    guess_wrong(client, school_leader.email)
    new = "a-brand-new-long-passphrase"
    assert choose_new_password(client, school_leader.email, new, new).status_code == 302
    response = attempt(client, school_leader.email, new)
    assert response.status_code == 302
    assert signed_in(client)


def test_a_refused_reset_leaves_the_lock_in_place(client, school_leader):
    guess_wrong(client, school_leader.email)
    mismatched = choose_new_password(client, school_leader.email, "one-long-pass", "x")
    assert "The two password fields" in mismatched.text
    assert LOCKED in attempt(client, school_leader.email, PASSWORD).text
    assert not signed_in(client)


def test_one_persons_reset_does_not_unlock_an_address_guessing_others(client, db):
    guesser = make_user("Guess Er")
    for n in range(5):
        attempt(client, f"victim{n}@example.org", "guess")
    new = "a-brand-new-long-passphrase"
    assert choose_new_password(client, guesser.email, new, new).status_code == 302
    assert LOCKED in attempt(client, "victim0@example.org", "guess-again").text


def forwarded(client, email: str, password: str, chain: str):
    """A request through the load balancer (10.1.1.1), which adds the address it saw."""
    data = {"username": email, "password": password}
    return client.post(SIGN_IN, data, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=chain)


def test_behind_a_proxy_the_address_it_saw_is_the_one_locked(client, school_leader, settings):
    settings.SIGN_IN_TRUSTED_PROXIES = 1
    for n in range(5):  # a forged first entry changes nothing: the proxy's own entry counts
        forwarded(client, f"someone{n}@example.org", "guess", f"10.0.0.{n}, {HOME_ADDRESS}")
    refused = forwarded(client, school_leader.email, PASSWORD, f"10.9.9.9, {HOME_ADDRESS}")
    assert LOCKED in refused.text
    elsewhere = forwarded(client, school_leader.email, PASSWORD, OTHER_ADDRESS)
    assert elsewhere.status_code == 302


def test_without_a_proxy_a_forwarded_header_is_ignored(client, school_leader, settings):
    settings.SIGN_IN_TRUSTED_PROXIES = 0
    for n in range(5):
        forwarded(client, f"someone{n}@example.org", "guess", f"10.0.0.{n}")
    refused = forwarded(client, school_leader.email, PASSWORD, OTHER_ADDRESS)
    assert LOCKED in refused.text
    assert not signed_in(client)


def test_a_forwarded_address_that_is_not_one_is_not_a_crash(client, school_leader, settings):
    settings.SIGN_IN_TRUSTED_PROXIES = 1
    for junk in ["not an address", "", "999.1.1.1", "x" * 5000, "\x00"]:
        response = forwarded(client, school_leader.email, "wrong", junk)
        assert response.status_code in (200, 429)
    assert LOCKED in forwarded(client, school_leader.email, PASSWORD, HOME_ADDRESS).text
