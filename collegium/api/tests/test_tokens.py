"""Personal API tokens: made and revoked on the person's page, shown once, kept hashed, with an
expiry and a scope; every use audited; a suspended person's token stops; a rate limit."""

from datetime import timedelta

import pytest

from collegium.api import auth
from collegium.api.models import ApiToken
from collegium.api.services import digest_of
from collegium.api.tests.helpers import call, is_problem, token_for
from collegium.audit import verbs
from collegium.audit.models import AuditEvent

REVIEWS = "/api/v1/reviews"


def test_a_token_is_made_on_the_page_and_shown_once(client_for, outsider):
    client = client_for(outsider)
    data = {"name": "Trust dashboard", "scope": "read", "days": "30"}
    made = client.post("/api/tokens/", data)
    assert made.status_code == 302 and made["Location"] == "/api/tokens/made/"
    page = client.get("/api/tokens/made/").content.decode()
    token = ApiToken.objects.get(user=outsider)
    secret = next(word for word in page.split() if word.startswith('id="token">clg_'))
    secret = secret.removeprefix('id="token">').split("<")[0]
    assert token.digest == digest_of(secret) and secret not in str(vars(token))
    assert secret not in client.get("/api/tokens/made/").content.decode()
    assert token.scope == "read" and token.expires_on - token.created_at.date() == timedelta(30)
    assert AuditEvent.objects.filter(action=verbs.API_TOKEN_CREATED).count() == 1


def test_the_page_refuses_a_bad_form_and_someone_not_signed_in(client_for, outsider):
    refused = client_for(outsider).post("/api/tokens/", {"name": "", "scope": "read", "days": "0"})
    assert refused.status_code == 400
    assert "Enter a name for the token" in refused.content.decode()
    assert client_for(None).get("/api/tokens/").status_code == 302
    assert not ApiToken.objects.exists()


def test_a_token_is_revoked_by_its_person_only(client_for, outsider, moderator):
    secret = token_for(outsider)
    token = ApiToken.objects.get(user=outsider)
    address = f"/api/tokens/{token.pk}/revoke/"
    assert client_for(moderator).post(address).status_code == 404
    assert call("get", REVIEWS, secret).status_code == 200
    assert client_for(outsider).post(address).status_code == 302
    assert is_problem(call("get", REVIEWS, secret), 401)
    assert AuditEvent.objects.filter(action=verbs.API_TOKEN_REVOKED).count() == 1


def test_no_token_a_wrong_one_or_an_expired_one_is_refused(outsider):
    assert is_problem(call("get", REVIEWS), 401)
    assert is_problem(call("get", REVIEWS, "clg_not-a-token"), 401)
    secret = token_for(outsider)
    ApiToken.objects.update(expires_on=ApiToken.objects.get().created_at.date() - timedelta(1))
    response = call("get", REVIEWS, secret)
    assert is_problem(response, 401) and response["WWW-Authenticate"] == "Bearer"


def test_a_suspended_persons_token_stops_working(outsider):
    secret = token_for(outsider)
    outsider.is_active = False
    outsider.save()
    assert is_problem(call("get", REVIEWS, secret), 401)


def test_every_use_is_audited_and_noted_on_the_token(outsider):
    secret = token_for(outsider)
    call("get", REVIEWS, secret)
    call("get", "/api/v1/clusters", secret)
    used = AuditEvent.objects.filter(action=verbs.API_TOKEN_USED).order_by("pk")
    assert [(event.after or {})["request"] for event in used] == [
        "GET /api/v1/reviews",
        "GET /api/v1/clusters",
    ]
    assert all(event.actor == outsider for event in used)
    assert ApiToken.objects.get().last_used_at is not None


@pytest.fixture
def low_limit(monkeypatch):
    monkeypatch.setattr(auth, "RATE_LIMIT", 2)


def test_a_token_is_limited_per_minute(outsider, moderator, low_limit):
    secret, other = token_for(outsider), token_for(moderator)
    assert [call("get", REVIEWS, secret).status_code for _ in range(2)] == [200, 200]
    refused = call("get", REVIEWS, secret)
    assert is_problem(refused, 429) and refused["Retry-After"] == "60"
    assert call("get", REVIEWS, other).status_code == 200  # per token
