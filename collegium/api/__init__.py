"""X3: the REST API under /api/v1/ (Django Ninja), its OpenAPI 3.1 description and personal
API tokens (ADR 0020)."""
