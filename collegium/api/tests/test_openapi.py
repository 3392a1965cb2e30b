"""The OpenAPI description validates, the docs page works under the CSP, and a script that
knows only the description and a token reads a published summary and writes an evidence note."""

import re
from typing import Any

from django.core.management import call_command
from django.test import Client
from openapi_spec_validator import validate

from collegium.api.tests.helpers import call, publish, start_visit, token_for
from collegium.reviews.models import EvidenceNote

DESCRIPTION = "/api/v1/openapi.json"


def description() -> dict[str, Any]:
    response = Client().get(DESCRIPTION)
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


def test_the_description_is_valid_openapi_3_1(db):
    spec = description()
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_error_is_described_as_problem_details(db):
    spec = description()
    problems = [
        (path, status)
        for path, item in spec["paths"].items()
        for operation in item.values()
        for status, answer in operation["responses"].items()
        if status.startswith("4")
        and answer["content"]["application/json"]["schema"]
        != {"$ref": "#/components/schemas/Problem"}
    ]
    assert problems == []


def test_the_docs_page_runs_no_inline_script(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    assert scripts and all("src=" in s or 'type="application/json"' in s for s in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_docs_page_works_as_production_serves_it(settings, tmp_path, db):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
    call_command("collectstatic", interactive=False, verbosity=0)
    page = Client().get("/api/v1/docs").content.decode()
    assert re.search(r'src="/static/ninja/swagger-ui-bundle\.[0-9a-f]{12}\.js"', page)
    assert '"url": "/api/v1/openapi.json"' in page


def _operation(spec: dict[str, Any], method: str, tag: str, body: bool) -> tuple[str, Any]:
    """The one operation of the tag with a path parameter (and a request body, if asked)."""
    found = [
        (path, operation)
        for path, item in spec["paths"].items()
        for verb, operation in item.items()
        if verb == method
        and tag in operation["tags"]
        and "{" in path
        and ("requestBody" in operation) == body
    ]
    assert len(found) == 1, found
    return found[0]


def _example(spec: dict[str, Any], operation: Any, values: dict[str, Any]) -> dict[str, Any]:
    """A body with every required property of the operation's request schema, from `values`."""
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return {name: values[name] for name in schema["required"]}


def test_a_script_reads_a_summary_and_writes_a_note_from_the_description_alone(review, reviewer):
    published = publish(review)
    spec = description()
    path, _ = _operation(spec, "get", "published summaries", body=False)
    read = call("get", path.replace("{pk}", str(published.pk)))  # no token
    assert read.status_code == 200 and read.json()["summary"] == published.summary

    start_visit(review)
    path, operation = _operation(spec, "post", "evidence", body=True)
    assert operation["security"] == [{"TokenAuth": []}]
    strand = review.framework_version.areas.first().strands.first()
    body = _example(
        spec, operation, {"text": "Pupils read aloud with fluency", "strands": [strand.pk]}
    )
    written = call("post", path.replace("{pk}", str(review.pk)), token_for(reviewer), body)
    assert written.status_code == 201, written.content
    note = EvidenceNote.objects.get(pk=written.json()["id"])
    assert note.text == "Pupils read aloud with fluency" and note.author.reviewer.user == reviewer
