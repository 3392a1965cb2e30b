"""Issue 12 D5: the bias audit uses contextual value added (CVA) where a fit holds it, before
its shrinkage (the audit shrinks by each school's own error), and the DfE's progress measure
elsewhere; the public page says which; a new fit queues the figures to be worked out again."""

import math

import pytest
from django.urls import reverse

from collegium.consistency import data, figures, statistics
from collegium.consistency.tests.network import build_network
from collegium.consistency.tests.test_figures import queued
from collegium.context.models import PupilFile, SchoolValueAdded, ValueAddedFit
from collegium.context.selectors import unshrunk_value_added
from collegium.schools.models import KeyStage2Result, School

pytestmark = pytest.mark.django_db

SIGMA2, TAU2, PUPILS = 100.0, 4.0, 30  # nγ = 30 × 4 / 100 = 1.2: the effect is shrunk by 1.2/2.2


def fit_for(schools, effects):
    pupil_file = PupilFile.objects.create(
        year=2025, measure="ks4_attainment_8", file_name="f.csv", pupils=PUPILS * len(schools),
        schools=len(schools), key_secret="x",
    )  # fmt: skip
    fit = ValueAddedFit.objects.create(
        year=2025, measure="ks4_attainment_8", pupil_file=pupil_file, pupils=pupil_file.pupils,
        schools=len(schools), coefficients={}, residual_variance=SIGMA2, school_variance=TAU2,
    )  # fmt: skip
    for school, effect in zip(schools, effects, strict=True):
        SchoolValueAdded.objects.create(
            fit=fit, school=school, pupil_file=pupil_file, pupils=PUPILS, effect=effect,
            standard_error=1.0, low=effect - 2, high=effect + 2, reading="in line with",
        )  # fmt: skip
    return fit


def test_the_residual_is_recovered_from_the_shrunken_effect(school_a):
    fit_for([school_a], [1.2])
    residual, error, tau = unshrunk_value_added([school_a.urn])[school_a.urn]
    assert residual == pytest.approx(1.2 * 2.2 / 1.2)  # effect × (1 + nγ) / (nγ)
    assert error == pytest.approx(math.sqrt(SIGMA2 / PUPILS))
    assert tau == pytest.approx(2.0)


def test_cva_where_a_fit_holds_it_dfe_progress_elsewhere(school_a, school_b, school_d):
    for school, progress in ((school_a, 3.0), (school_b, -1.0), (school_d, 1.0)):
        KeyStage2Result.objects.create(
            school=school, year=2024, reading_progress=progress, writing_progress=progress,
            maths_progress=progress,
        )  # fmt: skip
    fit_for([school_a], [1.2])
    found = data.value_added([school_a.urn, school_b.urn, school_d.urn])
    assert found.loc[school_a.urn, "value_added"] == pytest.approx(2.2 / 2.0)  # residual / τ
    assert found.loc[school_a.urn, "value_added_se"] == pytest.approx(math.sqrt(10 / 3) / 2)
    assert list(found["cva"]) == [True, False, False]
    assert found.loc[school_b.urn, "value_added"] == pytest.approx(-1.0)  # standardised
    assert math.isnan(found.loc[school_b.urn, "value_added_se"])


def test_the_public_page_names_the_measure_and_a_new_fit_refreshes_the_figures(
    framework_version, cluster, la, client_for, django_capture_on_commit_callbacks
):
    build_network(framework_version, cluster, la, n_schools=statistics.MIN_BIAS_SCHOOLS + 6)
    figures.refresh()
    page = client_for(None).get(reverse("consistency:bias")).text
    assert "the DfE&#39;s progress measure for all" in page
    reviewed = list(School.objects.filter(reviews__isnull=False).distinct().order_by("urn")[:10])
    with django_capture_on_commit_callbacks(execute=True):
        fit_for(reviewed, [0.5 * (i - 5) for i in range(10)])
    assert queued() == 1  # the stored figures are worked out again
    figures.refresh()
    page = client_for(None).get(reverse("consistency:bias")).text
    assert "contextual value added (CVA) for 10 schools" in page
    assert "judgements beyond value added means beyond contextual value added" in page
    result = figures.latest("bias")
    assert result is not None and result[0].with_cva == 10 and result[0].with_progress > 0
