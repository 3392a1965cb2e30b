"""Schools with census figures and synthetic pupil files for them."""

import pytest

from collegium.context.synthetic import pupil_file_text
from collegium.schools.models import Census, Phase
from conftest import make_school

YEAR = 2025
KS4 = "ks4_attainment_8"


def make_schools(la, count: int, first_urn: int = 910001, phase: str = Phase.SECONDARY):
    schools = []
    for index in range(count):
        school = make_school(la, first_urn + index, f"School {index + 1:02d}", phase=phase)
        Census.objects.create(
            school=school,
            year=2024,
            pupils=600 + 40 * index,
            pct_fsm_ever=10.0 + 2 * index,
            pct_sen_support=8.0 + (index % 5),
            pct_ehc_plan=2.0,
        )
        schools.append(school)
    return schools


@pytest.fixture
def secondaries(la):
    """Twelve secondary schools with census figures."""
    return make_schools(la, 12)


def network_csv(schools, pupils_per_school: int = 40, seed: int = 3) -> bytes:
    urns = [school.urn for school in schools]
    text = pupil_file_text(urns, pupils_per_school=pupils_per_school, seed=seed).text
    return text.encode()


def school_csv(school, pupils: int = 40, seed: int = 5) -> bytes:
    text = pupil_file_text([school.urn], pupils_per_school=pupils, seed=seed, with_urn=False).text
    return text.encode()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """The fit after an upload is a background task; here it runs as it is queued."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
