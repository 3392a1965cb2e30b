"""schools:search-download: the register search's schools as CSV or XLSX, with the page's
filters, at most exports.MOST_ROWS of them, for people who have signed in."""

from django.urls import reverse

from collegium.schools import exports
from collegium.schools.models import Phase, School
from conftest import make_school
from tests.downloads import csv_rows, filename_of, xlsx_rows

PAGE = reverse("schools:search")


def url(fmt: str) -> str:
    return reverse("schools:search-download", args=[fmt])


def test_the_page_links_its_downloads_with_its_filters(client_for, school_a):
    text = client_for(None).get(PAGE, {"q": "ash", "phase": "primary"}).text
    assert "Download as CSV" in text and "Download as spreadsheet (XLSX)" in text
    assert url("csv") + "?q=ash&amp;phase=primary" in text


def test_the_csv_holds_the_schools_the_search_finds(client_for, outsider, la, school_a, school_b):
    make_school(la, 900099, "Ashford Secondary", phase=Phase.SECONDARY)
    response = client_for(outsider).get(url("csv"), {"q": "ash", "phase": "primary"})
    rows = csv_rows(response)
    assert filename_of(response) == "schools.csv"
    assert rows[0][:3] == ["URN", "School", "Phase"]
    assert [row[:2] for row in rows[1:]] == [["900001", "Ash Primary School"]]
    assert rows[1][4] == "Oak Learning Trust" and rows[1][7] == "Testshire" and rows[1][8] == "Yes"


def test_the_xlsx_holds_the_same_schools_with_numbers_as_numbers(
    client_for, outsider, school_a, school_b
):
    rows = xlsx_rows(client_for(outsider).get(url("xlsx"), {"la": "888"}))
    assert rows[0] == exports.HEADERS
    assert [row[:2] for row in rows[1:]] == [
        [900001, "Ash Primary School"],
        [900002, "Beech Primary School"],
    ]


def test_a_school_name_a_spreadsheet_would_run_is_written_as_text(client_for, outsider, la):
    make_school(la, 900050, "=HYPERLINK(1) School")
    rows = csv_rows(client_for(outsider).get(url("csv"), {"q": "hyperlink"}))
    assert rows[1][1] == "'=HYPERLINK(1) School"


def test_a_download_holds_at_most_the_cap_and_the_page_says_so(client_for, outsider, la):
    School.objects.bulk_create(
        School(urn=300000 + n, name=f"Cap School {n:05}", local_authority=la, town="Capton")
        for n in range(exports.MOST_ROWS + 1)
    )
    client = client_for(outsider)
    text = client.get(PAGE, {"q": "capton"}).text
    assert f"The downloads hold the first {exports.MOST_ROWS:,} of the 5,001 schools found" in text
    rows = csv_rows(client.get(url("csv"), {"q": "capton"}))
    assert len(rows) == 1 + exports.MOST_ROWS


def test_a_search_the_page_refuses_goes_back_to_the_page(client_for, outsider, school_a):
    client = client_for(outsider)
    for params in ({}, {"la": "not a number"}, {"q": "", "phase": "nursery-of-dreams"}):
        response = client.get(url("csv"), params)
        assert response.status_code == 302 and response["Location"].startswith(PAGE)
        assert "Content-Disposition" not in response


def test_another_format_is_not_found_and_posting_is_refused(client_for, outsider, school_a):
    client = client_for(outsider)
    assert client.get(url("pdf"), {"q": "ash"}).status_code == 404
    assert client.post(url("csv"), {"q": "ash"}).status_code == 405


def test_someone_not_signed_in_is_sent_to_sign_in_and_gets_no_rows(client_for, school_a):
    client = client_for(None)
    assert "Ash Primary School" in client.get(PAGE, {"q": "ash"}).text  # the page stays public
    for fmt in ("csv", "xlsx"):
        response = client.get(url(fmt), {"q": "ash"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
        assert "Content-Disposition" not in response
