"""G1 template pages: network admins import, read, download, version and publish templates;
nobody else reaches them."""

import pytest

from collegium.safeguarding import exchange
from collegium.safeguarding.models import TemplateVersion
from collegium.safeguarding.tests.conftest import SMALL


@pytest.fixture
def admin(client_for, network_admin):
    return client_for(network_admin)


def test_importing_reading_downloading_and_publishing(admin):
    response = admin.post("/safeguarding/templates/import/", {"text": SMALL})
    draft = TemplateVersion.objects.get()
    assert response.status_code == 302 and response.url == "/safeguarding/templates/small-audit/1/"
    page = admin.get(response.url)
    assert (
        "The single central record is complete" in page.text and "Publish this version" in page.text
    )
    download = admin.get("/safeguarding/templates/small-audit/1/download.json")
    assert download.content.decode() == exchange.export_text(draft, "json")
    assert admin.post("/safeguarding/templates/small-audit/1/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    again = admin.post("/safeguarding/templates/small-audit/1/publish/")
    assert again.status_code == 400 and "already been published" in again.text
    assert (
        admin.post("/safeguarding/templates/small-audit/new-version/", {"notes": ""}).status_code
        == 302
    )
    assert TemplateVersion.objects.filter(number=2, status="draft").exists()


def test_a_malformed_import_names_the_line_and_field(admin):
    response = admin.post(
        "/safeguarding/templates/import/",
        {"text": SMALL.replace("statutory: true", "statutory: maybe", 1)},
    )
    assert response.status_code == 400
    assert "Line 12: item &#39;LD1&#39;: &#39;statutory&#39; must be true or false" in response.text
    assert not TemplateVersion.objects.exists()


def test_nobody_else_reaches_the_templates(client_for, client, moderator, school_leader, version):
    for person in (moderator, school_leader):
        assert client_for(person).get("/safeguarding/templates/").status_code == 403
        assert client_for(person).get("/safeguarding/templates/small-audit/1/").status_code == 404
    assert client.get("/safeguarding/templates/").status_code == 302
