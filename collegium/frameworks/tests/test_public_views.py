"""The public framework pages: the list, a version's page and its downloads."""

import pytest

from collegium.frameworks import exchange, services
from collegium.frameworks.models import Framework
from collegium.frameworks.shipped import load_frameworks


@pytest.fixture
def shipped(db) -> None:
    load_frameworks()


def test_anyone_reads_the_list_of_published_frameworks(client_for, shipped):
    page = client_for(None).get("/frameworks/")
    assert page.status_code == 200
    text = page.content.decode()
    for name in (
        "School enquiry framework",
        "Four-point peer estimate",
        "Four quadrants",
        "Six national evaluation areas",
    ):
        assert name in text
    assert "Create a framework" not in text


def test_a_version_page_shows_areas_strands_questions_and_descriptors(client_for, shipped):
    page = client_for(None).get("/frameworks/peer-estimate/1/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Leadership at all levels" in text and "LM1 Vision, culture and ambition" in text
    assert "To what extent do leaders set a clear, ambitious direction" in text
    assert "Working towards effective" in text
    assert "Middle leaders drive improvement in their areas with expertise" in text
    assert "Also evidence for" in text and "Six national evaluation areas LG1" in text


def test_safeguarding_shows_met_and_not_met(client_for, shipped):
    text = client_for(None).get("/frameworks/national-areas/1/").content.decode()
    assert "SG1 Safeguarding arrangements" in text and "Not met" in text
    assert "Urgent improvement" in text


def test_an_enquiry_framework_says_it_has_no_scale(client_for, shipped):
    text = client_for(None).get("/frameworks/enquiry/1/").content.decode()
    assert "This framework has no scale" in text and "Looking forward" in text


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_anyone_downloads_a_version(client_for, shipped, fmt):
    response = client_for(None).get(f"/frameworks/four-quadrants/1/download.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="four-quadrants-version-1.{fmt}"'
    )
    version = Framework.objects.get(slug="four-quadrants").versions.get()
    assert response.content.decode() == exchange.export_text(version, fmt)


def test_an_unknown_format_or_version_is_not_found(client_for, shipped):
    client = client_for(None)
    assert client.get("/frameworks/enquiry/1/download.xml").status_code == 404
    assert client.get("/frameworks/enquiry/9/").status_code == 404
    assert client.get("/frameworks/nothing/1/").status_code == 404


def test_a_draft_is_hidden_from_everyone_but_builders(
    client_for, network_admin, coordinator, outsider, reviewer
):
    draft = services.create_framework(network_admin, "secret", "Secret framework")
    address = "/frameworks/secret/1/"
    anonymous = client_for(None).get(address)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/account/sign-in/")
    assert client_for(outsider).get(address).status_code == 404
    assert client_for(reviewer).get(f"{address}download.yaml").status_code == 404
    assert "Secret framework" not in client_for(outsider).get("/frameworks/").content.decode()
    for builder in (network_admin, coordinator):
        page = client_for(builder).get(address)
        assert page.status_code == 200 and "This version is a draft" in page.content.decode()
    assert draft.is_draft
