"""Fixtures for the cluster tests, on top of the network in the project's conftest.py."""

import pytest

from collegium.clusters import selectors
from collegium.clusters.models import Cluster, Membership, MemorandumOfUnderstanding, Signature
from collegium.schools.models import LocalAuthority, School
from conftest import make_school


def extra_schools(la: LocalAuthority, count: int, first_urn: int = 900100) -> list[School]:
    return [make_school(la, first_urn + i, f"Extra School {i + 1}") for i in range(count)]


def publish(cluster: Cluster, version: int = 1, by=None) -> MemorandumOfUnderstanding:
    return MemorandumOfUnderstanding.objects.create(
        cluster=cluster,
        version=version,
        review_protocols=f"Version {version}: each school is reviewed once a year.",
        data_sharing="We share self-evaluations and review reports within the cluster.",
        follow_up_support="Each school offers two days of support after a review.",
        published_by=by,
    )


@pytest.fixture
def mou(cluster) -> MemorandumOfUnderstanding:
    return publish(cluster)


@pytest.fixture
def other_cluster(school_d) -> Cluster:
    other = Cluster.objects.create(name="Riverside Cluster", locality="Riverside")
    Membership.objects.create(cluster=other, school=school_d, status=Membership.Status.MEMBER)
    return other


def membership(cluster: Cluster, school: School) -> Membership:
    return Membership.objects.get(cluster=cluster, school=school)


def signed_meanwhile(monkeypatch, school_leader, mou, school) -> None:
    """Another request signs just after this one checked that nobody had."""
    last_signed_version = selectors.last_signed_version

    def sign_first(*args):
        Signature.objects.create(mou=mou, school=school, signed_by=school_leader)
        return last_signed_version(*args)

    monkeypatch.setattr(selectors, "last_signed_version", sign_first)
