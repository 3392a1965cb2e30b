"""The GOV.UK form macros link each error in the summary to its field."""

import re

from django import forms
from django.template import engines


class ExampleForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter a name"})
    colour = forms.ChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a colour"},
    )
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select a day"},
    )
    agree = forms.BooleanField(error_messages={"required": "Tick to agree"})


def render(form: forms.Form) -> str:
    template = engines["jinja2"].from_string(
        '{% from "forms.html" import error_summary, form_body with context %}'
        "{{ error_summary(form) }}{{ form_body(form) }}"
    )
    return template.render({"form": form, "csrf_token": "x"})


def test_every_error_link_points_at_an_element_on_the_page():
    html = render(ExampleForm({}))
    links = re.findall(r'<a href="#([^"]+)">', html)
    assert len(links) == 4
    for target in links:
        assert f'id="{target}"' in html, target
