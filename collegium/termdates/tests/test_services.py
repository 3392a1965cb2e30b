"""Changing term dates: each refusal says why and changes nothing; changes are audited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.termdates import services
from collegium.termdates.models import SchoolTerm
from collegium.termdates.usual import usual_terms

pytestmark = pytest.mark.django_db


def term(year: int = 2026, season: str = "autumn") -> SchoolTerm:
    return SchoolTerm.objects.get(academic_year=year, season=season)


def dates_of(found: SchoolTerm) -> tuple[date, date, date, date]:
    found.refresh_from_db()
    return found.first_day, found.last_day, found.half_term_first_day, found.half_term_last_day


def test_a_network_admin_changes_a_term_and_it_is_audited(network_admin):
    autumn = term()
    services.change_term(
        network_admin, autumn, date(2026, 9, 3), date(2026, 12, 18), date(2026, 10, 26),
        date(2026, 10, 30),
    )  # fmt: skip
    assert dates_of(autumn)[0] == date(2026, 9, 3)
    event = AuditEvent.objects.get(action=verbs.TERM_DATES_CHANGED)
    assert event.before == {**(event.after or {}), "first_day": "2026-09-02"}
    assert event.actor == network_admin


def test_saving_the_same_dates_records_nothing(network_admin):
    autumn = term()
    services.change_term(network_admin, autumn, *dates_of(autumn))
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("year", "season", "dates", "reason"),
    [
        (2026, "autumn", ("2026-09-02", "2026-09-01", "2026-10-26", "2026-10-30"),
         "The last day of the autumn term 2026/27 must be after its first day"),
        (2026, "autumn", ("2026-09-02", "2026-12-18", "2026-10-30", "2026-10-26"),
         "half term must be on or after its first day"),
        (2026, "autumn", ("2026-09-02", "2026-12-18", "2026-12-14", "2026-12-18"),
         "The half term must be inside the autumn term 2026/27"),
        (2026, "autumn", ("2026-09-02", "2027-01-08", "2026-10-26", "2026-10-30"),
         "must start and end between 1 August 2026 and 31 December 2026"),
        (2026, "spring", ("2026-12-17", "2027-03-25", "2027-02-15", "2027-02-19"),
         "must start and end between 1 January 2027 and 30 April 2027"),
        (2026, "summer", ("2027-03-22", "2027-07-22", "2027-05-31", "2027-06-04"),
         "must start and end between 1 April 2027"),
        (2026, "spring", ("2027-01-04", "2027-04-14", "2027-02-15", "2027-02-19"),
         "The summer term 2026/27 would start on or before the last day of the spring term "
         "2026/27 (14 April 2027): terms cannot overlap"),
    ],
)  # fmt: skip
def test_bad_dates_are_refused_with_the_reason(network_admin, year, season, dates, reason):
    found = term(year, season)
    kept = dates_of(found)
    with pytest.raises(ValidationError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        services.change_term(network_admin, found, *(date.fromisoformat(d) for d in dates))
    assert dates_of(found) == kept
    assert not AuditEvent.objects.exists()


def test_a_year_is_added_from_the_usual_pattern(network_admin):
    added = services.add_year(network_admin, 2028)
    assert [(t.season, t.first_day) for t in added] == [
        (u.season, u.first_day) for u in usual_terms(2028)
    ]
    assert SchoolTerm.objects.filter(academic_year=2028).count() == 3
    assert AuditEvent.objects.filter(action=verbs.TERM_DATES_ADDED).count() == 3


def test_a_year_with_dates_is_not_added_again(network_admin):
    with pytest.raises(ValidationError, match="2026/27 already has term dates"):
        services.add_year(network_admin, 2026)
    assert SchoolTerm.objects.count() == 6
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_the_window_is_refused(network_admin, year):
    with pytest.raises(ValidationError, match="Choose an academic year from 2000/01"):
        services.add_year(network_admin, year)
    assert SchoolTerm.objects.count() == 6


def test_a_term_cannot_overlap_the_year_before(network_admin):
    summer = term(2026, "summer")
    services.change_term(
        network_admin, summer, date(2027, 4, 12), date(2027, 8, 20), date(2027, 5, 31),
        date(2027, 6, 4),
    )  # fmt: skip
    autumn = term(2027, "autumn")
    kept = dates_of(autumn)
    with pytest.raises(ValidationError, match="the summer term 2026/27 \\(20 August 2027\\)"):
        services.change_term(
            network_admin, autumn, date(2027, 8, 16), date(2027, 12, 17), date(2027, 10, 25),
            date(2027, 10, 29),
        )  # fmt: skip
    assert dates_of(autumn) == kept
