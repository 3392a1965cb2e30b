"""Reads of frameworks: published versions and the crosswalk between strands."""

from collections.abc import Iterable

from django.db.models import Q

from collegium.frameworks.models import FrameworkVersion, Strand, StrandMapping


def published_versions() -> list[FrameworkVersion]:
    return list(
        FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__name", "-number")
    )


def crosswalk_targets(
    strand_ids: Iterable[int], version: FrameworkVersion
) -> dict[int, list[Strand]]:
    """For each given strand, the strands of `version` mapped to it (a mapping counts both ways)."""
    ids = set(strand_ids)
    mappings = StrandMapping.objects.filter(
        Q(from_strand_id__in=ids, to_strand__area__version=version)
        | Q(to_strand_id__in=ids, from_strand__area__version=version)
    ).select_related("from_strand", "to_strand")
    targets: dict[int, list[Strand]] = {strand_id: [] for strand_id in ids}
    for mapping in mappings:
        if mapping.from_strand_id in ids and mapping.to_strand.area.version_id == version.pk:
            targets[mapping.from_strand_id].append(mapping.to_strand)
        if mapping.to_strand_id in ids and mapping.from_strand.area.version_id == version.pk:
            targets[mapping.to_strand_id].append(mapping.from_strand)
    return targets
