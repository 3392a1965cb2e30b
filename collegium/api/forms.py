from django import forms
from django.forms import RadioSelect

from collegium.api.models import ApiToken
from collegium.api.services import LONGEST_LIFE_DAYS
from collegium.fields import choice, text, whole_number


class TokenForm(forms.Form):
    name = text(
        "Name",
        what="a name for the token",
        max_length=100,
        help_text="Say what will use it, for example “Trust dashboard”",
    )
    scope = choice(
        "What the token may do",
        ApiToken.Scope.choices,
        what="what the token may do",
        widget=RadioSelect,
    )
    days = whole_number(
        "Days until it expires",
        what="the number of days until it expires",
        min_value=1,
        max_value=LONGEST_LIFE_DAYS,
        initial=90,
    )
