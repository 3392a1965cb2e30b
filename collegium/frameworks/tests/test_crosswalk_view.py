"""The crosswalk page: pick two published versions, map strands, remove a mapping."""

import pytest

from collegium.frameworks import services
from collegium.frameworks.models import FrameworkVersion, Strand, StrandMapping
from collegium.frameworks.shipped import load_frameworks


@pytest.fixture
def versions(db) -> tuple[FrameworkVersion, FrameworkVersion]:
    load_frameworks()
    StrandMapping.objects.all().delete()
    return (
        FrameworkVersion.objects.get(framework__slug="four-quadrants"),
        FrameworkVersion.objects.get(framework__slug="enquiry"),
    )


def address(one: FrameworkVersion, other: FrameworkVersion) -> str:
    return f"/frameworks/crosswalk/?one={one.pk}&other={other.pk}"


def strand(version: FrameworkVersion, code: str) -> Strand:
    return Strand.objects.get(area__version=version, code=code)


def test_a_builder_maps_two_strands_and_sees_the_mapping(client_for, coordinator, versions):
    one, other = versions
    client = client_for(coordinator)
    data = {"from_strand": strand(one, "FAM1").pk, "to_strand": strand(other, "OUT1").pk}
    response = client.post(address(one, other), data)
    assert response.status_code == 302
    page = client.get(address(other, one)).content.decode()
    assert "OUT1 Partnership with families" in page and "FAM1 Working with families" in page
    again = client.post(
        address(other, one), {"from_strand": data["to_strand"], "to_strand": data["from_strand"]}
    )
    assert again.status_code == 400
    assert "OUT1 and FAM1 are already mapped to each other" in again.content.decode()
    assert StrandMapping.objects.count() == 1


def test_the_same_framework_twice_is_refused(client_for, network_admin, versions):
    one, _ = versions
    page = client_for(network_admin).get(address(one, one))
    assert "Choose two different frameworks" in page.content.decode()


def test_a_builder_removes_a_mapping(client_for, network_admin, versions):
    one, other = versions
    mapping = services.add_mapping(network_admin, strand(one, "ACH1"), strand(other, "IMP1"))
    client = client_for(network_admin)
    assert (
        "Remove the mapping"
        in client.get(f"/frameworks/crosswalk/{mapping.pk}/remove/").content.decode()
    )
    assert client.post(f"/frameworks/crosswalk/{mapping.pk}/remove/").status_code == 302
    assert not StrandMapping.objects.exists()


def test_others_cannot_use_the_crosswalk_and_nothing_changes(
    client_for, reviewer, outsider, governor, network_admin, versions
):
    one, other = versions
    mapping = services.add_mapping(network_admin, strand(one, "ACH1"), strand(other, "IMP1"))
    data = {"from_strand": strand(one, "WEL1").pk, "to_strand": strand(other, "IMP2").pk}
    for person in (reviewer, outsider, governor):
        client = client_for(person)
        assert client.get(address(one, other)).status_code == 403
        assert client.post(address(one, other), data).status_code == 403
        assert client.post(f"/frameworks/crosswalk/{mapping.pk}/remove/").status_code == 403
    anonymous = client_for(None).post(address(one, other), data)
    assert anonymous["Location"].startswith("/account/sign-in/")
    assert list(StrandMapping.objects.all()) == [mapping]
