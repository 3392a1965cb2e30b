"""Types every app shares."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from collegium.accounts.models import User

# Whoever a request is for: a signed-in person, or a visitor who has not signed in. It is what
# views pass on as request.user to the access policy and selectors; a service that records who
# did something takes a User (None where the system acts: a task, loading shipped data).
type Person = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """A request that reached a view behind @login_required, so its user has signed in: the
    type django-stubs suggests for such views, which may pass request.user to a service."""

    user: User
