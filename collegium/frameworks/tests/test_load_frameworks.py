"""The load_frameworks command: the shipped frameworks and crosswalk, loaded once."""

from io import StringIO

from django.core.management import call_command

from collegium.frameworks import selectors
from collegium.frameworks.demo import load_demo_frameworks
from collegium.frameworks.models import Framework, FrameworkVersion, Strand, StrandMapping


def run() -> str:
    out = StringIO()
    call_command("load_frameworks", stdout=out)
    return out.getvalue()


def test_the_four_shipped_frameworks_are_published_as_version_1(db):
    assert "enquiry, peer-estimate, four-quadrants, national-areas" in run()
    versions = FrameworkVersion.objects.filter(number=1, status="published")
    assert sorted(versions.values_list("framework__slug", flat=True)) == [
        "enquiry",
        "four-quadrants",
        "national-areas",
        "peer-estimate",
    ]
    national = versions.get(framework__slug="national-areas")
    assert national.scale_levels.count() == 5 and national.areas.count() == 7
    assert Strand.objects.get(area__version=national, code="SG1").met_or_not_met
    assert not versions.get(framework__slug="enquiry").is_graded


def test_loading_again_changes_nothing(db):
    run()
    counts = (
        Framework.objects.count(),
        FrameworkVersion.objects.count(),
        Strand.objects.count(),
        StrandMapping.objects.count(),
    )
    assert "none (all were already loaded)" in run()
    load_demo_frameworks()
    assert counts == (
        Framework.objects.count(),
        FrameworkVersion.objects.count(),
        Strand.objects.count(),
        StrandMapping.objects.count(),
    )


def test_the_shipped_crosswalk_links_evidence_across_frameworks(db):
    run()
    peer = FrameworkVersion.objects.get(framework__slug="peer-estimate")
    national = FrameworkVersion.objects.get(framework__slug="national-areas")
    governance = Strand.objects.get(area__version=peer, code="LM3")
    targets = selectors.crosswalk_targets([governance.pk], national)
    assert [strand.code for strand in targets[governance.pk]] == ["LG2"]
    lg2 = targets[governance.pk][0]
    assert [s.code for s in selectors.crosswalk_targets([lg2.pk], peer)[lg2.pk]] == ["LM3"]
