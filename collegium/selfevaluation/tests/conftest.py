from html import unescape

import pytest

from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand
from collegium.people.dates import current_academic_year
from collegium.people.models import Role
from collegium.selfevaluation import services
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation
from conftest import grant, make_user

THIS_YEAR = current_academic_year()


@pytest.fixture
def draft(school_a, school_leader, framework_version) -> SelfEvaluation:
    """School A's self-evaluation for this academic year, just started."""
    return services.start_self_evaluation(school_leader, school_a, THIS_YEAR, framework_version)


def entry(self_evaluation: SelfEvaluation, code: str) -> StrandEvaluation:
    return self_evaluation.strands.select_related("strand").get(strand__code=code)


def complete(self_evaluation: SelfEvaluation, actor) -> None:
    """Rate every strand and write its narrative (met for a met / not met strand)."""
    for each in self_evaluation.strands.select_related("strand"):
        level = 1 if each.strand.met_or_not_met else 2
        services.save_strand(actor, each, level, f"About {each.strand.code}", "", each.revision)


@pytest.fixture
def submitted(draft, school_leader) -> SelfEvaluation:
    complete(draft, school_leader)
    return services.submit_self_evaluation(school_leader, draft)


@pytest.fixture
def enquiry_version(db) -> FrameworkVersion:
    """A published framework without grades: one area of two strands, one met / not met."""
    framework = Framework.objects.create(slug="enquiry", name="Enquiry framework")
    version = FrameworkVersion.objects.create(
        framework=framework, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    area = Area.objects.create(version=version, position=1, code="E1", title="Our impact")
    Strand.objects.create(area=area, position=1, code="E1S1", title="Impact on pupils")
    Strand.objects.create(
        area=area, position=2, code="E1S2", title="Safeguarding", met_or_not_met=True
    )
    return version


@pytest.fixture
def leader_of_b(school_b):
    """Another school's leader: must never reach school A's self-evaluation."""
    return grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)


def text_of(response) -> str:
    return unescape(response.content.decode())
