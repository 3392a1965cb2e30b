from django import forms

from collegium.fields import choice
from collegium.notifications.models import Frequency


class FrequencyForm(forms.Form):
    frequency = choice(
        "How should we email you?",
        Frequency.choices,
        what="how we should email you",
        widget=forms.RadioSelect,
    )
