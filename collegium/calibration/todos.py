"""What the home page asks of reviewers about calibration (collegium/todo.py): the exercises
they were invited to and have not submitted, naming the session and due when grades are due."""

from datetime import date

from django.urls import reverse

from collegium import access
from collegium.calibration.models import CalibrationPack, Invitation
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    reviewer_id = access.roles_of(user).reviewer_id
    if reviewer_id is None:
        return []
    invitations = Invitation.objects.filter(
        reviewer_id=reviewer_id, submitted_at__isnull=True, pack__status=CalibrationPack.Status.OPEN
    ).select_related("pack", "reviewer")
    return [
        ToDo(
            _text(invitation.pack),
            reverse("calibration:grade", args=[invitation.pk]),
            "calibration.grade",
            invitation.reviewer,
            due=invitation.pack.grades_due_on,
        )
        for invitation in invitations.order_by("invited_at", "pk")
    ]


def _text(pack: CalibrationPack) -> str:
    text = f"Grade the calibration exercise ‘{pack.title}’"
    if pack.session_on:
        text += f" before its session on {pack.session_on:%A %-d %B}"
    return text
