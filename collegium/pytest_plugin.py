"""Loaded by pytest (pyproject addopts) before Django starts: test-only environment defaults."""

import os

os.environ.setdefault("SECRET_KEY", "collegium-tests-only-secret-key-not-for-any-real-deployment")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live-server browser tests
