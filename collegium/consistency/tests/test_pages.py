"""Reliability, severity and bias pages: figures, CSV files, caching, too little data, access."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from collegium.consistency import charts, figures, statistics
from collegium.consistency.adjusted import _nearest, adjusted_judgements
from collegium.consistency.readings import coefficient_reading
from collegium.consistency.tests.network import build_network
from collegium.reliability import reliability_table
from collegium.reviews.models import Judgement, JudgementProposal, Review

RELIABILITY = reverse("consistency:reliability")
SEVERITY = reverse("consistency:severity")
BIAS = reverse("consistency:bias")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def network(framework_version, cluster, la) -> list[Review]:
    reviews = build_network(framework_version, cluster, la)
    figures.refresh()  # what the task worker does after the data change
    return reviews


def rows_of(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_moderator_reads_reliability_by_area_cluster_and_term(network, client_for, moderator):
    page = client_for(moderator).get(RELIABILITY).content.decode()
    for heading in ("By framework area", "By cluster", "By term"):
        assert heading in page
    assert "Krippendorff&#39;s alpha (ordinal)" in page
    assert "Intraclass correlation ICC(A,1)" in page
    assert "from 72 strands rated by two or more reviewers" in page  # area 1: 36 reviews × 2
    assert "2025/26 autumn" in page and "2025/26 spring" in page
    assert page.count("<svg") == 3
    assert "<text" in page  # the chart's text stays text


def test_reliability_csv_has_one_row_per_group_and_statistic(network, client_for, moderator):
    client = client_for(moderator)
    rows = rows_of(client.get(reverse("consistency:reliability-csv", args=["area"])))
    assert len(rows) == 2 * len(statistics.STATISTIC_NAMES)
    first = rows[0]
    assert first["area"] == "Test framework: A1 Area 1"
    assert first["statistic"] == "alpha_ordinal"
    assert first["units"] == "72" and first["raters"] == "8"
    assert float(first["low"]) <= float(first["estimate"]) <= float(first["high"])
    terms = rows_of(client.get(reverse("consistency:reliability-csv", args=["term"])))
    assert {row["term"] for row in terms} == {"2025/26 autumn", "2025/26 spring"}
    missing = client.get(reverse("consistency:reliability-csv", args=["school"]))
    assert missing.status_code == 404


def test_moderator_sees_the_harsh_reviewer_flagged_with_evidence(network, client_for, moderator):
    page = client_for(moderator).get(SEVERITY).content.decode()
    flagged = page.split("Harsher or more lenient than most</h2>")[1].split("<figure")[0]
    # Reviewer 0 sits on every other review (18 of 36), proposing 3 graded strands on each.
    assert "Generated Reviewer 0</strong>: harsher than most reviewers" in flagged
    assert "from 54 proposals in 18 schools" in flagged
    assert "Generated Reviewer 1<" not in flagged
    assert (
        "are clearly harsher or more lenient than most; for the others we cannot tell yet" in page
    )
    assert "How this is worked out" in page and "Within the usual range" not in page
    assert "Cannot tell yet (" in page
    assert page.count("<svg") == 2  # severity and drift over the two terms


def test_severity_csv(network, client_for, moderator):
    client = client_for(moderator)
    rows = rows_of(client.get(reverse("consistency:severity-csv", args=["reviewers"])))
    assert len(rows) == 8
    assert rows[0]["reviewer"] == "Generated Reviewer 0"
    assert rows[0]["flagged"] == "Yes"  # collegium/exports.py writes yes or no in words
    assert [row["flagged"] for row in rows[1:]] == ["No"] * 7
    assert all(float(r["low"]) <= float(r["severity"]) <= float(r["high"]) for r in rows)
    terms = rows_of(client.get(reverse("consistency:severity-csv", args=["terms"])))
    assert len(terms) == 15  # reviewer 0 sat only on spring reviews
    assert [r["term"] for r in terms if r["reviewer"] == "Generated Reviewer 0"] == [
        "2025/26 spring"
    ]
    assert client.get(reverse("consistency:severity-csv", args=["x"])).status_code == 404


def test_the_public_reads_the_bias_audit(framework_version, cluster, la, client_for):
    build_network(framework_version, cluster, la, n_schools=statistics.MIN_BIAS_SCHOOLS + 6)
    figures.refresh()
    page = client_for(None).get(BIAS).content.decode()
    answer = page.index('id="fairness-answer"')
    assert answer < page.index("How this is worked out") < page.index("Test framework: A1 Area 1")
    assert "We found no sign that judgements follow schools&#39; intake" in page
    assert "Test framework: A1 Area 1" in page and "Test framework: A2 Area 2" in page
    assert "Schools in higher FSM quintiles: no difference beyond value added was found." in page
    assert "could have been missed" in page
    assert "Per standard deviation of value added" in page
    assert "Predicted from value added alone" in page
    assert page.count("<svg") == 2
    rows = rows_of(client_for(None).get(reverse("consistency:bias-csv", args=["distribution"])))
    assert {row["fsm_quintile"] for row in rows} == {"1.0", "2.0", "3.0", "4.0", "5.0"}
    coefficients = client_for(None).get(reverse("consistency:bias-csv", args=["coefficients"]))
    assert {row["predictor"] for row in rows_of(coefficients)} >= {"value_added", "fsm_quintile"}


def test_a_network_too_small_for_the_audit_is_told_so_first(network, client_for):
    page = client_for(None).get(BIAS).content.decode()
    assert (
        f"We cannot tell yet: the audit needs agreed judgements from at least"
        f" {statistics.MIN_BIAS_SCHOOLS} schools in a framework area, and there are 36 schools."
    ) in page


def test_a_weaker_judgement_for_high_fsm_schools_is_reported():
    record = {"predictor": "fsm_quintile", "coefficient": -0.8, "finding": True}
    assert coefficient_reading(record) == (
        "Schools in higher FSM quintiles received weaker judgements than their value added"
        " predicts."
    )


def test_charts_and_figures_are_not_recomputed_for_unchanged_data(
    framework_version, cluster, la, client_for, moderator, monkeypatch
):
    build_network(framework_version, cluster, la)
    calls = {"draw": 0, "fit": 0}
    draw, fit = charts.DRAWERS["intervals"], reliability_table

    def counting_draw(*args, **kwargs):
        calls["draw"] += 1
        return draw(*args, **kwargs)

    def counting_fit(*args, **kwargs):
        calls["fit"] += 1
        return fit(*args, **kwargs)

    monkeypatch.setitem(charts.DRAWERS, "intervals", counting_draw)
    monkeypatch.setattr(statistics, "reliability_table", counting_fit)
    client = client_for(moderator)
    figures.refresh()
    client.get(RELIABILITY)
    assert calls == {"draw": 3, "fit": 3}
    figures.refresh()
    client.get(RELIABILITY)
    assert calls == {"draw": 3, "fit": 3}
    proposal = JudgementProposal.objects.filter(level=2, strand__met_or_not_met=False)[0]
    JudgementProposal.objects.filter(pk=proposal.pk).update(level=1)
    client.get(RELIABILITY)
    assert calls == {"draw": 3, "fit": 3}  # the page shows the stored figures
    figures.refresh()
    client.get(RELIABILITY)
    assert calls["fit"] == 6 and calls["draw"] > 3


def test_too_little_data_is_explained(client_for, moderator):
    figures.refresh()
    client = client_for(moderator)
    reliability = client.get(RELIABILITY)
    assert reliability.status_code == 200
    assert (
        "Reliability needs at least 3 reviews with two or more reviewers' proposals: there are 0."
    ) in reliability.content.decode()
    severity = client.get(SEVERITY).content.decode()
    assert "Reviewer severity needs proposals from at least 2 reviewers" in severity
    bias = client_for(None).get(BIAS).content.decode()
    assert f"needs agreed judgements from at least {statistics.MIN_BIAS_SCHOOLS} schools" in bias
    assert "there are 0 schools" in bias
    assert rows_of(client.get(reverse("consistency:severity-csv", args=["reviewers"]))) == []


def test_one_agreed_review_is_not_enough(review, client_for, moderator):
    review.status = Review.Status.AGREED
    review.save()
    lead, peer = review.team.get(role="lead"), review.team.get(role="peer")
    strand = review.framework_version.areas.first().strands.first()
    for member, level in ((lead, 1), (peer, 2)):
        JudgementProposal.objects.create(
            review=review, strand=strand, proposed_by=member, level=level, rationale="Seen"
        )
    Judgement.objects.create(review=review, strand=strand, level=1, rationale="Agreed")
    figures.refresh()
    client = client_for(moderator)
    assert "there is 1." in client.get(RELIABILITY).content.decode()
    assert client.get(SEVERITY).status_code == 200
    assert "there is 1 school with agreed judgements" in client_for(None).get(BIAS).content.decode()


def test_a_model_that_cannot_be_fitted_is_explained(review, school_b, client_for, moderator):
    """Every proposal at one level leaves the severity model nothing to fit: say so, no error."""
    second = Review.objects.create(
        school=school_b,
        kind=review.kind,
        framework_version=review.framework_version,
        start_date=review.start_date,
        days=2,
        status=Review.Status.CLOSED,
    )
    for place in review.team.all():
        place.pk = None
        place.review = second
        place.save()
    review.status = Review.Status.AGREED
    review.save()
    strand = review.framework_version.areas.first().strands.first()
    for each in (review, second):
        for member in each.team.all():
            JudgementProposal.objects.create(
                review=each, strand=strand, proposed_by=member, level=2, rationale="Seen"
            )
    figures.refresh()
    page = client_for(moderator).get(SEVERITY)
    assert page.status_code == 200
    assert "The severity model could not be fitted" in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        RELIABILITY,
        SEVERITY,
        reverse("consistency:severity-csv", args=["reviewers"]),
        reverse("consistency:reliability-csv", args=["area"]),
    ],
)
def test_only_moderators_read_reliability_and_severity(
    url, client_for, outsider, school_leader, reviewer, lead_reviewer
):
    for person in (outsider, school_leader, reviewer, lead_reviewer):
        assert client_for(person).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_pages_take_no_posts_and_change_nothing(network, client_for, moderator, outsider):
    before = list(JudgementProposal.objects.values_list("pk", "level"))
    for url in (RELIABILITY, SEVERITY, BIAS):
        assert client_for(moderator).post(url).status_code == 405
        assert client_for(outsider).post(url).status_code == 405
    assert list(JudgementProposal.objects.values_list("pk", "level")) == before
    assert Judgement.objects.count() == 36 * 4


def test_severity_adjusted_judgements_beside_the_agreed_ones(network, client_for, moderator):
    client = client_for(moderator)
    severity_page = client.get(SEVERITY).content.decode()
    harsh_review = network[-1]  # reviewer 0 sits on the odd-numbered reviews; latest listed
    url = reverse("consistency:review-adjusted", args=[harsh_review.pk])
    assert f'href="{url}"' in severity_page
    found = figures.latest("severity")
    assert found is not None
    severity = found[0]
    rows = adjusted_judgements(harsh_review, severity)
    assert len(rows) == 3  # graded strands only
    assert all(row.adjusted > row.value for row in rows)  # a harsh team's judgements move up
    page = client.get(url).content.decode()
    assert "The agreed judgement stays the official one" in page
    harshest = severity.table.iloc[0]
    assert harshest["name"] == "Generated Reviewer 0"
    assert f"Generated Reviewer 0 {harshest['severity']:.2f}" in page
    assert f"{rows[0].adjusted:.2f}, nearest {rows[0].nearest}" in page
    assert Judgement.objects.get(review=harsh_review, strand__code="A1S1").level == (
        5 - rows[0].value
    )  # unchanged


def test_the_nearest_level_of_an_adjusted_value():
    scale = {1: "Leading", 2: "Effective", 3: "Working towards", 4: "Ineffective"}
    values = (0.2, 1.4, 2.5, 3.4, 3.5, 4.9)  # 4 is Leading, 1 is Ineffective
    assert [_nearest(v, scale) for v in values] == [
        "Ineffective", "Ineffective", "Effective", "Effective", "Leading", "Leading",
    ]  # fmt: skip


def test_adjusted_judgements_are_for_moderators(
    review, client_for, outsider, school_leader, moderator
):
    figures.refresh()
    url = reverse("consistency:review-adjusted", args=[review.pk])
    for person in (outsider, school_leader):
        assert client_for(person).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
    page = client_for(moderator).get(url)
    assert "There is no severity model yet" in page.content.decode()
    missing = reverse("consistency:review-adjusted", args=[review.pk + 1000])
    assert client_for(moderator).get(missing).status_code == 404


def test_too_few_reviews_show_no_number(framework_version, cluster, la, client_for, moderator):
    """Six reviews give alpha a value, but far too few to trust: the page says so instead."""
    build_network(framework_version, cluster, la, n_schools=6)
    figures.refresh()
    page = client_for(moderator).get(RELIABILITY).content.decode()
    assert "Too few reviews to judge" in page
    figure_beside_refusal = r'numeric">-?\d+\.\d+</td>\s*<td[^>]*>Too few reviews to judge'
    assert re.search(figure_beside_refusal, page) is None
