"""A demonstration calibration exercise, made through the services as a moderator would."""

from collections.abc import Sequence

from collegium.accounts.models import User
from collegium.calibration import services
from collegium.calibration.models import CalibrationPack
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.people.models import ReviewerProfile

EVIDENCE = [
    "Leaders have a clear, shared plan for the curriculum. Subject leaders check how well it is "
    "taught each half term and act on what they find; pupils in the current Year 6 can explain "
    "how new learning builds on what they knew.",
    "Most lessons seen started with a recap of earlier learning. In two of six lessons, tasks "
    "were the same for every pupil and those who finished early waited for the next instruction.",
    "Attendance is 94.1% and persistent absence has fallen for three years. Records show the "
    "attendance lead meets families of pupils whose attendance drops below 90% within a week.",
    "Staff describe training on reading that is frequent and practical. Pupils at an early stage "
    "of reading read books matched to the sounds they know, but two were not heard read in a week.",
]
REFERENCES = [1, 3, 2, 2]
# Each reviewer's grades: the first stays close to the reference, the second is harsher.
GRADES = [[1, 3, 2, 2], [2, 4, 3, 3], [1, 2, 2, 2], [2, 3, 2, 3]]


def _strands(version: FrameworkVersion) -> list[Strand]:
    strands = Strand.objects.filter(area__version=version, met_or_not_met=False)
    return list(strands.order_by("area__position", "position")[: len(EVIDENCE)])


def load_demo_calibration(
    moderator: User, version: FrameworkVersion, reviewers: Sequence[ReviewerProfile]
) -> CalibrationPack:
    """An open pack of 4 items with reference levels; every reviewer invited and all but the
    last have submitted grades."""
    pack = services.create_pack(moderator, version, "Calibration: curriculum and attendance")
    strands = _strands(version)
    top = version.scale_levels.count()
    items = [
        services.add_item(moderator, pack, strands[n % len(strands)], text, min(ref, top))
        for n, (text, ref) in enumerate(zip(EVIDENCE, REFERENCES, strict=True))
    ]
    pack = services.open_pack(moderator, pack)
    invitations = services.invite(moderator, pack, reviewers)
    for number, invitation in enumerate(invitations[:-1]):
        levels = GRADES[number % len(GRADES)]
        grades = {item.pk: min(level, top) for item, level in zip(items, levels, strict=True)}
        services.submit_grades(invitation.reviewer.user, invitation, grades)
    return pack
