"""The public endpoints (no token needed) are limited per client address: past the limit they
answer 429 with a problem and Retry-After, while another address and a token carry on."""

import pytest
from django.test import Client

from collegium.api import auth
from collegium.api.tests.helpers import call, is_problem, token_for
from collegium.audit.models import AuditEvent

SCHOOLS = "/api/v1/schools"


@pytest.fixture
def low_limit(monkeypatch):
    monkeypatch.setattr(auth, "PUBLIC_RATE_LIMIT", 3)


def from_address(address: str, path: str = SCHOOLS):
    return Client(REMOTE_ADDR=address).get(path)


def test_an_address_is_limited_on_the_public_endpoints(low_limit, school_a):
    assert [from_address("203.0.113.7").status_code for _ in range(3)] == [200, 200, 200]
    refused = from_address("203.0.113.7", "/api/v1/frameworks")  # one count for every endpoint
    assert is_problem(refused, 429)
    assert "one address may make 3 requests a minute" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert from_address("198.51.100.2").status_code == 200  # another address carries on


def test_a_token_is_not_held_back_by_its_address_on_its_own_endpoints(low_limit, outsider):
    secret = token_for(outsider)
    for _ in range(3):
        call("get", SCHOOLS)
    assert call("get", SCHOOLS).status_code == 429
    assert call("get", "/api/v1/reviews", secret).status_code == 200


def test_the_public_limit_is_sixty_a_minute_and_a_refusal_changes_nothing(school_a):
    assert auth.PUBLIC_RATE_LIMIT == 60
    events = AuditEvent.objects.count()
    answers = [from_address("192.0.2.9").status_code for _ in range(61)]
    assert answers == [200] * 60 + [429]
    assert AuditEvent.objects.count() == events
