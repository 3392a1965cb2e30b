"""The term dates pages: everyone signed in reads them; only a network admin changes them."""

from datetime import date

import pytest
from django.urls import reverse

from collegium.audit.models import AuditEvent
from collegium.people.dates import current_academic_year
from collegium.reviews.models import Review
from collegium.termdates import selectors, services
from collegium.termdates.models import SchoolTerm

pytestmark = pytest.mark.django_db
LIST = reverse("termdates:list")
AUTUMN = reverse("termdates:edit", args=["2026-autumn"])
GOOD = {
    "first_day": "2026-09-03",
    "last_day": "2026-12-18",
    "half_term_first_day": "2026-10-26",
    "half_term_last_day": "2026-10-30",
}


def signs_in(response) -> bool:
    return response.status_code == 302 and "sign-in" in response["Location"]


def state() -> list:
    return [list(SchoolTerm.objects.order_by("pk").values()), AuditEvent.objects.count()]


def test_anyone_signed_in_reads_the_term_dates(client_for, outsider):
    page = client_for(outsider).get(LIST)
    text = page.content.decode()
    assert page.status_code == 200
    assert "2026/27" in text and "Wednesday 2 September 2026" in text
    assert "26 October 2026 to 30 October 2026" in text
    assert "Change" not in text and "Add the usual dates" not in text


def test_the_page_names_the_years_without_dates(client_for, outsider):
    text = client_for(outsider).get(LIST).content.decode()
    assert "The network has term dates for 2026/27, 2027/28" in text
    missing = [year.label for year in selectors.years_to_add(date.today())]
    assert f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} none yet" in text


def test_a_visitor_is_asked_to_sign_in(client_for):
    assert signs_in(client_for(None).get(LIST))
    assert signs_in(client_for(None).get(AUTUMN))


def test_a_network_admin_changes_a_term(client_for, network_admin):
    client = client_for(network_admin)
    page = client.get(LIST).content.decode()
    assert AUTUMN in page and "England's usual pattern" in page
    response = client.post(AUTUMN, GOOD, follow=True)
    assert "The autumn term 2026/27 has been saved." in response.content.decode()
    assert SchoolTerm.objects.get(academic_year=2026, season="autumn").first_day == date(2026, 9, 3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"last_day": "2026-09-01"}, "The last day of the term must be after its first day"),
        ({"half_term_first_day": "2026-12-21"}, "The half term must be inside the term"),
        ({"half_term_last_day": "2026-10-20"}, "must be on or after its first day"),
        ({"first_day": "2026-07-30"}, "must start and end between 1 August 2026"),
        ({"first_day": ""}, "Enter the first day of the term"),
        ({"first_day": "2026-02-30"}, "Enter the first day of the term as a real date"),
    ],
)
def test_bad_dates_are_shown_and_change_nothing(client_for, network_admin, change, message):
    before = state()
    response = client_for(network_admin).post(AUTUMN, GOOD | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state() == before


def test_only_a_network_admin_may_change_or_add(client_for, coordinator, moderator, outsider):
    before = state()
    for person in (coordinator, moderator, outsider):
        client = client_for(person)
        assert client.get(AUTUMN).status_code == 403
        assert client.post(AUTUMN, GOOD).status_code == 403
        assert client.post(LIST, {"year": "2028"}).status_code == 403
    assert signs_in(client_for(None).post(LIST, {"year": "2028"}))
    assert state() == before


@pytest.mark.parametrize("key", ["2026-winter", "1999-autumn", "2030-autumn", "autumn"])
def test_a_term_that_does_not_exist_is_not_found(client_for, network_admin, key):
    response = client_for(network_admin).get(reverse("termdates:edit", args=[key]))
    assert response.status_code == 404


def test_a_network_admin_adds_a_year_from_the_usual_pattern(client_for, network_admin):
    client = client_for(network_admin)
    year = selectors.years_to_add(date.today())[-1]
    assert f"Add the usual dates for {year.label}" in client.get(LIST).content.decode()
    response = client.post(LIST, {"year": str(year.year)}, follow=True)
    text = response.content.decode()
    assert f"usual term dates for {year.label} have been added" in text
    assert SchoolTerm.objects.filter(academic_year=year.year).count() == 3


@pytest.mark.parametrize("year", ["2026", "2040", "soon", ""])
def test_a_year_not_offered_is_refused(client_for, network_admin, year):
    before = state()
    response = client_for(network_admin).post(LIST, {"year": year})
    assert response.status_code == 400
    assert "academic year" in response.content.decode()
    assert state() == before


def test_the_admin_sees_planned_reviews_a_change_left_outside_term(
    client_for, network_admin, review
):
    year = current_academic_year() + 1
    if not SchoolTerm.objects.filter(academic_year=year).exists():
        services.add_year(network_admin, year)
    half_term = SchoolTerm.objects.get(academic_year=year, season="spring").half_term_first_day
    Review.objects.filter(pk=review.pk).update(start_date=half_term)
    page = client_for(network_admin).get(LIST).content.decode()
    assert "Reviews being planned outside term time" in page
    assert f"{half_term:%A %-d %B %Y} is not in term time" in page


def test_only_a_network_admin_has_term_dates_in_the_navigation(client_for, network_admin, outsider):
    home = reverse("home")
    assert f'href="{LIST}"' in client_for(network_admin).get(home).content.decode()
    assert f'href="{LIST}"' not in client_for(outsider).get(home).content.decode()
