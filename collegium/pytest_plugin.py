"""Loaded by pytest (pyproject addopts) before Django starts: test-only environment defaults."""

import os

os.environ.setdefault("SECRET_KEY", "collegium-tests-only-secret-key-not-for-any-real-deployment")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live-server browser tests
# The test database starts empty: tests load the shipped frameworks when they need them.
os.environ.setdefault("SHIPPED_DATA_ON_MIGRATE", "false")
# Tests talk plain HTTP to the test client and to the live server (whose middleware is
# built once per session, so this cannot be a fixture).
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
