"""Suggestions of schools that could help with a support need, on a small known network:
Beech is judged Leading on the need's strand and is close and similar; Cedar (secondary) offers
support on it; Damson has nothing to show, so it is never suggested."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand, StrandMapping
from collegium.improvement.models import SupportNeed
from collegium.improvement.selectors import similar
from collegium.improvement.selectors.similar import NeighbourFinder, latest_figures, similar_schools
from collegium.neighbours import scales_of
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Findings, Judgement, Review
from collegium.schools.models import Census, ImportRun, School
from collegium.support.models import StandingOffer, SupportRequest
from collegium.support.selectors.brokerage import (
    days_text,
    explain,
    matching_offer,
    none_nearby,
    suggest_schools,
    support_panel,
)
from conftest import grant, make_user

MARCH_2026 = date(2026, 3, 9)


def strand(version: FrameworkVersion, code: str) -> Strand:
    return Strand.objects.get(area__version=version, code=code)


def agreed_review_of(school: School, version: FrameworkVersion, levels: dict, **fields) -> Review:
    """An agreed review of the school with the given judgements {strand code: level}."""
    review = Review.objects.create(
        school=school,
        kind=Review.Kind.CLUSTER,
        framework_version=version,
        start_date=fields.pop("start_date", MARCH_2026),
        days=2,
        status=fields.pop("status", Review.Status.AGREED),
    )
    for code, level in levels.items():
        Judgement.objects.create(
            review=review, strand=strand(version, code), level=level, rationale="Agreed."
        )
    return review


def census(school: School, pupils, fsm, sen_support, ehc=0.0, year=2025) -> Census:
    return Census.objects.create(
        school=school,
        year=year,
        pupils=pupils,
        pct_fsm_ever=fsm,
        pct_sen_support=sen_support,
        pct_ehc_plan=ehc,
    )


def place(school: School, latitude: float, longitude: float) -> None:
    school.latitude, school.longitude = latitude, longitude
    school.save(update_fields=["latitude", "longitude"])


@pytest.fixture
def context_data(la, school_a, school_b, school_c, school_d):
    """Census figures for every primary school, and places on the map."""
    census(school_a, 230, 27.0, 12.0, 2.0)
    census(school_b, 210, 24.0, 10.0, 2.0)
    census(school_d, 420, 8.0, 10.0)
    census(school_c, 1100, 20.0, 11.0)
    for urn, pupils, fsm, sen in [(900011, 600, 5, 8), (900012, 90, 45, 25), (900013, 350, 15, 11)]:
        other = School.objects.create(urn=urn, name=f"Other {urn}", local_authority=la)
        other.phase = school_a.phase
        other.save()
        census(other, pupils, fsm, sen)
    place(school_a, 52.2, 0.12)
    place(school_b, 52.2288, 0.12)  # 3.2 km north of Ash
    place(school_c, 52.3, 0.12)
    place(school_d, 52.21, 0.12)


def give_a_head(school: School) -> None:
    grant(make_user(f"Head of {school.name}"), Role.SCHOOL_LEADER, school=school)


@pytest.fixture(autouse=True)
def heads(school_b, school_c, school_d) -> None:
    """Only schools whose leaders use Collegium are suggested: these three do."""
    for school in (school_b, school_c, school_d):
        give_a_head(school)


@pytest.fixture
def network(plan, framework_version, school_b, school_c, school_d, context_data, school_leader):
    """Beech judged Leading on A2S1, Cedar offering support on it, Damson judged Working
    towards on it (not strong)."""
    agreed_review_of(school_b, framework_version, {"A2S1": 1, "A1S1": 4})
    StandingOffer.objects.create(
        school=school_c,
        strand=strand(framework_version, "A2S1"),
        description="Our reading lead can show your staff our catch-up sessions",
        days_available=3,
    )
    agreed_review_of(school_d, framework_version, {"A2S1": 3})
    return plan


def need_of(plan) -> SupportNeed:
    return plan.support_needs.get()


def test_only_schools_with_evidence_of_strength_are_suggested(network, school_b, school_c):
    suggestions = suggest_schools(need_of(network))
    assert [s.school for s in suggestions] == [school_b, school_c]


def test_a_strong_school_nobody_there_could_answer_is_not_suggested(network, school_b, school_c):
    RoleGrant.objects.filter(school=school_b).delete()
    assert [s.school for s in suggest_schools(need_of(network))] == [school_c]


def test_a_school_whose_only_leader_has_left_is_not_suggested(network, school_b, school_c):
    from collegium.accounts.models import User

    User.objects.filter(role_grants__school=school_b).update(is_active=False)
    assert [s.school for s in suggest_schools(need_of(network))] == [school_c]


def test_each_suggestion_is_explained_in_words(network):
    beech, cedar = suggest_schools(need_of(network))
    assert beech.reasons == [
        "Judged Leading for Strand 2.1 in its review of March 2026",
        "Similar school: primary, 210 pupils, 24% FSM, 12% SEN (you: 230 pupils, 27% FSM, 14% SEN)",
        "3.2 km away",
    ]
    assert cedar.reasons == [
        "Offers: Our reading lead can show your staff our catch-up sessions (3 days available)",
        "A secondary school (yours is primary)",
        "11.1 km away",
    ]
    assert cedar.offer is not None and beech.offer is None


def test_the_school_itself_is_never_suggested(network, school_a, framework_version):
    StandingOffer.objects.create(
        school=school_a, strand=strand(framework_version, "A2S1"), description="Ours"
    )
    assert school_a not in [s.school for s in suggest_schools(need_of(network))]


def test_effective_counts_as_strong_and_ranks_below_leading(network, school_d, framework_version):
    agreed_review_of(school_d, framework_version, {"A2S1": 2}, start_date=date(2026, 6, 1))
    suggestions = suggest_schools(need_of(network))
    damson = next(s for s in suggestions if s.school == school_d)
    assert damson.strengths == ["Judged Effective for Strand 2.1 in its review of June 2026"]
    assert suggestions[0].school.name == "Beech Primary School"


def test_only_the_latest_review_judging_the_strand_counts(network, school_b, framework_version):
    agreed_review_of(school_b, framework_version, {"A2S1": 3}, start_date=date(2026, 9, 7))
    assert school_b not in [s.school for s in suggest_schools(need_of(network))]


def test_judgements_not_yet_agreed_do_not_count(plan, school_d, framework_version, context_data):
    agreed_review_of(school_d, framework_version, {"A2S1": 1}, status=Review.Status.VISIT)
    assert suggest_schools(need_of(plan)) == []


def test_met_counts_as_strong_on_a_met_or_not_met_strand(plan, school_b, framework_version):
    need = SupportNeed.objects.create(
        plan=plan, strand=strand(framework_version, "A2S2"), description="Safer recruitment"
    )
    agreed_review_of(school_b, framework_version, {"A2S2": 1})
    (suggestion,) = suggest_schools(need)
    assert suggestion.strengths == ["Judged Met for Strand 2.2 in its review of March 2026"]
    Judgement.objects.filter(review__school=school_b).update(level=2)  # not met
    assert suggest_schools(need) == []


def test_an_area_of_excellence_counts(plan, school_b, framework_version):
    review = agreed_review_of(school_b, framework_version, {})
    Findings.objects.create(
        review=review,
        strengths="-",
        areas_to_develop="-",
        excellence_strand=strand(framework_version, "A2S1"),
        area_of_excellence="Catch-up in reading within the week",
        priority_strand=strand(framework_version, "A1S1"),
        improvement_priority="-",
    )
    (suggestion,) = suggest_schools(need_of(plan))
    assert suggestion.strengths == [
        "Area of excellence in Strand 2.1 in its review of March 2026: "
        "Catch-up in reading within the week"
    ]


def test_a_strand_mapped_by_the_crosswalk_counts(plan, school_b, framework_version):
    other = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="other", name="Other framework"),
        number=1,
        status=FrameworkVersion.Status.PUBLISHED,
    )
    other.scale_levels.create(position=1, label="Outstanding")
    other.scale_levels.create(position=2, label="Good")
    area = Area.objects.create(version=other, position=1, code="R", title="Reading")
    mapped = Strand.objects.create(area=area, position=1, code="R1", title="Catching up")
    StrandMapping.objects.create(from_strand=mapped, to_strand=strand(framework_version, "A2S1"))
    agreed_review_of(school_b, other, {"R1": 1})
    (suggestion,) = suggest_schools(need_of(plan))
    assert suggestion.strengths == [
        "Judged Outstanding for Catching up in its review of March 2026"
    ]


def test_withdrawn_offers_and_closed_schools_are_not_suggested(network, school_b, school_c):
    StandingOffer.objects.filter(school=school_c).update(is_open=False)
    school_b.is_open = False
    school_b.save()
    assert suggest_schools(need_of(network)) == []


def test_order_is_deterministic_and_limited(network, la, framework_version):
    for urn in (900021, 900022, 900023, 900024, 900025):
        twin = School.objects.create(urn=urn, name=f"Twin {urn}", local_authority=la)
        give_a_head(twin)
        StandingOffer.objects.create(
            school=twin, strand=strand(framework_version, "A2S1"), description="Help"
        )
    names = [s.school.name for s in suggest_schools(need_of(network))]
    assert len(names) == 5
    assert names[:2] == ["Beech Primary School", "Cedar Academy"]
    assert names[2:] == ["Twin 900021", "Twin 900022", "Twin 900023"]
    assert names == [s.school.name for s in suggest_schools(need_of(network))]


def test_matching_offer(network, school_b, school_c):
    need = need_of(network)
    assert matching_offer(need, school_c) == StandingOffer.objects.get(school=school_c)
    assert matching_offer(need, school_b) is None


def test_support_panel_lists_each_need_with_its_suggestions(network, school_leader):
    (panel,) = support_panel(network, school_leader)
    assert panel.need == need_of(network)
    assert [s.school.name for s in panel.suggestions] == ["Beech Primary School", "Cedar Academy"]
    assert panel.requests == []


def test_similar_schools_are_the_statistical_neighbours(context_data, school_a, school_b):
    found = similar_schools(school_a, k=2)
    assert found[0].school == school_b
    assert found[0].km == pytest.approx(3.2, abs=0.05)
    assert len(found) == 2 and all(s.school.phase == school_a.phase for s in found)
    assert [s.school for s in similar_schools(school_a, k=5, among=[school_b])] == [school_b]


def test_a_same_phase_school_more_than_one_spread_away_has_a_less_similar_intake(
    network, school_d, framework_version
):
    agreed_review_of(school_d, framework_version, {"A2S1": 2}, start_date=date(2026, 6, 1))
    damson = next(s for s in suggest_schools(need_of(network)) if s.school == school_d)
    assert damson.distance is not None and damson.distance > 1
    assert damson.context[0] == (
        "Less similar intake: primary, 420 pupils, 8% FSM, 10% SEN "
        "(you: 230 pupils, 27% FSM, 14% SEN)"
    )


def test_days_in_words():
    assert [days_text(d) for d in ("1", "1.0", "2.5", "10", "0", 3)] == [
        "1 day",
        "1 day",
        "2.5 days",
        "10 days",
        "0 days",
        "3 days",
    ]


# Requests shown with the suggestions: only those the person may see


def sent_to(plan, school, status=SupportRequest.Status.ACCEPTED) -> SupportRequest:
    return SupportRequest.objects.create(
        need=need_of(plan), offering_school=school, message="Help?", status=status
    )


def test_suggestions_carry_no_request_without_a_person(network, school_b):
    sent_to(network, school_b)
    assert all(s.request is None for s in suggest_schools(need_of(network)))


def test_the_schools_leader_sees_the_latest_request_to_a_suggested_school(
    network, school_b, school_leader
):
    declined = sent_to(network, school_b, SupportRequest.Status.DECLINED)
    again = sent_to(network, school_b, SupportRequest.Status.SENT)
    beech = suggest_schools(need_of(network), user=school_leader)[0]
    assert beech.request == again != declined
    (panel,) = support_panel(network, school_leader)
    assert panel.suggestions[0].request == again
    assert panel.requests == [declined, again]


@pytest.mark.parametrize("who", ["governor", "reviewer"])
def test_those_who_may_not_see_requests_see_none_with_suggestions(network, school_b, request, who):
    sent_to(network, school_b)
    user = request.getfixturevalue(who)
    assert all(s.request is None for s in suggest_schools(need_of(network), user=user))
    (panel,) = support_panel(network, user)
    assert panel.requests == [] and all(s.request is None for s in panel.suggestions)


# One school explained on its own (the page to ask a school)


def test_one_school_is_explained_as_its_suggestion_would_be(network, school_b, school_c):
    need = need_of(network)
    beech, cedar = suggest_schools(need)
    explained = [explain(need, school_b), explain(need, school_c)]
    assert [s.reasons if s else None for s in explained] == [beech.reasons, cedar.reasons]
    assert explained[1] is not None and explained[1].offer == cedar.offer


def test_a_school_that_would_not_be_suggested_is_not_explained(network, school_d, school_b):
    need = need_of(network)
    assert explain(need, school_d) is None  # judged Working towards only
    RoleGrant.objects.filter(school=school_b).delete()
    assert explain(need, school_b) is None  # nobody there could answer


# Figures: the latest census only, and the spread of the phase cached until the next import


def test_only_each_schools_latest_census_counts(context_data, school_a, school_b):
    census(school_a, 999, 1.0, 1.0, year=2019)  # older: ignored
    census(school_b, 200, 30.0, 15.0, 5.0, year=2026)  # newer: used
    figures = latest_figures(School.objects.filter(pk__in=[school_a.pk, school_b.pk]))
    assert (figures[school_a.pk].pupils, figures[school_a.pk].pct_sen) == (230, 14.0)
    assert (figures[school_b.pk].pupils, figures[school_b.pk].pct_sen) == (200, 20.0)
    assert latest_figures([school_b])[school_b.pk] == figures[school_b.pk]


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_spread_of_a_phase_is_computed_once_per_import(
    context_data, school_a, la, empty_cache, monkeypatch
):
    calls: list[int] = []
    real = scales_of

    def counted(schools):
        calls.append(1)
        return real(schools)

    monkeypatch.setattr(similar, "scales_of", counted)
    ImportRun.objects.create(source_dir="-", finished_at=timezone.now())
    first = NeighbourFinder(school_a).scales
    outlier = School.objects.create(
        urn=900099, name="Outlier", local_authority=la, phase=school_a.phase
    )
    census(outlier, 5000, 90.0, 80.0)
    assert NeighbourFinder(school_a).scales == first and len(calls) == 1
    ImportRun.objects.create(source_dir="-", finished_at=timezone.now() + timedelta(seconds=1))
    assert NeighbourFinder(school_a).scales != first and len(calls) == 2


def test_without_an_import_the_spread_is_computed_each_time(context_data, school_a, la):
    first = NeighbourFinder(school_a).scales
    outlier = School.objects.create(
        urn=900099, name="Outlier", local_authority=la, phase=school_a.phase
    )
    census(outlier, 5000, 90.0, 80.0)
    assert NeighbourFinder(school_a).scales != first


def test_suggestions_are_said_to_be_far_only_when_each_is_known_to_be_far(
    network, school_b, school_c
):
    assert not none_nearby([])
    assert not support_panel(network)[0].none_nearby  # no suggestions without a user
    suggestions = suggest_schools(need_of(network))
    assert not none_nearby(suggestions)  # Beech is 3.2 km away
    place(school_b, 52.8, 0.12)  # 67 km
    assert not none_nearby(suggest_schools(need_of(network), within_km=None))  # Cedar: 11 km
    place(school_c, 52.7, 0.12)  # 56 km
    far = suggest_schools(need_of(network), within_km=None)
    assert none_nearby(far)
    far[0].km = None  # a school with no place on the map may be near
    assert not none_nearby(far)
