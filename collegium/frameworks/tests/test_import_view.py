"""The import page: upload or paste a file; problems listed by line, nothing imported."""

from django.core.files.uploadedfile import SimpleUploadedFile

from collegium.frameworks import exchange
from collegium.frameworks.models import Framework, FrameworkVersion, Strand
from collegium.frameworks.shipped import framework_file, load_frameworks

BROKEN = """\
slug: broken
name: Broken
scale: Leading
areas:
  - code: LG
    strands:
      - code: LG2
"""


def counts() -> tuple[int, int, int]:
    return Framework.objects.count(), FrameworkVersion.objects.count(), Strand.objects.count()


def test_an_uploaded_file_becomes_a_draft(client_for, network_admin):
    upload = SimpleUploadedFile("q.yaml", framework_file("four-quadrants").read_bytes())
    response = client_for(network_admin).post("/frameworks/import/", {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == "/frameworks/four-quadrants/1/"
    version = FrameworkVersion.objects.get(framework__slug="four-quadrants")
    assert version.is_draft and Strand.objects.filter(area__version=version).count() == 8


def test_an_exported_json_file_uploads_as_a_new_version(client_for, coordinator):
    load_frameworks()
    version = FrameworkVersion.objects.get(framework__slug="enquiry")
    text = exchange.export_text(version, "json")
    upload = SimpleUploadedFile("enquiry.json", text.encode())
    response = client_for(coordinator).post("/frameworks/import/", {"file": upload})
    assert response["Location"] == "/frameworks/enquiry/2/"


def test_a_malformed_file_lists_each_problem_by_line_and_imports_nothing(client_for, network_admin):
    before = counts()
    page = client_for(network_admin).post("/frameworks/import/", {"text": BROKEN})
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text
    assert "Line 3: &#39;scale&#39; must be a list of levels" in text
    assert "Line 5: area &#39;LG&#39; needs a title" in text
    assert "Line 7: strand &#39;LG2&#39; needs a title" in text
    assert counts() == before


def test_nothing_chosen_or_not_utf8_is_refused(client_for, network_admin):
    client = client_for(network_admin)
    assert (
        "Choose a file or paste the framework"
        in client.post("/frameworks/import/", {"text": "  "}).content.decode()
    )
    upload = SimpleUploadedFile("x.yaml", "slug: é".encode("utf-16"))
    page = client.post("/frameworks/import/", {"file": upload})
    assert page.status_code == 400 and "The file must be UTF-8 text" in page.content.decode()
    assert counts() == (0, 0, 0)


def test_people_who_do_not_build_frameworks_cannot_import(client_for, reviewer, outsider):
    for person in (reviewer, outsider):
        client = client_for(person)
        assert client.get("/frameworks/import/").status_code == 403
        assert client.post("/frameworks/import/", {"text": BROKEN}).status_code == 403
    anonymous = client_for(None).post("/frameworks/import/", {"text": BROKEN})
    assert anonymous["Location"].startswith("/account/sign-in/")
    assert counts() == (0, 0, 0)
