"""The school picker's autocomplete in real Chromium (issue 15): a coordinator types part of a
school's name, chooses it with the keyboard from the list and invites it; a network admin adds
founding schools to a new cluster the same way. axe-core on each page, with the list open."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.clusters.models import Cluster, Membership
from conftest import PASSWORD, make_school
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_problems(page: Any) -> None:
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_a_coordinator_invites_a_school_chosen_from_the_list(page, coordinator, cluster, la):
    make_school(la, 900070, "Brooke Hill School", town="Brookton")
    make_school(la, 900071, "Brookside Primary School", town="Brookton")
    sign_in(page, coordinator.email, PASSWORD)
    page.goto(f"/clusters/{cluster.pk}/invite/")
    box = page.get_by_role("combobox", name="School to invite")
    box.fill("Brook")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".app-school-picker [role=status]")).to_have_text(
        "2 schools found. Use the up and down arrows to choose."
    )
    no_problems(page)
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "school-picker-list-1-1")
    box.press("Enter")
    expect(box).to_have_value("Brookside Primary School, Brookton (URN 900071)")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Send the invitation").click()
    # Nobody at Brookside is on Collegium: a network admin invites its head.
    expect(
        page.get_by_text("Brookside Primary School – a network admin invites its head")
    ).to_be_visible()
    assert Membership.objects.get(school_id=900071).cluster == cluster


def test_founding_schools_are_added_from_the_list(page, network_admin, coordinator, la):
    for urn, name in ((900080, "Elm Primary School"), (900081, "Fir Primary School")):
        make_school(la, urn, name, town="Brookfield")
    make_school(la, 900082, "Gorse Academy", town="Gorseby")
    sign_in(page, network_admin.email, PASSWORD)
    page.goto("/clusters/new/")
    page.get_by_label("Cluster name").fill("Brookfield Cluster")
    finder = page.get_by_role("combobox", name="Find a school to add")
    for name in ("Elm Primary", "Fir Primary", "Gorse"):
        finder.fill(name)
        expect(page.get_by_role("option")).to_have_count(1)
        page.get_by_role("option").click()
    no_problems(page)
    expect(page.get_by_label("Founding schools")).to_have_value(
        "Elm Primary School, Brookfield (URN 900080)\n"
        "Fir Primary School, Brookfield (URN 900081)\n"
        "Gorse Academy, Gorseby (URN 900082)"
    )
    page.get_by_label("Coordinator's email address").fill(coordinator.email)
    page.get_by_role("button", name="Create the cluster").click()
    expect(page.get_by_text("Brookfield Cluster has been created")).to_be_visible()
    created = Cluster.objects.get(name="Brookfield Cluster")
    assert set(created.memberships.values_list("school_id", flat=True)) == {
        900080,
        900081,
        900082,
    }
