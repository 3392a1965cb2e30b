"""Pupil keys, hashed on upload with the network's secret: the keys themselves are never stored
(X5).

The secret is derived from Django's SECRET_KEY with HMAC-SHA256 and a fixed label, so it is in
no table: a copy of the database alone cannot turn the hashes back into keys by trying every
possible key. One deployment of Collegium is one network, so this is the network's secret.
Each file keeps the secret's fingerprint: files hashed under another SECRET_KEY are never
matched pupil by pupil (docs/decisions/0018-pupil-files.md).
"""

import hmac
from collections.abc import Iterable

from django.conf import settings

LABEL = b"collegium.context.pupil-keys"


def network_secret() -> bytes:
    return hmac.digest(settings.SECRET_KEY.encode(), LABEL, "sha256")


def secret_fingerprint() -> str:
    """16 hex characters that change when the secret does, and say nothing about it."""
    return hmac.digest(network_secret(), b"fingerprint", "sha256").hex()[:16]


def hash_keys(keys: Iterable[str]) -> list[str]:
    """HMAC-SHA256 of each pupil key (as given, trimmed), in hex."""
    secret = network_secret()
    return [hmac.digest(secret, key.encode(), "sha256").hex() for key in keys]
