from django.urls import reverse

from collegium.clusters.models import MemorandumOfUnderstanding, Signature
from collegium.clusters.selectors import has_signed_current_mou

SECTIONS = {
    "review_protocols": "Reviews take two days.\n\nEach team has a lead from outside the cluster.",
    "data_sharing": "Reports stay within the cluster.",
    "follow_up_support": "Two days of support after each review.",
}


def url(cluster) -> str:
    return reverse("clusters:publish-mou", args=[cluster.pk])


def test_coordinator_publishes_the_first_version(client_for, coordinator, cluster):
    response = client_for(coordinator).post(url(cluster), SECTIONS)
    assert response.status_code == 302
    mou = MemorandumOfUnderstanding.objects.get(cluster=cluster)
    assert mou.version == 1
    assert mou.published_by == coordinator
    assert mou.review_protocols == SECTIONS["review_protocols"]


def test_new_version_starts_from_the_current_text_and_needs_new_signatures(
    client_for, network_admin, school_leader, cluster, mou, school_a
):
    Signature.objects.create(mou=mou, school=school_a, signed_by=school_leader)
    client = client_for(network_admin)
    form = client.get(url(cluster)).text
    assert "Publish version 2 of the memorandum" in form
    assert "Version 1: each school is reviewed once a year." in form
    client.post(url(cluster), SECTIONS)
    assert cluster.mous.order_by("-version").first().version == 2
    assert not has_signed_current_mou(school_a, cluster)


def test_every_section_is_needed(client_for, coordinator, cluster):
    response = client_for(coordinator).post(url(cluster), SECTIONS | {"data_sharing": " "})
    assert response.status_code == 400
    assert "Enter the data-sharing commitment" in response.text
    assert not MemorandumOfUnderstanding.objects.exists()


def test_read_only_roles_are_refused(client_for, governor, school_leader, moderator, cluster):
    for person in (governor, school_leader, moderator):
        assert client_for(person).post(url(cluster), SECTIONS).status_code == 403
    assert not MemorandumOfUnderstanding.objects.exists()


def test_outsider_gets_not_found(client_for, outsider, coordinator, other_cluster):
    for person in (outsider, coordinator):
        assert client_for(person).post(url(other_cluster), SECTIONS).status_code == 404
    assert not MemorandumOfUnderstanding.objects.exists()


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster):
    response = client_for(None).post(url(cluster), SECTIONS)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not MemorandumOfUnderstanding.objects.exists()
