"""What the home page asks of network admins about the register (collegium/todo.py): on a new
network, build the register by uploading the DfE files; after an upload that failed, try again."""

from datetime import date

from django.urls import reverse

from collegium import access
from collegium.schools.models import ImportRun, School
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    if not access.can(user, "school.edit"):
        return []
    last = ImportRun.objects.only("pk", "status").order_by("-pk").first()
    if last is not None and last.status == ImportRun.Status.FAILED:
        return [
            ToDo(
                "Upload the DfE files again: the last register import failed",
                reverse("schools:import", args=[last.pk]),
                "school.edit",
            )
        ]
    if last is None and not School.objects.exists():
        return [
            ToDo(
                "Upload the DfE files to build the school register",
                reverse("schools:upload"),
                "school.edit",
            )
        ]
    return []
