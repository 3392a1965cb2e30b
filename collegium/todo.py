"""What a signed-in person must do next: the home page's list, gathered from every app.

Each app that asks someone to act offers `to_dos(user, today) -> list[ToDo]` in its selectors
and names it in settings.TODO_SOURCES (a dotted path; this module imports no app, so the layer
order holds). Each ToDo names the school or review, what to do, the page that does it (with the
access action that page asks, so that nobody is shown a link they would be refused: checked
here, once) and, when there is one, the date it is due. The home page shows them overdue first,
then by due date, then those with no date.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from collegium import access
from collegium.termdates.calendar import school_working_days_between
from collegium.types import Person

LIMIT = 12  # the home page points the way; the pages hold the full lists


@dataclass(frozen=True)
class ToDo:
    text: str  # what to do, naming the school or review: "Answer … factual accuracy check"
    href: str  # the page that does it
    action: str  # the access action that page asks (collegium/rules.py RULES)
    obj: Any = None  # the object that action is asked about (None: a page-level action)
    due: date | None = None


@dataclass(frozen=True)
class Item:
    """A to-do as the home page shows it: with the school working days left."""

    text: str
    href: str
    due: date | None
    days_left: int | None  # school working days from today to the due date
    overdue: bool


Source = Callable[[Any, date], list[ToDo]]


def sources() -> list[Source]:
    return [import_string(path) for path in settings.TODO_SOURCES]


def to_dos_for(user: Person, today: date, limit: int = LIMIT) -> list[Item]:
    """The person's to-dos from every source, overdue first, then soonest due, then undated;
    only those whose page the person may open."""
    if not access.roles_of(user).signed_in:
        return []
    found = [todo for source in sources() for todo in source(user, today)]
    allowed = [todo for todo in found if access.can(user, todo.action, todo.obj)]
    unique = list({todo.href + todo.text: todo for todo in allowed}.values())
    unique.sort(key=lambda todo: (todo.due is None, todo.due or today))
    return [_item(todo, today) for todo in unique[:limit]]


def _item(todo: ToDo, today: date) -> Item:
    if todo.due is None:
        return Item(todo.text, todo.href, None, None, False)
    overdue = todo.due < today
    left = 0 if overdue else school_working_days_between(today, todo.due)
    return Item(todo.text, todo.href, todo.due, left, overdue)


def when(item: Item) -> str:
    """How the home page says when: "Overdue since 3 March 2027", "Due 9 March 2027 (4 school
    days left)"."""
    if item.due is None:
        return ""
    day = f"{item.due:%-d %B %Y}"
    if item.overdue:
        return f"Overdue since {day}"
    if item.days_left == 0:
        return f"Due today, {day}"
    days = "school day" if item.days_left == 1 else "school days"
    return f"Due {day} ({item.days_left} {days} left)"
