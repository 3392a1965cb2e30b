import re

from django.core import mail

from conftest import PASSWORD


def test_sign_in_with_correct_details_goes_home(client, school_leader):
    response = client.post(
        "/account/sign-in/", {"username": school_leader.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.session["_auth_user_id"] == str(school_leader.pk)


def test_sign_in_with_wrong_password_says_so(client, school_leader):
    response = client.post("/account/sign-in/", {"username": school_leader.email, "password": "x"})
    assert response.status_code == 200
    assert "Enter a correct email address and password." in response.text
    assert "There is a problem" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_in_with_nothing_entered_asks_for_both(client, db):
    response = client.post("/account/sign-in/", {})
    assert "Enter your email address" in response.text
    assert "Enter your password" in response.text


def test_closed_account_cannot_sign_in(client, outsider):
    outsider.is_active = False
    outsider.save()
    response = client.post("/account/sign-in/", {"username": outsider.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_sign_out_needs_post_and_ends_the_session(client_for, outsider):
    client = client_for(outsider)
    assert client.get("/account/sign-out/").status_code == 405
    assert client.post("/account/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_emails_a_working_link(client, outsider):
    response = client.post("/account/password-reset/", {"email": outsider.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.text
    new = "a-brand-new-long-passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password(new)


def test_password_reset_for_unknown_address_sends_nothing_and_does_not_tell(client, db):
    response = client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_email_address_is_not_case_sensitive(client, school_leader):
    response = client.post(
        "/account/sign-in/", {"username": school_leader.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302


def test_someone_who_never_set_a_password_can_ask_for_a_link(client, db):
    from collegium.accounts.models import User

    User.objects.create_user("new.head@example.org", None, full_name="New Head")
    client.post("/account/password-reset/", {"email": "New.Head@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.head@example.org"]
