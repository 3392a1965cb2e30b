"""Framework services: versions, drafts, publishing checks, immutability and the crosswalk."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks import drafts, selectors, services
from collegium.frameworks.models import (
    Area,
    FrameworkVersion,
    LevelDescriptor,
    ScaleLevel,
    Strand,
    StrandMapping,
)

PUBLISHED = "Version 1 is published and may be in use: create a new version to change it"


def refused(call, *args, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.messages


@pytest.fixture
def draft(network_admin) -> FrameworkVersion:
    """A draft with a two-level scale, one area and one strand with both descriptors."""
    version = services.create_framework(network_admin, "mini", "Mini framework")
    drafts.add_scale_level(network_admin, version, "Secure")
    drafts.add_scale_level(network_admin, version, "Not secure")
    area = drafts.add_area(network_admin, version, "LG", "Leadership")
    strand = drafts.add_strand(
        network_admin,
        area,
        code="LG1",
        title="Vision",
        description="",
        enquiry_question="To what extent…?",
        met_or_not_met=False,
    )
    drafts.set_descriptors(network_admin, strand, {1: "Shared by all.", 2: "Unclear."})
    return version


def test_creating_a_framework_makes_an_empty_draft_and_records_it(network_admin):
    version = services.create_framework(network_admin, "new", "New framework", "About it")
    assert (version.number, version.status, version.framework.description) == (
        1,
        "draft",
        "About it",
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.FRAMEWORK_CREATED, verbs.VERSION_CREATED} <= actions


def test_a_taken_short_name_is_refused(network_admin, framework_version):
    assert refused(services.create_framework, network_admin, "test-framework", "Again") == [
        "There is already a framework with the short name test-framework. Choose another."
    ]


def test_every_edit_of_a_published_version_is_refused(network_admin, framework_version):
    area = framework_version.areas.get(code="A1")
    strand = Strand.objects.get(code="A1S1", area=area)
    level = framework_version.scale_levels.get(position=1)
    fields = dict(code="X", title="X", description="", enquiry_question="", met_or_not_met=False)
    attempts: list[tuple[Any, ...]] = [
        (drafts.add_scale_level, network_admin, framework_version, "New"),
        (drafts.change_scale_level, network_admin, level, "Top", ""),
        (drafts.remove_scale_level, network_admin, level),
        (drafts.add_area, network_admin, framework_version, "A9", "New area"),
        (drafts.change_area, network_admin, area, "A1", "Renamed", ""),
        (drafts.remove_area, network_admin, area),
        (drafts.remove_strand, network_admin, strand),
        (drafts.set_descriptors, network_admin, strand, {1: "Changed"}),
    ]
    for call, *args in attempts:
        assert refused(call, *args) == [PUBLISHED], call.__name__
    assert refused(drafts.add_strand, network_admin, area, **fields) == [PUBLISHED]
    assert refused(drafts.change_strand, network_admin, strand, **fields) == [PUBLISHED]
    assert Strand.objects.filter(area__version=framework_version).count() == 4
    assert framework_version.scale_levels.count() == 4 and not LevelDescriptor.objects.exists()


def test_a_new_version_starts_as_a_copy_of_the_latest(network_admin, framework_version):
    version = services.create_version(network_admin, framework_version.framework, "Sharper")
    assert (version.number, version.status, version.notes) == (2, "draft", "Sharper")
    assert selectors.spec_of(version).areas == selectors.spec_of(framework_version).areas
    assert selectors.spec_of(version).scale == selectors.spec_of(framework_version).scale
    drafts.change_area(network_admin, version.areas.get(code="A1"), "A1", "Renamed", "")
    assert framework_version.areas.get(code="A1").title == "Area 1"


def test_publishing_checks_areas_strands_and_descriptors(network_admin):
    empty = services.create_framework(network_admin, "empty", "Empty")
    assert refused(services.publish_version, network_admin, empty) == [
        "Add at least one area before publishing"
    ]
    drafts.add_scale_level(network_admin, empty, "Secure")
    drafts.add_scale_level(network_admin, empty, "Not secure")
    area = drafts.add_area(network_admin, empty, "LG", "Leadership")
    drafts.add_area(network_admin, empty, "QP", "Provision")
    strand = drafts.add_strand(
        network_admin,
        area,
        code="LG1",
        title="Vision",
        description="",
        enquiry_question="",
        met_or_not_met=False,
    )
    drafts.set_descriptors(network_admin, strand, {1: "Shared.", 2: ""})
    assert refused(services.publish_version, network_admin, empty) == [
        "Strand LG1 needs a descriptor for Not secure",
        "Add at least one strand to area QP (Provision)",
    ]
    empty.refresh_from_db()
    assert empty.status == "draft"


def test_a_met_or_not_met_strand_needs_no_scale_descriptors(network_admin, draft):
    area = draft.areas.get()
    drafts.add_strand(
        network_admin,
        area,
        code="SG",
        title="Safeguarding",
        description="",
        enquiry_question="",
        met_or_not_met=True,
    )
    published = services.publish_version(network_admin, draft)
    assert published.status == "published" and published.published_at is not None
    assert refused(services.publish_version, network_admin, draft) == [
        "Version 1 has already been published"
    ]


def test_an_ungraded_framework_needs_enquiry_questions(network_admin):
    version = services.create_framework(network_admin, "enq", "Enquiry")
    area = drafts.add_area(network_admin, version, "IN", "Looking inward")
    drafts.add_strand(
        network_admin,
        area,
        code="IN1",
        title="Curriculum",
        description="",
        enquiry_question="",
        met_or_not_met=False,
    )
    assert refused(services.publish_version, network_admin, version) == [
        "Strand IN1 needs an enquiry question: the framework has no scale, so the question "
        "is what reviewers explore"
    ]


def test_removing_a_level_removes_its_descriptors_and_moves_the_weaker_up(network_admin, draft):
    drafts.add_scale_level(network_admin, draft, "Weak")
    strand = Strand.objects.get(area__version=draft, code="LG1")
    drafts.set_descriptors(network_admin, strand, {3: "Weak vision."})
    drafts.remove_scale_level(network_admin, draft.scale_levels.get(label="Not secure"))
    assert list(draft.scale_levels.values_list("position", "label")) == [(1, "Secure"), (2, "Weak")]
    assert dict(strand.descriptors.values_list("level", "text")) == {
        1: "Shared by all.",
        2: "Weak vision.",
    }
    assert AuditEvent.objects.filter(action=verbs.SCALE_LEVEL_REMOVED).count() == 1


def test_codes_and_labels_are_unique_within_a_version(network_admin, draft):
    assert refused(drafts.add_scale_level, network_admin, draft, "secure") == [
        "There is already a level called secure in the scale"
    ]
    assert refused(drafts.add_area, network_admin, draft, "LG", "Again") == [
        "There is already an area with the code LG"
    ]
    other = drafts.add_area(network_admin, draft, "QP", "Provision")
    fields = dict(code="LG1", title="x", description="", enquiry_question="", met_or_not_met=False)
    assert refused(drafts.add_strand, network_admin, other, **fields) == [
        "There is already a strand with the code LG1"
    ]


def test_descriptors_are_added_changed_and_removed_with_audit(network_admin, draft):
    strand = Strand.objects.get(area__version=draft, code="LG1")
    drafts.set_descriptors(network_admin, strand, {1: "Shared by everyone.", 2: ""})
    assert dict(strand.descriptors.values_list("level", "text")) == {1: "Shared by everyone."}
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert verbs.DESCRIPTOR_CHANGED in actions and verbs.DESCRIPTOR_REMOVED in actions


def test_a_strand_with_descriptors_cannot_switch_to_met_or_not_met(network_admin, draft):
    strand = Strand.objects.get(area__version=draft, code="LG1")
    fields = dict(
        code="LG1", title="Vision", description="", enquiry_question="", met_or_not_met=True
    )
    assert (
        "Remove the descriptors of strand LG1"
        in refused(drafts.change_strand, network_admin, strand, **fields)[0]
    )
    strand.refresh_from_db()
    assert strand.met_or_not_met is False


def test_removing_an_area_removes_its_strands(network_admin, draft):
    drafts.remove_area(network_admin, draft.areas.get(code="LG"))
    assert not Area.objects.filter(version=draft).exists()
    assert not Strand.objects.filter(area__version=draft).exists()


def test_crosswalk_maps_strands_of_different_frameworks_both_ways(
    network_admin, framework_version, draft
):
    services.publish_version(network_admin, draft)
    mine = Strand.objects.get(area__version=draft, code="LG1")
    theirs = Strand.objects.get(area__version=framework_version, code="A1S1")
    mapping = services.add_mapping(network_admin, mine, theirs)
    assert selectors.crosswalk_targets([mine.pk], framework_version) == {mine.pk: [theirs]}
    assert selectors.crosswalk_targets([theirs.pk], draft) == {theirs.pk: [mine]}
    assert refused(services.add_mapping, network_admin, theirs, mine) == [
        "A1S1 and LG1 are already mapped to each other"
    ]
    services.remove_mapping(network_admin, mapping)
    assert selectors.crosswalk_targets([mine.pk], framework_version) == {mine.pk: []}
    assert refused(services.remove_mapping, network_admin, mapping) == [
        "This mapping has already been removed"
    ]
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert verbs.STRANDS_MAPPED in actions and verbs.STRANDS_UNMAPPED in actions


def test_crosswalk_refuses_strands_of_the_same_framework(network_admin, framework_version):
    later = services.create_version(network_admin, framework_version.framework)
    one = Strand.objects.get(area__version=framework_version, code="A1S1")
    other = Strand.objects.get(area__version=later, code="A1S2")
    assert refused(services.add_mapping, network_admin, one, other) == [
        "Strands of the same framework cannot be mapped to each other: "
        "choose a strand of another framework"
    ]
    assert not StrandMapping.objects.exists()


def test_scale_level_changes_keep_positions(network_admin, draft):
    level = drafts.change_scale_level(
        network_admin, ScaleLevel.objects.get(version=draft, position=1), "Strong", "Good."
    )
    assert (level.position, level.label, level.description) == (1, "Strong", "Good.")
