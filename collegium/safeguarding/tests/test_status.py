"""G1 external oversight: each school's status (counts, dates, overdue actions, never the school's
words), the flag for no audit reviewed by the board in 12 months, and the home page's steps."""

from datetime import date

from collegium.safeguarding import selectors
from collegium.safeguarding.models import SafeguardingAudit
from collegium.safeguarding.services import audits, sharing
from collegium.safeguarding.tests.conftest import rate_all
from collegium.todo import to_dos_for


def test_a_school_is_flagged_until_its_board_reviews_an_audit_and_a_year_after(
    reviewed, school_a, school_b, school_leader, la
):
    from collegium.people.models import Role
    from conftest import grant, make_user

    grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    on = date(2027, 6, 1)
    statuses = {s.school.name: s for s in selectors.statuses_of([school_a, school_b], on)}
    assert not statuses["Ash Primary School"].flagged and statuses["Beech Primary School"].flagged
    assert [s.name for s in selectors.network_schools(on, flagged_only=True)] == [
        "Beech Primary School"
    ]
    # The board reviewed Ash's audit on 20 January 2027: flagged from that day a year on.
    assert not selectors.status_of(school_a, date(2028, 1, 19)).flagged
    assert selectors.status_of(school_a, date(2028, 1, 20)).flagged


def test_status_counts_and_overdue_actions_without_the_schools_words(reviewed, school_a):
    status = selectors.status_of(school_a, date(2027, 3, 1))
    assert (status.red, status.amber) == (0, 1)
    (overdue,) = status.overdue
    assert overdue.item == "SR1 The single central record is complete"
    assert overdue.owner == "Sam Leader" and overdue.due_on == date(2027, 2, 1)
    assert "Put SR1 right" not in repr(
        status.overdue
    )  # the action's own words stay with the school


def test_a_draft_is_not_counted_until_it_is_submitted(audit, school_leader, school_a):
    rate_all(audit, school_leader, amber=("SR1", "LD1"))
    status = selectors.status_of(school_a, date(2027, 1, 12))
    assert (status.latest, status.red, status.amber) == (audit, 0, 0)


def test_the_home_page_to_dos_of_each_person(
    audit, school_leader, safeguarding_lead, governor, moderator, reviewer, review
):
    today = date(2027, 1, 12)

    def texts(person, on=today) -> list[str]:
        return [item.text for item in to_dos_for(person, on) if "safeguarding" in item.text]

    assert texts(school_leader) == [
        "Complete Ash Primary School's safeguarding audit and submit it to the board"
    ]
    rate_all(audit, safeguarding_lead)
    audits.submit_audit(school_leader, audit, today=today)
    board = "Record the governing board's review of Ash Primary School's safeguarding audit"
    assert texts(governor) == [board]
    assert board not in texts(school_leader)  # only a governor records it
    (action,) = [i for i in to_dos_for(safeguarding_lead, date(2027, 1, 25)) if "(SR1)" in i.text]
    assert (action.text, action.due) == (
        "Your safeguarding action for Ash Primary School (SR1)",
        date(2027, 2, 1),
    )
    assert texts(reviewer) == []
    sharing.share_for_review(school_leader, audit, review)
    (shared,) = [i for i in to_dos_for(reviewer, today) if "safeguarding" in i.text]
    assert shared.href == f"/safeguarding/audits/{audit.pk}/"
    assert texts(moderator) == [
        "1 school has no safeguarding audit reviewed by the board in 12 months"
    ]


def test_an_audit_reads_its_previous_ratings(reviewed, school_leader, school_a, version):
    again = audits.start_audit(school_leader, school_a, version, today=date(2027, 3, 1))
    page = selectors.audit_page(again, date(2027, 3, 1))
    rows = {row.item.code: row for section in page.sections for row in section.rows}
    assert (rows["SR1"].previous, rows["LD1"].previous) == ("Amber", "Green")
    assert [a.item and a.item.code for a in rows["SR1"].actions] == ["SR1"]  # carried into it
    assert [a.item and a.item.code for a in page.overdue] == ["SR1"]  # due 1 February 2027
    assert SafeguardingAudit.objects.filter(school=school_a).count() == 2
