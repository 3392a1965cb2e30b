"""The public summary, the list of published summaries and the school page's section."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reports.selectors import published_summaries_of
from collegium.reports.services import check, cycle


@pytest.fixture
def final(sent, lead_reviewer, school_leader) -> Report:
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    return cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))


def test_the_summary_is_not_found_until_published(final, lead_reviewer, client_for):
    summary = reverse("reports:summary", args=[final.pk])
    pdf = reverse("reports:summary-pdf", args=[final.pk])
    for client in (client_for(None), client_for(lead_reviewer)):
        assert client.get(summary).status_code == 404
        assert client.get(pdf).status_code == 404
    assert (
        "Pupils read well."
        not in client_for(None).get(reverse("reports:published")).content.decode()
    )
    publish_summary(lead_reviewer, final)
    page = client_for(None).get(summary).content.decode()
    assert "Pupils read well." in page and "Ash Primary School" in page
    assert "The school knows itself well." not in page  # the confidential text stays private


def test_published_summaries_are_listed_by_school_and_paginated(final, lead_reviewer, client_for):
    publish_summary(lead_reviewer, final)
    page = client_for(None).get(reverse("reports:published")).content.decode()
    assert "Ash Primary School" in page
    assert reverse("reports:summary", args=[final.pk]) in page
    assert client_for(None).get(reverse("reports:published") + "?page=9").status_code == 200


def test_the_list_says_when_nothing_is_published(client_for, db):
    page = client_for(None).get(reverse("reports:published")).content.decode()
    assert "No review summaries have been published yet." in page


def test_the_school_page_section_lists_its_published_summaries(final, lead_reviewer, school_a):
    empty = render_to_string(
        "reports/_school_summaries.html",
        {"published_summaries": published_summaries_of(school_a)},
    )
    assert "No peer review summaries have been published" in empty
    publish_summary(lead_reviewer, final)
    listed = render_to_string(
        "reports/_school_summaries.html",
        {"published_summaries": published_summaries_of(school_a)},
    )
    assert "Quality assurance review from" in listed
    assert reverse("reports:summary", args=[final.pk]) in listed
