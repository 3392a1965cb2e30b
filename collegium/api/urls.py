"""The API under /api/v1/ (Ninja names its own URLs in the `api-v1` namespace: its docs page
reverses them there) and the person's token pages in the `api` namespace."""

from django.urls import include, path

from collegium.api.views import tokens
from collegium.api.views.endpoints import api

token_pages = (
    [
        path("", tokens.tokens, name="tokens"),
        path("made/", tokens.token_made, name="token-made"),
        path("<id:pk>/revoke/", tokens.revoke, name="token-revoke"),
    ],
    "api",
)

urlpatterns = [
    path("v1/", api.urls),
    path("tokens/", include(token_pages)),
]
