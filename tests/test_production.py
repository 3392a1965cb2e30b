"""Pages served as production serves them: DEBUG off, static files from the manifest storage,
and the security headers every response carries."""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from collegium.views import server_error

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def production(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings


def test_pages_render_with_the_manifest_storage(production, client_for, school_leader):
    home = client_for(None).get("/")
    assert home.status_code == 200
    assert re.search(r'href="/static/collegium\.[0-9a-f]{12}\.css"', home.content.decode())
    assert client_for(school_leader).get("/").status_code == 200
    missing = client_for(None).get("/no-such-page/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()


def test_the_error_page_renders_with_the_manifest_storage(production):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_every_script_carries_the_nonce_the_policy_names(client_for):
    response = client_for(None).get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce and "script-src 'self'" in policy and "object-src 'none'" in policy
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts and all(f'nonce="{nonce.group(1)}"' in tag for tag in scripts)
    assert "frame-ancestors 'none'" in policy


def test_a_nonce_is_used_once(client_for):
    first, second = (client_for(None).get("/")["Content-Security-Policy"] for _ in range(2))
    assert first != second


def test_features_are_refused_and_public_pages_may_be_cached(client_for):
    response = client_for(None).get("/frameworks/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona", ["school_leader", "moderator"])
def test_pages_for_a_signed_in_person_are_never_stored(persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response
