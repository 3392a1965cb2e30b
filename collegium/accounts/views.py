from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from collegium.accounts import services


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    """Django's page for choosing a new password from the emailed link; it also ends a lock-out."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.clear_failed_sign_ins(form.user)
        return response
