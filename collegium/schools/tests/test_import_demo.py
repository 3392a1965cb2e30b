"""The demo subset in collegium/demo/data imports as a small real register."""

import csv
from pathlib import Path

import pytest
from django.conf import settings

from collegium.schools.importing.loader import import_register
from collegium.schools.models import (
    Census,
    Comparator,
    Inspection,
    KeyStage4Destination,
    KeyStage4Result,
    LocalAuthority,
    School,
)

DEMO = Path(settings.BASE_DIR) / "collegium" / "demo" / "data"
SPINE = "performance_tables_2017-18_waiky8/2017-2018_england_spine.csv"


@pytest.mark.django_db
def test_the_demo_subset_imports_every_school_in_its_school_list():
    with (DEMO / SPINE).open(encoding="utf-8-sig", newline="") as spine:
        urns = {row["URN"] for row in csv.DictReader(spine)}

    result = import_register(DEMO)

    spine_rejections = [r for r in result.rejections if r["file"] == SPINE]
    assert School.objects.count() == result.schools == len(urns) - len(spine_rejections)
    assert sorted(LocalAuthority.objects.values_list("name", flat=True)) == [
        "Camden",
        "Rutland",
        "York",
    ]
    assert Census.objects.exists() and Inspection.objects.exists()
    assert KeyStage4Result.objects.filter(year=2019).exists()  # the DfE's own 2018/19 file
    assert set(KeyStage4Destination.objects.values_list("year", flat=True)) == {2015, 2016, 2017}
    assert Comparator.objects.filter(area="202", measure="ks4.progress_8", year=2019).exists()
    assert import_register(DEMO).rows_changed == 0
