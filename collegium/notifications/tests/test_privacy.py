"""A person's notifications are in their data download and go when they are erased."""

import io
import json
import zipfile

from collegium.notifications.models import Notification
from collegium.notifications.services import notify
from collegium.privacy import services


def tell(person, subject):
    notify([person], "judgement-changed", subject=subject, context={"body": "B"}, link="/x/")


def test_the_download_holds_your_notifications_only(outsider, reviewer):
    tell(outsider, "Yours")
    tell(reviewer, "Not yours")
    archive = zipfile.ZipFile(io.BytesIO(services.data_of(outsider, outsider)))
    rows = json.loads(archive.read("notifications.json"))
    assert [row["subject"] for row in rows] == ["Yours"]


def test_erasing_a_person_removes_their_notifications(network_admin, outsider, reviewer):
    tell(outsider, f"Dear {outsider.full_name}")
    tell(reviewer, "Stays")
    services.erase(network_admin, outsider)
    assert list(Notification.objects.values_list("subject", flat=True)) == ["Stays"]
