from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from collegium.accounts.models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account has been closed. Ask the network admin to reopen it.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        return username.lower()  # addresses are stored in lower case


class PasswordLinkForm(PasswordResetForm):
    """Sends a link to choose a password, also to people who have never set one."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )

    def get_users(self, email: str) -> Any:
        # People added by a network admin have no usable password: this link is how they set one.
        return User.objects.filter(email__iexact=email, is_active=True)
