from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from collegium.accounts import services

# Where an invitation's link goes once the password is chosen (a cluster invitation to answer).
NEXT_KEY = "_password_link_next"


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    """Django's page for choosing a new password from the emailed link; it also ends a lock-out.

    A link with `?next=` (an invitation to answer) signs the person in once they have chosen
    their password and takes them to that page of the site."""

    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET":
            self.keep_next(request, kwargs, response)
        return response

    def keep_next(self, request: HttpRequest, kwargs: Any, response: HttpResponseBase) -> None:
        """Keep `next` for this link only once its token has checked out (Django has just
        checked it: the page is shown with a valid link, or the token went into the session
        and the person is sent on to the set-password address, which keeps `?next=`). Any
        other page view forgets a kept `next`, so a later reset never signs anyone in."""
        request.session.pop(NEXT_KEY, None)
        next_url = request.GET.get("next", "")
        if not next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return
        token_taken = request.session.get(INTERNAL_RESET_SESSION_TOKEN) == kwargs["token"]
        if isinstance(response, HttpResponseRedirect) and token_taken:
            response["Location"] += "?" + urlencode({"next": next_url})
        elif not self.validlink:
            return
        request.session[NEXT_KEY] = {"uidb64": kwargs["uidb64"], "next": next_url}

    def form_valid(self, form: Any) -> HttpResponse:
        kept = self.request.session.pop(NEXT_KEY, None) or {}
        next_url = kept.get("next", "") if kept.get("uidb64") == self.kwargs["uidb64"] else ""
        self.post_reset_login = bool(next_url)
        response = super().form_valid(form)
        services.clear_failed_sign_ins(form.user)
        return redirect(next_url) if next_url else response
