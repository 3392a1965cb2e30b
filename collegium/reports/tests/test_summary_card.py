"""The public summary's card: the school's phase, size and intake from the register (each with its
academic year), the agreed findings, whether the review was moderated, any correction since, and a
link to the framework's levels. A summary not yet published is not found, card and all."""

import io
import re
import zlib
from datetime import date

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone

from collegium.frameworks.models import Strand
from collegium.links import site_link
from collegium.people.dates import current_academic_year
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_sample
from collegium.quality.terms import term_of
from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reports.selectors import summary_card
from collegium.reports.services import check, cycle
from collegium.reviews.models import Findings, Judgement, JudgementRevision
from collegium.reviews.services.revisions import revise_judgement
from collegium.schools.models import Census, Phase

from .test_judgement_changes import moderate


@pytest.fixture
def final(sent, lead_reviewer, school_leader) -> Report:
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    return cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))


@pytest.fixture
def census_year(final) -> int:
    """The census year (the year the academic year ends in) of the review."""
    return current_academic_year(final.review.start_date) + 1


def year_label(year: int) -> str:
    return f"{year - 1}/{year % 100:02d}"


def like_the_demo(report: Report, census_year: int) -> None:
    """A primary school with a census for the review's year, an older and a later one, and
    findings with an area of excellence, as the demo's reviews have."""
    school = report.review.school
    school.phase, school.age_low, school.age_high = Phase.PRIMARY, 4, 11
    school.save()
    Census.objects.create(school=school, year=census_year - 1, pupils=390, pct_eal=30.0)
    Census.objects.create(
        school=school,
        year=census_year,
        pupils=1418,
        pct_fsm_ever=24.1,
        pct_eal=12.0,
        pct_sen_support=10.0,
        pct_ehc_plan=2.5,
    )
    Census.objects.create(school=school, year=census_year + 1, pupils=987654)  # after the review
    excellence = Strand.objects.get(area__version=report.review.framework_version, code="A1S1")
    Findings.objects.filter(review=report.review).update(
        excellence_strand=excellence, area_of_excellence="Phonics is taught with great care."
    )


