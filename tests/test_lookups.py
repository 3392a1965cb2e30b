"""Fetching an object for a person (collegium/lookups.py through collegium.access): the one rule.

No such object, or someone who may not know it exists: 404. Someone who may see it but not act:
403. Anyone refused who has not signed in: 403, which the middleware turns into "sign in".
Each getter that used to live in an app is checked against someone who must be refused.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from collegium import access
from collegium.allocations.models import AllocationRun
from collegium.calibration.models import CalibrationPack, Invitation
from collegium.frameworks.models import Framework, FrameworkVersion, Strand
from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.people.models import RoleGrant
from collegium.reviews.models import Review

NOT_FOUND, SIGN_IN, FORBIDDEN = Http404, PermissionDenied, PermissionDenied
ANONYMOUS = AnonymousUser()


def refused(getter, user, *args, **lookup) -> type[Exception] | None:
    try:
        getter(user, *args, **lookup)
    except (Http404, PermissionDenied) as refusal:
        return type(refusal)
    return None


@pytest.fixture
def run(cluster, coordinator) -> AllocationRun:
    return AllocationRun.objects.create(cluster=cluster, created_by=coordinator)


@pytest.fixture
def invitation(framework_version, reviewer, moderator) -> Invitation:
    pack = CalibrationPack.objects.create(
        title="Pack", framework_version=framework_version, created_by=moderator
    )
    return Invitation.objects.create(pack=pack, reviewer=reviewer.reviewer_profile)


@pytest.fixture
def draft(framework_version) -> FrameworkVersion:
    return FrameworkVersion.objects.create(framework=framework_version.framework, number=2)


@pytest.fixture
def need(review, school_leader) -> SupportNeed:
    strand = Strand.objects.filter(area__version=review.framework_version)[0]
    plan = ActionPlan.objects.create(
        review=review, priority_strand=strand, priority="Reading", created_by=school_leader
    )
    return SupportNeed.objects.create(plan=plan, strand=strand, description="Phonics")


def test_a_run_is_seen_only_by_who_may_run_the_optimiser(run, coordinator, school_leader):
    assert access.get_run_for(coordinator, run.pk) == run
    assert refused(access.get_run_for, school_leader, run.pk) is NOT_FOUND
    assert refused(access.get_run_for, ANONYMOUS, run.pk) is SIGN_IN
    assert refused(access.get_run_for, coordinator, run.pk + 1) is NOT_FOUND


def test_an_invitation_is_seen_only_by_its_own_reviewer(
    invitation, reviewer, lead_reviewer, moderator
):
    assert access.get_invitation_for(reviewer, invitation.pk) == invitation
    assert refused(access.get_invitation_for, lead_reviewer, invitation.pk) is NOT_FOUND
    assert refused(access.get_invitation_for, moderator, invitation.pk) is NOT_FOUND
    assert refused(access.get_invitation_for, ANONYMOUS, invitation.pk) is SIGN_IN


def test_a_draft_is_known_only_to_who_may_edit_frameworks(draft, coordinator, outsider):
    slug = draft.framework.slug
    assert access.get_version_for(coordinator, slug, 2, "framework.edit") == draft
    assert access.get_version_for(coordinator, slug, 2, "framework.view") == draft
    assert refused(access.get_version_for, outsider, slug, 2, "framework.view") is NOT_FOUND
    assert refused(access.get_version_for, ANONYMOUS, slug, 2, "framework.view") is SIGN_IN
    assert refused(access.get_version_for, coordinator, slug, 3, "framework.view") is NOT_FOUND


def test_a_published_version_is_public_but_edited_only_by_editors(framework_version, outsider):
    slug = framework_version.framework.slug
    assert access.get_version_for(ANONYMOUS, slug, 1, "framework.view") == framework_version
    assert refused(access.get_version_for, outsider, slug, 1, "framework.edit") is FORBIDDEN
    assert refused(access.get_version_for, ANONYMOUS, slug, 1, "framework.edit") is SIGN_IN
    assert refused(access.get_version_for, outsider, slug, "one", "framework.view") is NOT_FOUND


def test_a_framework_is_public_but_versioned_only_by_editors(framework_version, coordinator):
    framework = framework_version.framework
    assert access.get_framework_for(coordinator, framework.slug, "framework.edit") == framework
    assert refused(access.get_framework_for, ANONYMOUS, framework.slug, "framework.edit") is (
        SIGN_IN
    )
    assert refused(access.get_framework_for, coordinator, "no-such", "framework.edit") is NOT_FOUND
    assert not Framework.objects.filter(slug="no-such").exists()


def test_people_and_their_roles_are_known_only_to_network_admins(network_admin, moderator):
    grant = RoleGrant.objects.get(user=moderator)
    assert access.get_person_for(network_admin, moderator.pk) == moderator
    assert access.get_grant_for(network_admin, grant.pk) == grant
    for getter, pk in [(access.get_person_for, moderator.pk), (access.get_grant_for, grant.pk)]:
        assert refused(getter, moderator, pk) is NOT_FOUND
        assert refused(getter, ANONYMOUS, pk) is SIGN_IN


def test_a_support_need_is_judged_on_its_plan(need, school_leader, governor, outsider):
    assert access.get_support_need_for(school_leader, need.pk, "support.request") == need
    assert refused(access.get_support_need_for, governor, need.pk, "support.request") is FORBIDDEN
    assert refused(access.get_support_need_for, outsider, need.pk) is NOT_FOUND
    assert refused(access.get_support_need_for, ANONYMOUS, need.pk) is SIGN_IN


def test_the_one_getter_keeps_the_callers_query(review, school_leader, django_assert_num_queries):
    found = Review.objects.select_related("school")
    got = access.get_for(school_leader, found, "review.view", pk=review.pk)
    with django_assert_num_queries(0):
        assert got.school.name == review.school.name
    for bad in ["abc", None, review.pk + 1]:
        assert refused(access.get_for, school_leader, found, "review.view", pk=bad) is NOT_FOUND


def test_a_refused_reader_is_told_nothing_and_an_unsigned_visitor_is_asked_to_sign_in(
    review, outsider
):
    found = Review.objects.all()
    assert refused(access.get_for, outsider, found, "review.view", pk=review.pk) is NOT_FOUND
    assert refused(access.get_for, ANONYMOUS, found, "review.view", pk=review.pk) is SIGN_IN
