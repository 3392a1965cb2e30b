import pytest

from collegium.calibration import services
from collegium.calibration.models import CalibrationPack, PackItem
from collegium.frameworks.models import Strand


def strand(version, code: str) -> Strand:
    return Strand.objects.get(area__version=version, code=code)


@pytest.fixture
def draft_pack(moderator, framework_version) -> CalibrationPack:
    """A draft pack: A1S1 (reference 1), A1S2 (reference 2), A2S2 met / not met (reference met)."""
    pack = services.create_pack(moderator, framework_version, "Autumn calibration")
    for code, level in (("A1S1", 1), ("A1S2", 2), ("A2S2", 1)):
        services.add_item(
            moderator, pack, strand(framework_version, code), f"Evidence for {code}", level
        )
    return pack


@pytest.fixture
def open_pack(moderator, draft_pack, reviewer, lead_reviewer) -> CalibrationPack:
    """The draft pack, opened, with reviewer and lead_reviewer invited (neither submitted)."""
    pack = services.open_pack(moderator, draft_pack)
    profiles = [reviewer.reviewer_profile, lead_reviewer.reviewer_profile]
    services.invite(moderator, pack, profiles)
    return pack


def items(pack: CalibrationPack) -> list[PackItem]:
    return list(pack.items.order_by("pk"))
