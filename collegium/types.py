"""Types every app shares."""

from django.contrib.auth.models import AnonymousUser

from collegium.accounts.models import User

# Whoever a request is for: a signed-in person, or a visitor who has not signed in. It is what
# views pass on as request.user, to the access policy, selectors and services.
type Person = User | AnonymousUser
