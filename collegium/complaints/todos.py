"""What the home page asks of people about complaints (collegium/todo.py): stages to decide
(hearings for an adjudicator), outcomes the school must answer, stages to assign; each with
its deadline."""

from datetime import date

from collegium.complaints.selectors import dated_steps
from collegium.todo import ToDo
from collegium.types import Person


def to_dos(user: Person, today: date) -> list[ToDo]:
    # The steps are read as complaints.selectors scopes the complaint pages; the page-level
    # action keeps anyone who may not open a complaint from seeing one.
    return [
        ToDo(step.text, step.href, "complaint.view", None, due)
        for due, step in dated_steps(user, today)
    ]
