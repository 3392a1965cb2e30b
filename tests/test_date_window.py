"""Every date a form takes is inside the service's window: 1 January 2000 to the end
of the year ten years ahead. Year 1 or 9999 is refused with a message naming the field."""

import importlib
import pkgutil
from datetime import date
from typing import Any

import pytest
from django import forms
from django.utils import timezone

import collegium
from collegium.fields import WindowDateField, date_window

LAST_YEAR = timezone.localdate().year + 10
WINDOW = f"between 1 January 2000 and 31 December {LAST_YEAR}"


def form_classes() -> list[Any]:
    """Every form class declared in the apps' forms modules and forms packages."""
    found: list[Any] = []
    for module in pkgutil.walk_packages(collegium.__path__, "collegium."):
        if "forms" in module.name.split("."):
            found.extend(
                value
                for value in vars(importlib.import_module(module.name)).values()
                if isinstance(value, type) and issubclass(value, forms.BaseForm)
            )
    return found


def test_every_date_field_of_every_form_is_a_window_date_field():
    fields = [
        (form.__name__, name, field)
        for form in form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(fields) >= 12
    assert [(form, name) for form, name, f in fields if not isinstance(f, WindowDateField)] == []


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("0001-01-01", False),
        ("1999-12-31", False),
        ("2000-01-01", True),
        (f"{LAST_YEAR}-12-31", True),
        (f"{LAST_YEAR + 1}-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_the_field_takes_only_dates_in_the_window(typed, accepted):
    field = WindowDateField(label="Expiry date")
    if accepted:
        assert field.clean(typed) == date.fromisoformat(typed)
    else:
        with pytest.raises(forms.ValidationError) as caught:
            field.clean(typed)
        assert caught.value.messages == [f"Expiry date must be {WINDOW}"]


def test_the_window_moves_with_the_year():
    assert date_window(date(2030, 6, 1)) == (date(2000, 1, 1), date(2040, 12, 31))
