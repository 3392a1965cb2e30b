"""Which self-evaluation a review team reads, and the strand-by-strand views of one."""

from collegium.people.dates import current_academic_year, years_before
from collegium.people.models import Role
from collegium.reviews.selectors import self_evaluation_for_review
from collegium.selfevaluation import selectors, services
from collegium.selfevaluation.tests.conftest import complete, entry
from conftest import grant, make_user


def start(school, leader, version, year, submit):
    self_evaluation = services.start_self_evaluation(leader, school, year, version)
    if submit:
        complete(self_evaluation, leader)
        services.submit_self_evaluation(leader, self_evaluation)
    return self_evaluation


def test_the_review_reads_the_submitted_self_evaluation_of_its_year(
    review, school_a, school_leader, framework_version
):
    year = current_academic_year(review.start_date)
    start(school_a, school_leader, framework_version, year - 1, submit=True)
    this_year = start(school_a, school_leader, framework_version, year, submit=True)
    assert self_evaluation_for_review(review) == this_year


def test_a_draft_is_passed_over_for_the_latest_submitted_before_it(
    review, school_a, school_leader, framework_version
):
    year = current_academic_year(review.start_date)
    start(school_a, school_leader, framework_version, year - 2, submit=True)
    last_year = start(school_a, school_leader, framework_version, year - 1, submit=True)
    start(school_a, school_leader, framework_version, year, submit=False)
    assert self_evaluation_for_review(review) == last_year


def test_no_submitted_self_evaluation_means_none(
    review, school_a, school_b, school_leader, framework_version
):
    year = current_academic_year(review.start_date)
    assert self_evaluation_for_review(review) is None
    start(school_a, school_leader, framework_version, year, submit=False)
    head_b = grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    start(school_b, head_b, framework_version, year, submit=True)  # another school's
    assert self_evaluation_for_review(review) is None


def test_a_later_years_self_evaluation_is_not_read_for_an_earlier_review(
    review, school_a, school_leader, framework_version
):
    year = current_academic_year(review.start_date)
    start(school_a, school_leader, framework_version, year, submit=True)
    review.start_date = years_before(review.start_date, 1)
    review.save()
    assert self_evaluation_for_review(review) is None


def test_entries_by_strand_are_keyed_by_strand_id(submitted):
    entries = selectors.entries_by_strand(submitted)
    first = entry(submitted, "A1S1")
    assert entries[first.strand_id] == first
    assert {e.strand.code for e in entries.values()} == {"A1S1", "A1S2", "A2S1", "A2S2"}


def test_the_overview_shows_ratings_by_label_and_what_is_missing(draft, school_leader):
    services.save_strand(school_leader, entry(draft, "A1S1"), 1, "Strong", "", 1)
    services.save_strand(school_leader, entry(draft, "A2S2"), 2, "", "", 1)
    overview = selectors.overview(draft)
    assert [a.area.code for a in overview.areas] == ["A1", "A2"]
    rows = {row.entry.strand.code: row for row in overview.rows}
    assert rows["A1S1"].rating == "Leading" and rows["A1S1"].complete
    assert rows["A2S2"].rating == "Not met" and rows["A2S2"].missing == ("a narrative",)
    assert rows["A1S2"].missing == ("a rating", "a narrative") and not rows["A1S2"].started
    assert [row.entry.strand.code for row in overview.incomplete] == ["A1S2", "A2S1", "A2S2"]


def test_schools_listed_for_each_reader(
    draft, school_a, school_leader, governor, moderator, outsider, school_b
):
    assert selectors.schools_for(school_leader) == [school_a]
    assert selectors.schools_for(governor) == [school_a]
    assert selectors.schools_for(moderator) == [school_a]  # B has no self-evaluation
    assert selectors.schools_for(outsider) == []
