"""The link to choose a password may carry `?next=` (an invitation to answer): it is kept only
for the link whose token checked out, and never reaches a later, unrelated reset."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from collegium.accounts.views import NEXT_KEY

NEW = "a long and unusual passphrase 42"
NEXT = "/clusters/"


def link(user, token: str | None = None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = token or default_token_generator.make_token(user)
    return reverse("accounts:password-reset-confirm", args=[uid, token])


def choose(client, user):
    """Follow a plain link (no `next`) and choose a password."""
    form_page = client.get(link(user), follow=True)
    return client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )


def test_a_valid_link_with_next_signs_in_and_goes_there(client, outsider):
    form_page = client.get(link(outsider) + f"?next={NEXT}", follow=True)
    assert form_page.status_code == 200
    assert form_page.redirect_chain[-1][0].endswith("set-password/?next=%2Fclusters%2F")
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == NEXT
    assert client.session.get("_auth_user_id") == str(outsider.pk)


def test_a_bad_link_with_next_keeps_nothing_and_a_later_reset_does_not_sign_in(client, outsider):
    response = client.get(link(outsider, "bad-token") + f"?next={NEXT}")
    assert response.status_code == 200
    assert "This link has expired or been used" in response.text
    assert NEXT_KEY not in client.session

    done = choose(client, outsider)  # a later, ordinary reset
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert "_auth_user_id" not in client.session  # refused: not signed in


def test_next_kept_for_one_link_is_not_used_by_another_persons_link(client, outsider, governor):
    client.get(link(outsider) + f"?next={NEXT}")
    assert client.session[NEXT_KEY]["next"] == NEXT

    done = choose(client, governor)  # the page view without next forgets it
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert "_auth_user_id" not in client.session
    assert NEXT_KEY not in client.session
