"""The demo's synthetic pupil files: loaded through the service, labelled synthetic, and the
figures they give follow the effects they were generated with."""

import numpy as np
import pytest

from collegium.context.demo import FILES, demo_schools
from collegium.context.models import PupilFile, SchoolValueAdded, ValueAddedFit
from collegium.context.synthetic import pupil_file_text
from collegium.people.models import Role, RoleGrant

pytestmark = pytest.mark.django_db


def test_the_demo_uploads_a_synthetic_file_per_phase_as_the_network_admin(demo_network):
    files = list(PupilFile.objects.order_by("measure"))
    assert [f.measure for f in files] == sorted(measure for measure, *_ in FILES)
    assert all(f.synthetic and f.school is None and "SYNTHETIC" in f.file_name for f in files)
    assert all(f.uploaded_by and f.uploaded_by.full_name == "Nia Admin" for f in files)
    assert ValueAddedFit.objects.count() == 2


def test_every_demo_head_reads_a_figure_for_their_school(demo_network, client):
    heads = RoleGrant.objects.filter(role=Role.SCHOOL_LEADER).select_related("user", "school")
    assert heads
    for grant in heads:
        result = SchoolValueAdded.objects.get(school=grant.school)
        assert result.effect is not None and result.low is not None and result.high is not None
        assert result.low < result.effect < result.high
    client.force_login(heads[0].user)
    page = client.get(f"/context/schools/{heads[0].school_id}/value-added/")
    assert page.status_code == 200 and "Synthetic data" in page.text


def test_the_figures_follow_the_generated_effects(demo_network):
    measure, phases, pupils, seed = FILES[0]
    urns = demo_schools(phases)
    truth = pupil_file_text(urns, measure=measure, pupils_per_school=pupils, seed=seed).effects
    stored = dict(
        SchoolValueAdded.objects.filter(fit__measure=measure).values_list("school_id", "effect")
    )
    shown = [urn for urn in urns if stored[urn] is not None]
    r = np.corrcoef([stored[u] for u in shown], [truth[u] for u in shown])[0, 1]
    assert len(shown) >= 20 and r > 0.8


def test_the_demo_census_counts_ask_about_one_reviewed_school(demo_network):
    from collegium.context.models import CensusCountFile
    from collegium.context.selectors import flagged_schools

    upload = CensusCountFile.objects.get()
    assert upload.synthetic and "SYNTHETIC" in upload.file_name
    flagged = flagged_schools()
    assert len({school.urn for school, _ in flagged}) == 1
    school, signal = flagged[0]
    assert school.reviews.filter(status="planning").exists()
    assert signal.question.startswith("Year 6 had 8 fewer pupils than Year 5 did a year earlier")
