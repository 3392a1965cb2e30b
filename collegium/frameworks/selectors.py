"""Reads of frameworks: published versions, the crosswalk between strands, versions by address."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from collegium import access
from collegium.frameworks.models import (
    Area,
    Framework,
    FrameworkVersion,
    LevelDescriptor,
    Strand,
    StrandMapping,
)
from collegium.frameworks.spec import AreaSpec, FrameworkSpec, LevelSpec, StrandSpec, labels_for
from collegium.types import Person


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
    ).select_related("from_strand__area", "to_strand__area")
    targets: dict[int, list[Strand]] = {strand_id: [] for strand_id in ids}
    for mapping in mappings:
        if mapping.from_strand_id in ids and mapping.to_strand.area.version_id == version.pk:
            targets[mapping.from_strand_id].append(mapping.to_strand)
        if mapping.to_strand_id in ids and mapping.from_strand.area.version_id == version.pk:
            targets[mapping.to_strand_id].append(mapping.from_strand)
    return targets


def frameworks_for(user: Person) -> list[tuple[Framework, list[FrameworkVersion]]]:
    """Every framework with the versions the person may see, newest first."""
    shown = FrameworkVersion.objects.order_by("-number")
    if not access.can(user, "framework.edit"):
        shown = shown.filter(status=FrameworkVersion.Status.PUBLISHED)
    frameworks = Framework.objects.prefetch_related(Prefetch("versions", queryset=shown))
    return [(f, list(f.versions.all())) for f in frameworks if f.versions.all()]


def areas_of(version: FrameworkVersion) -> list[Area]:
    """Areas with their strands and descriptors, in order, for showing or exporting."""
    return list(
        version.areas.prefetch_related(
            Prefetch("strands", queryset=Strand.objects.order_by("position")),
            Prefetch("strands__descriptors", queryset=LevelDescriptor.objects.order_by("level")),
        ).order_by("position")
    )


def spec_of(version: FrameworkVersion) -> FrameworkSpec:
    spec = FrameworkSpec(
        slug=version.framework.slug,
        name=version.framework.name,
        description=version.framework.description,
        notes=version.notes,
        scale=[LevelSpec(lv.label, lv.description) for lv in version.scale_levels.all()],
    )
    for area in areas_of(version):
        spec.areas.append(
            AreaSpec(
                area.code,
                area.title,
                area.description,
                [
                    StrandSpec(
                        s.code,
                        s.title,
                        s.description,
                        s.enquiry_question,
                        s.met_or_not_met,
                        {d.level: d.text for d in s.descriptors.all()},
                    )
                    for s in area.strands.all()
                ],
            )
        )
    return spec


@dataclass
class StrandRow:
    strand: Strand
    levels: list[tuple[str, str]]  # (level label, descriptor text or "")


def strand_rows(version: FrameworkVersion, area: Area) -> list[StrandRow]:
    """Each strand of the area with a descriptor (or a gap) for every level it is judged on."""
    scale = [LevelSpec(lv.label) for lv in version.scale_levels.all()]
    rows = []
    for strand in area.strands.all():
        texts = {d.level: d.text for d in strand.descriptors.all()}
        labels = labels_for(scale, strand.met_or_not_met)
        rows.append(StrandRow(strand, [(label, texts.get(lv, "")) for lv, label in labels.items()]))
    return rows


def mappings_between(a: FrameworkVersion, b: FrameworkVersion) -> list[StrandMapping]:
    """Mappings joining a strand of one version to a strand of the other, either way round."""
    return list(
        StrandMapping.objects.filter(
            Q(from_strand__area__version=a, to_strand__area__version=b)
            | Q(from_strand__area__version=b, to_strand__area__version=a)
        )
        .select_related("from_strand__area", "to_strand__area")
        .order_by("from_strand__area__position", "from_strand__position", "to_strand__code")
    )


def strands_of(version: FrameworkVersion) -> list[Strand]:
    return list(Strand.objects.filter(area__version=version).order_by("area__position", "position"))


def mapped_elsewhere(version: FrameworkVersion) -> dict[int, list[Strand]]:
    """For each strand of the version, the strands of other frameworks mapped to it."""
    mine = Q(from_strand__area__version=version) | Q(to_strand__area__version=version)
    found: dict[int, list[Strand]] = {}
    mappings = StrandMapping.objects.filter(mine).select_related(
        "from_strand__area__version__framework", "to_strand__area__version__framework"
    )
    for mapping in mappings:
        for here, there in (
            (mapping.from_strand, mapping.to_strand),
            (mapping.to_strand, mapping.from_strand),
        ):
            if here.area.version_id == version.pk and there.area.version.is_published:
                found.setdefault(here.pk, []).append(there)
    return found
