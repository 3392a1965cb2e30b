"""The framework builder's pages: create, edit a draft, new version, publish."""

import re

import pytest

from collegium.frameworks import drafts, services
from collegium.frameworks.models import (
    Area,
    Framework,
    FrameworkVersion,
    LevelDescriptor,
    ScaleLevel,
    Strand,
)

PUBLISHED = "Version 1 is published and may be in use: create a new version to change it"


def snapshot() -> tuple:
    return (
        Framework.objects.count(),
        FrameworkVersion.objects.count(),
        list(FrameworkVersion.objects.values_list("status", flat=True)),
        list(ScaleLevel.objects.values_list("label", flat=True)),
        list(Area.objects.values_list("title", flat=True)),
        list(Strand.objects.values_list("title", flat=True)),
        list(LevelDescriptor.objects.values_list("text", flat=True)),
    )


@pytest.fixture
def draft(network_admin) -> FrameworkVersion:
    version = services.create_framework(network_admin, "mini", "Mini framework")
    drafts.add_scale_level(network_admin, version, "Secure")
    area = drafts.add_area(network_admin, version, "LG", "Leadership")
    drafts.add_strand(
        network_admin,
        area,
        code="LG1",
        title="Vision",
        description="",
        enquiry_question="",
        met_or_not_met=False,
    )
    return version


def builder_posts(draft: FrameworkVersion) -> list[tuple[str, dict]]:
    """Every builder page with a valid submission."""
    base = "/frameworks/mini/1/"
    area, strand = draft.areas.get(), Strand.objects.get(area__version=draft)
    level = draft.scale_levels.get()
    return [
        ("/frameworks/new/", {"name": "Other", "slug": "other"}),
        ("/frameworks/import/", {"text": "slug: x\nname: X\nareas: []\n"}),
        ("/frameworks/mini/new-version/", {"notes": "More"}),
        (f"{base}publish/", {}),
        (f"{base}levels/new/", {"label": "Weak"}),
        (f"{base}levels/{level.pk}/", {"label": "Strong"}),
        (f"{base}levels/{level.pk}/remove/", {}),
        (f"{base}areas/new/", {"code": "QP", "title": "Provision"}),
        (f"{base}areas/{area.pk}/", {"code": "LG", "title": "Leaders"}),
        (f"{base}areas/{area.pk}/remove/", {}),
        (f"{base}areas/{area.pk}/strands/new/", {"code": "LG2", "title": "Governors"}),
        (f"{base}strands/{strand.pk}/", {"code": "LG1", "title": "Purpose"}),
        (f"{base}strands/{strand.pk}/descriptors/", {"level_1": "Clear."}),
        (f"{base}strands/{strand.pk}/remove/", {}),
    ]


def test_people_who_do_not_build_frameworks_are_refused_and_nothing_changes(
    client_for, draft, outsider, reviewer, school_leader, moderator
):
    before = snapshot()
    for person in (outsider, reviewer, school_leader, moderator):
        client = client_for(person)
        for address, data in builder_posts(draft):
            expected = (404,) if address.startswith("/frameworks/mini/1/") else (403,)
            assert client.get(address).status_code in expected, address
            assert client.post(address, data).status_code in expected, address
    assert snapshot() == before


def test_a_visitor_who_has_not_signed_in_is_asked_to_sign_in(client_for, draft):
    before = snapshot()
    client = client_for(None)
    for address, data in builder_posts(draft):
        response = client.post(address, data)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/account/sign-in/"), address
    assert snapshot() == before


def test_a_coordinator_creates_a_framework(client_for, coordinator):
    response = client_for(coordinator).post(
        "/frameworks/new/", {"name": "Cluster framework", "slug": "cluster-framework"}
    )
    assert (
        response.status_code == 302 and response["Location"] == "/frameworks/cluster-framework/1/"
    )
    assert FrameworkVersion.objects.get(framework__slug="cluster-framework").is_draft


