"""D4: census counts per school, year and year group (every bad line named, nothing stored
unless all are right), the off-rolling signal worded as a question, its funnel limits checked by
simulation, and who sees it: the review team and moderators, never the public."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from collegium.audit.models import AuditEvent
from collegium.context.counts import DEFAULT_LOSS, Change, signal, signals
from collegium.context.models import CensusCount, CensusCountFile
from collegium.context.services import upload_census_counts
from collegium.schools.models import Phase
from conftest import make_school

pytestmark = pytest.mark.django_db

HEADER = "urn,academic_year,year_group,pupils\n"


def counts_csv(school, y10: int = 150, y11: int = 136) -> bytes:
    return (HEADER + f"{school.urn},2023/24,10,{y10}\n{school.urn},2024/25,11,{y11}\n").encode()


@pytest.fixture
def secondary(la):
    return make_school(la, 950001, "Elm Academy", phase=Phase.SECONDARY)


def test_every_bad_line_is_named_and_nothing_is_stored(network_admin, secondary):
    content = (
        HEADER
        + f"{secondary.urn},2023/24,10,150\n"
        + "12,2023-24,14,lots\n"
        + f"{secondary.urn},2023/24,10,151\n"
        + "999998,2024/25,11,140\n"
    ).encode()
    with pytest.raises(ValidationError) as refused:
        upload_census_counts(network_admin, school=None, file_name="c.csv", content=content)
    messages = refused.value.messages
    assert messages[0].startswith("Line 3: URN must be 6 digits")
    assert "the academic year must be written like 2024/25" in messages[0]
    assert "year group must be a whole number from 1 to 13" in messages[0]
    assert "pupils must be a whole number" in messages[0]
    assert messages[1].startswith("Line 4: this school, year and year group is already")
    assert not CensusCountFile.objects.exists() and not CensusCount.objects.exists()
    with pytest.raises(ValidationError, match="URN 999998 is not a school in the register"):
        upload_census_counts(
            network_admin, school=None, file_name="c.csv", content=counts_csv(secondary)[:-1]
            + b"\n999998,2024/25,11,140\n",
        )  # fmt: skip
    assert not CensusCount.objects.exists()


def test_counts_are_stored_replaced_and_recorded(network_admin, secondary):
    upload_census_counts(
        network_admin, school=None, file_name="a.csv", content=counts_csv(secondary)
    )
    upload_census_counts(
        network_admin, school=secondary, file_name="b.csv",
        content=b"academic_year,year_group,pupils\n2024/25,11,140\n",
    )  # fmt: skip
    held = dict(CensusCount.objects.values_list("year_group", "pupils"))
    assert held == {10: 150, 11: 140}  # the school's own upload replaced Year 11
    assert AuditEvent.objects.filter(action="Census counts uploaded").count() == 2


def test_a_cohort_shrinking_more_than_usual_is_a_question_never_a_verdict():
    flagged = signal(Change(1, 2025, 10, 150, 136), DEFAULT_LOSS, 0)
    assert flagged.flagged
    assert flagged.question == (
        "Year 11 had 14 fewer pupils than Year 10 did a year earlier, more than schools usually "
        "lose. The team may want to ask why."
    )
    assert not signal(Change(1, 2025, 10, 150, 146), DEFAULT_LOSS, 0).flagged  # 4 pupils
    assert not signal(Change(1, 2025, 10, 1000, 960), DEFAULT_LOSS, 0).flagged  # 4 %: 3 beyond
    assert flagged.limit_998 > flagged.limit_95 > DEFAULT_LOSS


def test_the_expected_rate_comes_from_every_school_when_enough_give_it():
    rng = random.Random(7)
    cohorts = [Change(100_000 + i, 2025, 7, 200, 200 - rng.randint(0, 8)) for i in range(30)]
    found = signals(cohorts)
    lost = sum(c.lost for c in cohorts) / sum(c.before for c in cohorts)
    assert found[0].expected == pytest.approx(lost) and found[0].expected_from == 30
    assert signals(cohorts[:5])[0].expected == DEFAULT_LOSS  # too few schools


def test_schools_with_no_excess_leaving_fall_outside_the_limits_at_about_the_nominal_rate():
    """Simulated with known truth: 4,000 cohorts of 60 to 260 pupils each losing 3 % at random.
    The binomial limits are exact quantiles, so (counts being whole) slightly conservative."""
    rng = random.Random(1)
    cohorts = []
    for index in range(4000):
        n = rng.randint(60, 260)
        cohorts.append(Change(index, 2025, 10, n, n - sum(rng.random() < 0.03 for _ in range(n))))
    found = signals(cohorts)
    above_95 = sum(s.change.share_lost > s.limit_95 for s in found) / len(found)
    above_998 = sum(s.change.share_lost > s.limit_998 for s in found) / len(found)
    assert 0.01 <= above_95 <= 0.025  # nominal 2.5 % above the upper limit
    assert above_998 <= 0.002  # nominal 0.1 %
    assert sum(s.flagged for s in found) / len(found) < 0.002
    excess = [Change(i, 2025, 10, 150, 150 - 4 - 15) for i in range(50)]  # 10 % more leave
    assert all(s.flagged for s in signals(cohorts + excess)[-50:])


def upload_form(content: bytes) -> dict:
    return {"file": SimpleUploadedFile("counts.csv", content)}


def test_the_network_and_a_school_upload_others_are_refused(
    client_for, network_admin, school_leader, school_a, school_b, governor, outsider
):
    page = client_for(network_admin).post(
        "/context/census-counts/upload/", upload_form(counts_csv(school_b))
    )
    assert page.status_code == 302 and CensusCount.objects.count() == 2
    own = b"academic_year,year_group,pupils\n2023/24,5,30\n2024/25,6,29\n"
    url = f"/context/schools/{school_a.urn}/census-counts/upload/"
    assert client_for(school_leader).post(url, upload_form(own)).status_code == 302
    assert CensusCount.objects.filter(school=school_a).count() == 2
    wrong = client_for(school_leader).post(
        url, upload_form(b"academic_year,year_group,pupils\n2024/25,6,x\n")
    )
    assert wrong.status_code == 400 and "Line 2: pupils must be a whole number" in wrong.text
    before = CensusCount.objects.count()
    assert client_for(governor).post(url, upload_form(own)).status_code == 403
    assert client_for(outsider).post(url, upload_form(own)).status_code == 403  # schools are public
    assert (
        client_for(school_leader)
        .post("/context/census-counts/upload/", upload_form(own))
        .status_code
        == 403
    )
    assert CensusCount.objects.count() == before
    template = client_for(school_leader).get("/context/census-counts/template.csv")
    assert template.text.startswith("urn,academic_year,year_group,pupils")


@pytest.fixture
def flagged_a(network_admin, school_a):
    school_a.phase = Phase.SECONDARY
    school_a.save()
    upload_census_counts(
        network_admin, school=None, file_name="c.csv", content=counts_csv(school_a)
    )


def test_the_team_sees_the_question_in_the_analysis_and_the_funnel(
    client_for, reviewer, outsider, review, flagged_a
):
    analysis = client_for(reviewer).get(f"/reviews/{review.pk}/analysis/").text
    assert "Year 11 had 14 fewer pupils than Year 10 did a year earlier" in analysis
    assert "The team may want to ask why." in analysis
    page = client_for(reviewer).get(f"/context/reviews/{review.pk}/off-rolling/")
    assert (
        page.status_code == 200 and "<svg" in page.text and "dotted lines 998 in 1,000" in page.text
    )
    assert client_for(outsider).get(f"/context/reviews/{review.pk}/off-rolling/").status_code == 404


def test_moderators_list_flagged_schools_the_public_never_sees_them(
    client_for, moderator, school_leader, school_a, flagged_a
):
    page = client_for(moderator).get("/context/off-rolling/")
    assert page.status_code == 200 and "Ash Primary School" in page.text
    assert "Year 11 had 14 fewer pupils" in page.text
    assert client_for(school_leader).get("/context/off-rolling/").status_code == 403
    assert client_for(None).get("/context/off-rolling/").status_code == 302
    for url in (f"/schools/{school_a.urn}/", f"/context/schools/{school_a.urn}/similar-schools/"):
        public = client_for(None).get(url)
        assert public.status_code == 200 and "fewer pupils" not in public.text
