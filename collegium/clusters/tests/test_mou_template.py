"""Issue 15: the network's memorandum template, which a new cluster's memorandum starts from."""

from html import unescape

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import MouTemplate

URL = reverse("clusters:mou-template")
PARTS = {
    "review_protocols": "Each school is reviewed once a year by two other schools.",
    "data_sharing": "We share self-evaluations and reports only within the cluster.",
    "follow_up_support": "Each school offers two days of support after a review.",
}


def test_network_admin_writes_the_template_and_a_new_cluster_starts_from_it(
    client_for, network_admin, coordinator, cluster
):
    client = client_for(network_admin)
    response = client.post(URL, PARTS)
    assert response.status_code == 302
    template = MouTemplate.objects.get()
    assert template.review_protocols == PARTS["review_protocols"]
    assert template.changed_by == network_admin
    event = AuditEvent.objects.get(action=verbs.MOU_TEMPLATE_CHANGED)
    assert event.actor == network_admin

    # The cluster has no memorandum yet: its coordinator's form starts with the template.
    page = unescape(
        client_for(coordinator).get(reverse("clusters:publish-mou", args=[cluster.pk])).text
    )
    assert "The form starts with the network's memorandum template" in page
    assert PARTS["data_sharing"] in page

    # Changing it again keeps one template and records what it was.
    client.post(URL, PARTS | {"data_sharing": "We share everything we are allowed to."})
    assert MouTemplate.objects.get().data_sharing == "We share everything we are allowed to."
    assert AuditEvent.objects.filter(action=verbs.MOU_TEMPLATE_CHANGED).count() == 2


def test_the_form_shows_the_template_already_saved(client_for, network_admin):
    client = client_for(network_admin)
    client.post(URL, PARTS)
    assert PARTS["follow_up_support"] in unescape(client.get(URL).text)


def test_a_cluster_with_a_memorandum_starts_from_its_own(client_for, coordinator, mou, cluster):
    MouTemplate.objects.create(**PARTS)
    page = unescape(
        client_for(coordinator).get(reverse("clusters:publish-mou", args=[cluster.pk])).text
    )
    assert mou.review_protocols in page
    assert PARTS["review_protocols"] not in page


def test_an_empty_part_is_refused(client_for, network_admin):
    response = client_for(network_admin).post(URL, PARTS | {"data_sharing": " "})
    assert response.status_code == 400
    assert "Enter the data-sharing commitment" in unescape(response.text)
    assert not MouTemplate.objects.exists()


def test_others_are_refused_and_nothing_changes(client_for, coordinator, school_leader, moderator):
    for person in (coordinator, school_leader, moderator):
        assert client_for(person).post(URL, PARTS).status_code == 403
    response = client_for(None).post(URL, PARTS)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not MouTemplate.objects.exists()
    assert not AuditEvent.objects.filter(action=verbs.MOU_TEMPLATE_CHANGED).exists()