def unpacked(pdf: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, so its link addresses can be read."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    return pdf + b"".join(zlib.decompressobj().decompress(s) for s in streams if s[:1] == b"x")


def public_page(client_for, report: Report) -> str:
    response = client_for(None).get(reverse("reports:summary", args=[report.pk]))
    assert response.status_code == 200
    return response.text


def test_the_card_shows_the_schools_context_and_the_findings(
    final, census_year, lead_reviewer, client_for
):
    like_the_demo(final, census_year)
    publish_summary(lead_reviewer, final)
    page = public_page(client_for, final)
    year = year_label(census_year)
    assert "At a glance" in page and "Primary, ages 4 to 11" in page
    assert f"1,418 ({year})" in page  # the census of the review's year, not a later one
    assert f"24.1% eligible in the last 6 years ({year})" in page
    assert "English as an additional language (EAL)" in page and f"12.0% of pupils ({year})" in page
    assert f"12.5% of pupils ({year})" in page  # SEN support and EHC plans together
    assert "987,654" not in page and "30.0%" not in page
    assert "Early reading is taught consistently." in page
    assert "Strand 1.1" in page and "Phonics is taught with great care." in page
    assert "Strand 2.1" in page and "Make sure pupils who fall behind in reading catch up" in page
    assert "Catch-up for pupils who fall behind." not in page  # the areas to develop stay private
    assert "Corrections" in page and "None" in page


def test_the_card_links_to_the_page_that_explains_the_levels(final, lead_reviewer, client_for):
    publish_summary(lead_reviewer, final)
    version = final.review.framework_version
    levels = reverse("frameworks:version", args=[version.framework.slug, version.number])
    assert f'href="{levels}"' in public_page(client_for, final)
    assert client_for(None).get(levels).status_code == 200  # the public may read it


def test_the_summary_pdf_has_the_same_card_with_a_full_link(
    final, census_year, lead_reviewer, client_for
):
    like_the_demo(final, census_year)
    publish_summary(lead_reviewer, final)
    response = client_for(None).get(reverse("reports:summary-pdf", args=[final.pk]))
    assert response.status_code == 200
    document = pypdfium2.PdfDocument(io.BytesIO(response.content))
    pages = (document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = " ".join(" ".join(pages).split())
    assert "At a glance" in text and "Primary, ages 4 to 11" in text
    assert "Phonics is taught with great care." in text and "Not sampled for moderation" in text
    version = final.review.framework_version
    levels = site_link("frameworks:version", version.framework.slug, version.number)
    assert levels.startswith("http") and levels.encode() in unpacked(response.content)


def test_figures_the_register_does_not_hold_are_left_out(
    final, census_year, lead_reviewer, client_for
):
    Census.objects.create(school=final.review.school, year=census_year, pupils=200)
    publish_summary(lead_reviewer, final)
    page = public_page(client_for, final)
    assert f"200 ({year_label(census_year)})" in page
    assert "(FSM)" not in page and "(EAL)" not in page and "(SEN)" not in page


def test_a_census_more_than_two_years_before_the_review_is_called_out_of_date(
    final, census_year, lead_reviewer, client_for
):
    Census.objects.create(school=final.review.school, year=census_year - 3, pupils=321)
    publish_summary(lead_reviewer, final)
    page = public_page(client_for, final)
    old = year_label(census_year - 3)
    assert f"321 ({old})" in page
    assert f"These census figures are from {old}, more than two years before the review" in page


def test_a_census_of_the_year_before_the_review_is_not_called_out_of_date(
    final, census_year, lead_reviewer, client_for
):
    Census.objects.create(school=final.review.school, year=census_year - 1, pupils=321)
    publish_summary(lead_reviewer, final)
    assert "more than two years before the review" not in public_page(client_for, final)


def test_a_school_with_no_census_shows_no_figures(final, lead_reviewer, client_for):
    publish_summary(lead_reviewer, final)
    page = public_page(client_for, final)
    assert "Pupils on roll" not in page and "school census" not in page
    assert "Not sampled for moderation" in page


def test_a_moderated_review_says_when(final, moderator, lead_reviewer, client_for):
    NetworkModerationSettings.objects.filter(pk=1).update(requires_moderation=True)
    draw_sample(moderator, term_of(final.review.start_date), seed=1)  # picked: a new lead
    moderate(final.review, moderator)
    publish_summary(lead_reviewer, final)
    page = public_page(client_for, final)
    assert f"Moderated on {timezone.localdate():%-d %B %Y}" in page
    assert "Not sampled for moderation" not in page
    assert "1 judgement changed since the review team agreed it (by moderation)" in page


def test_a_review_sampled_but_not_moderated_says_so(final, moderator, lead_reviewer):
    draw_sample(moderator, term_of(final.review.start_date), seed=1)  # moderation not required
    publish_summary(lead_reviewer, final)
    assert summary_card(final).moderation == "Sampled for moderation: not moderated yet"


def test_a_correction_after_a_complaint_is_shown(final, lead_reviewer, adjudicator, client_for):
    publish_summary(lead_reviewer, final)
    for code in ("A2S1", "A1S2"):
        judgement = Judgement.objects.get(review=final.review, strand__code=code)
        revise_judgement(adjudicator, judgement, 1, "Upheld.", JudgementRevision.Source.COMPLAINT)
    page = public_page(client_for, final)
    assert (
        '<a class="govuk-link" href="#changes">2 judgements changed since the review team '
        "agreed them (after a complaint)</a>" in page
    )
    assert 'id="changes"' in page and "Upheld." not in page


def test_an_unpublished_summary_is_not_found_card_and_all(
    final, census_year, lead_reviewer, client_for
):
    like_the_demo(final, census_year)
    url = reverse("reports:summary", args=[final.pk])
    for person in (None, lead_reviewer):
        response = client_for(person).get(url)
        assert response.status_code == 404
        assert "Phonics is taught with great care." not in response.text
