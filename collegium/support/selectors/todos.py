"""What the home page asks of heads about support between schools (collegium/todo.py): the
requests their schools have not answered."""

from datetime import date
from typing import Any

from collegium.support.selectors.lists import steps_for
from collegium.todo import ToDo


def to_dos(user: Any, today: date) -> list[ToDo]:
    # steps_for reads only requests sent to schools the person leads, as the page scopes them.
    return [ToDo(step.text, step.href, "support.respond") for step in steps_for(user)]
