"""The demo network is loaded once per test run and each test that asks for it gets its own
copy (tests/demo_copy.py): the rows the load left, and nothing a test before it changed."""

import pytest
from django.db import connection

from collegium.accounts.models import User
from collegium.demo.network import DOMAIN, PASSWORD
from collegium.reviews.models import Review
from tests import demo_copy

SPARE = "spare.person@example.org"
CHANGED = "Changed by an earlier test"


def same_rows(table: demo_copy.Table, kept: demo_copy.Table) -> bool:
    if connection.vendor == "postgresql":  # COPY's text: compare the lines in any order
        return sorted(table.rows.split(b"\n")) == sorted(kept.rows.split(b"\n"))
    return sorted(map(repr, table.rows)) == sorted(map(repr, kept.rows))


def test_the_copy_holds_exactly_the_rows_the_load_left(demo_network, demo_snapshot):
    for kept in demo_snapshot.tables:
        assert same_rows(demo_copy.read(kept.name), kept), kept.name
    assert any(table.name == "schools_school" and table.rows for table in demo_snapshot.tables)


def change_the_demo() -> None:
    """What a test might do to the demo: a new person, new names, a review gone."""
    User.objects.create_user(SPARE, PASSWORD, full_name="Spare")  # ids go on after the copy's
    User.objects.filter(email__endswith=DOMAIN).update(full_name=CHANGED)
    Review.objects.filter(status="planning", team__isnull=True)[:1].get().delete()


def rows_in(snapshot: demo_copy.Snapshot, model) -> int:
    (table,) = (t for t in snapshot.tables if t.name == model._meta.db_table)
    return len(table.rows) if connection.vendor != "postgresql" else table.rows.count(b"\n")


def unchanged(sign_ins, snapshot) -> bool:
    return (
        not User.objects.filter(email=SPARE).exists()
        and not User.objects.filter(full_name=CHANGED).exists()
        and Review.objects.count() == rows_in(snapshot, Review) > 0
        and {s.role for s in sign_ins} >= {"School leader", "Moderator", "Lead reviewer"}
    )


@pytest.mark.parametrize("turn", [1, 2])
def test_what_a_test_changes_is_gone_in_the_next(demo_network, demo_snapshot, turn):
    assert unchanged(demo_network, demo_snapshot)
    change_the_demo()
    assert not unchanged(demo_network, demo_snapshot)


@pytest.mark.parametrize("turn", [1, 2])
@pytest.mark.django_db(transaction=True)
def test_what_a_transactional_test_changes_is_gone_in_the_next(demo_network, demo_snapshot, turn):
    assert unchanged(demo_network, demo_snapshot)
    change_the_demo()
    assert not unchanged(demo_network, demo_snapshot)
