"""The home page asks a network admin of a new network to build the register, and to upload
again after a failed import; nobody else is asked."""

import pytest
from django.urls import reverse

from collegium.schools.models import ImportRun
from tests.test_home_to_dos import home, listed

BUILD = "Upload the DfE files to build the school register"
AGAIN = "Upload the DfE files again: the last register import failed"


@pytest.mark.django_db
def test_a_new_network_is_asked_to_build_the_register(client_for, network_admin, outsider):
    assert (reverse("schools:upload"), BUILD) in listed(home(client_for, network_admin))
    assert BUILD not in home(client_for, outsider)


@pytest.mark.django_db
def test_a_failed_import_is_a_to_do_until_one_succeeds(client_for, network_admin, school_a):
    assert BUILD not in home(client_for, network_admin)  # the register has schools
    failed = ImportRun.objects.create(source_dir="upload", status=ImportRun.Status.FAILED)

    assert (reverse("schools:import", args=[failed.pk]), AGAIN) in listed(
        home(client_for, network_admin)
    )
    ImportRun.objects.create(source_dir="upload", status=ImportRun.Status.DONE)
    assert AGAIN not in home(client_for, network_admin)


@pytest.mark.django_db
def test_a_school_leader_is_not_asked(client_for, school_leader):
    ImportRun.objects.create(source_dir="upload", status=ImportRun.Status.FAILED)

    assert AGAIN not in home(client_for, school_leader)