def test_an_invalid_framework_is_refused_with_reasons(client_for, network_admin, framework_version):
    before = snapshot()
    client = client_for(network_admin)
    page = client.post("/frameworks/new/", {"name": "", "slug": "Not A Slug"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Enter the framework&#39;s name" in text
    assert "Short name must be lower-case letters and digits joined by hyphens" in text
    taken = client.post("/frameworks/new/", {"name": "x", "slug": "test-framework"})
    assert (
        "There is already a framework with the short name test-framework" in taken.content.decode()
    )
    assert snapshot() == before


def test_a_network_admin_builds_and_publishes_a_draft_through_the_pages(
    client_for, network_admin, draft
):
    client = client_for(network_admin)
    posts = builder_posts(draft)
    for address, data in posts[4:6] + posts[7:9] + posts[10:13]:
        response = client.post(address, data)
        assert response.status_code == 302, (address, response.content.decode()[:2000])
    assert list(draft.scale_levels.values_list("label", flat=True)) == ["Strong", "Weak"]
    assert list(draft.areas.values_list("title", flat=True)) == ["Leaders", "Provision"]
    strand = Strand.objects.get(area__version=draft, code="LG1")
    assert strand.title == "Purpose" and strand.descriptors.get().text == "Clear."
    publish = client.post("/frameworks/mini/1/publish/")
    assert publish.status_code == 400
    problems = publish.content.decode()
    assert "Strand LG1 needs a descriptor for Weak" in problems
    assert "Add at least one strand to area QP (Provision)" in problems
    client.post(
        f"/frameworks/mini/1/strands/{strand.pk}/descriptors/",
        {"level_1": "Clear.", "level_2": "Unclear."},
    )
    client.post(f"/frameworks/mini/1/areas/{draft.areas.get(code='QP').pk}/remove/")
    client.post(f"/frameworks/mini/1/strands/{Strand.objects.get(code='LG2').pk}/remove/")
    assert client.post("/frameworks/mini/1/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_published


def test_a_published_version_cannot_be_edited_through_the_pages(client_for, network_admin, draft):
    drafts.set_descriptors(network_admin, Strand.objects.get(code="LG1"), {1: "Clear."})
    services.publish_version(network_admin, draft)
    before = snapshot()
    client = client_for(network_admin)
    for address, data in builder_posts(draft)[4:]:
        if address.endswith("/publish/"):
            continue
        page = client.post(address, data)
        assert page.status_code == 400, address
        assert PUBLISHED in page.content.decode(), address
    assert snapshot() == before
    page = client.get("/frameworks/mini/1/")
    assert "Create a new version of this framework" in page.content.decode()
    assert "Add an area" not in page.content.decode()


def test_a_new_version_is_a_draft_copy(client_for, network_admin, framework_version):
    client = client_for(network_admin)
    page = client.get("/frameworks/test-framework/new-version/")
    assert "starts as a draft copy of version 1" in page.content.decode()
    response = client.post("/frameworks/test-framework/new-version/", {"notes": "Sharper"})
    assert response["Location"] == "/frameworks/test-framework/2/"
    copy = FrameworkVersion.objects.get(number=2)
    assert copy.is_draft and Strand.objects.filter(area__version=copy).count() == 4


def test_the_list_offers_builders_their_tools(client_for, coordinator, draft):
    text = client_for(coordinator).get("/frameworks/").content.decode()
    assert "Create a framework" in text and "Import a framework" in text and "Draft" in text


def seen_on(page) -> str:
    """The revision the page's form was built from (a hidden field)."""
    found = re.search(r'name="seen" value="([0-9a-f]+)"', page.content.decode())
    assert found is not None
    return found.group(1)


def test_an_edit_from_a_stale_page_is_refused_and_the_text_kept(client_for, network_admin, draft):
    strand = Strand.objects.get(code="LG1")
    address = f"/frameworks/mini/1/strands/{strand.pk}/"
    mine, theirs = client_for(network_admin), client_for(network_admin)
    seen = seen_on(mine.get(address))
    fields = {"code": "LG1", "enquiry_question": "", "description": ""}
    assert theirs.post(address, fields | {"title": "Their title", "seen": seen}).status_code == 302
    refused = mine.post(address, fields | {"title": "My title", "seen": seen})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Someone else changed strand LG1 while you were editing it" in text
    assert "My title" in text
    strand.refresh_from_db()
    assert strand.title == "Their title"
    newer = seen_on(refused)
    assert mine.post(address, fields | {"title": "My title", "seen": newer}).status_code == 302
    strand.refresh_from_db()
    assert strand.title == "My title"


def test_descriptors_from_a_stale_page_are_refused(client_for, network_admin, draft):
    strand = Strand.objects.get(code="LG1")
    address = f"/frameworks/mini/1/strands/{strand.pk}/descriptors/"
    client = client_for(network_admin)
    seen = seen_on(client.get(address))
    assert client.post(address, {"level_1": "First.", "seen": seen}).status_code == 302
    refused = client.post(address, {"level_1": "Second.", "seen": seen})
    assert refused.status_code == 400
    assert strand.descriptors.get().text == "First."
