"""The Django admin is not served in production; where it is switched on, its sign-in is guarded."""

import os
import subprocess
import sys

import pytest

from conftest import PASSWORD

PRODUCTION_URLS = """
import django
django.setup()
from django.conf import settings
from django.urls import Resolver404, resolve
try:
    resolve("/admin/login/")
except Resolver404:
    print("admin off" if not settings.ADMIN_ENABLED else "admin on but not routed")
else:
    print("admin served")
"""


@pytest.fixture
def admin_routed(settings):
    settings.ROOT_URLCONF = "collegium.accounts.tests.urls_with_admin"


def test_production_settings_do_not_serve_the_admin():
    env = os.environ | {
        "DEBUG": "false",
        "SITE_URL": "https://collegium.example.org",
        "DJANGO_SETTINGS_MODULE": "collegium.settings",
    }
    env.pop("ADMIN_ENABLED", None)
    shown = subprocess.run(
        [sys.executable, "-c", PRODUCTION_URLS], env=env, capture_output=True, text=True
    )
    assert shown.stdout.strip() == "admin off", shown.stderr[-2000:]


def test_the_admin_sign_in_works_when_switched_on(client, network_admin, admin_routed):
    network_admin.is_staff = True
    network_admin.save()
    response = client.post("/admin/login/", {"username": network_admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(network_admin.pk)


def test_the_admin_sign_in_is_locked_out_like_the_service_sign_in(
    client, network_admin, admin_routed
):
    network_admin.is_staff = True
    network_admin.save()
    for n in range(5):
        client.post("/admin/login/", {"username": network_admin.email, "password": f"guess-{n}"})
    response = client.post("/admin/login/", {"username": network_admin.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "You have entered the wrong password too many times" in response.text
    assert "_auth_user_id" not in client.session
    service = client.post(
        "/account/sign-in/", {"username": network_admin.email, "password": PASSWORD}
    )
    assert service.status_code == 429
