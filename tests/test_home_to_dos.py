"""The home page's to-dos (collegium/todo.py): for each role a test builds the state, then checks
the item and its link on the home page, and that someone else is not shown it."""

import html
import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from collegium import access
from collegium.calibration.models import CalibrationPack, Invitation
from collegium.clusters.models import Cluster, Membership, MemorandumOfUnderstanding
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import Role
from collegium.quality.models import ModerationSample, SampledReview
from collegium.reports.models import AccuracyComment, Report
from collegium.reviews.models import Concern, Review
from collegium.reviews.services.planning_types import review_dates
from collegium.selfevaluation.models import SelfEvaluation
from collegium.todo import ToDo, to_dos_for, when
from conftest import grant, make_school, make_user

TODAY = timezone.localdate()


def home(client_for, user) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.text


def listed(page: str) -> list[tuple[str, str]]:
    """The to-dos on the home page: (link, text)."""
    if 'id="to-dos"' not in page or "<ul" not in page.split('id="to-dos"')[0][-60:]:
        return []
    block = page.split('id="to-dos"')[1].split("</ul>")[0]
    found = re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)</a>', block)
    return [(href, html.unescape(text)) for href, text in found]


def texts(page: str) -> list[str]:
    return [text for _, text in listed(page)]


def when_shown(page: str, text: str) -> str:
    """What the home page says under the to-do about when it is due ("" if nothing)."""
    for item in page.split('id="to-dos"')[1].split("</ul>")[0].split("<li>")[1:]:
        link, _, rest = item.partition("</a>")
        if html.unescape(link).endswith(">" + text):
            return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rest)).split())
    raise AssertionError(f"not listed: {text}")


def opens(client_for, user, href: str) -> None:
    """The to-do's link opens for the person it is listed for."""
    assert client_for(user).get(href).status_code == 200, href


# School leader


def test_head_is_asked_for_the_focus_and_nominee_with_the_days_left(
    client_for, review, school_leader, governor, outsider
):
    page = home(client_for, school_leader)
    item = (
        f"/reviews/{review.pk}/focus/",
        "Set the focus and the nominee for Ash Primary School"
        f"'s review, starting {review.start_date:%-d %B %Y}",
    )
    assert item in listed(page)
    assert "school days left)" in page
    opens(client_for, school_leader, item[0])
    # The governor may not set the focus; an outsider has nothing to do.
    assert not any("Set the focus" in text for text in texts(home(client_for, governor)))
    assert texts(home(client_for, outsider)) == []

    Review.objects.filter(pk=review.pk).update(nominee_name="Pat Nominee", nominee_role="Deputy")
    assert not any("Set the focus" in text for text in texts(home(client_for, school_leader)))


def test_head_is_asked_for_the_self_evaluation_before_the_review(
    client_for, review, school_leader, governor, framework_version, school_b
):
    year = current_academic_year(review.start_date)
    item = (
        f"/self-evaluation/{review.school_id}/",
        f"Submit Ash Primary School's self-evaluation for {academic_year_label(year)} "
        f"before its review on {review.start_date:%-d %B %Y}",
    )
    page = home(client_for, school_leader)
    assert item in listed(page)
    assert when_shown(page, item[1]).startswith(f"Due {review.start_date:%-d %B %Y} (")
    opens(client_for, school_leader, item[0])
    assert item not in listed(home(client_for, governor))
    other_head = grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    assert item not in listed(home(client_for, other_head))

    SelfEvaluation.objects.create(
        school_id=review.school_id,
        framework_version=framework_version,
        academic_year=year,
        status=SelfEvaluation.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    assert item not in listed(home(client_for, school_leader))


def test_head_sees_the_next_step_change_after_the_accuracy_check(
    client_for, review, school_leader, lead_reviewer, reviewer, governor
):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.AGREED)
    report = Report.objects.create(
        review=review,
        status=Report.Status.ACCURACY_CHECK,
        sent_for_check_at=timezone.now(),
        accuracy_check_due=TODAY + timedelta(days=7),
    )
    check = f"/reports/{report.pk}/accuracy-check/"
    text = "Check the report on Ash Primary School's review for factual accuracy"
    page = home(client_for, school_leader)
    assert (check, text) in listed(page)
    assert "school days left)" in when_shown(page, text)
    opens(client_for, school_leader, check)
    assert check not in [href for href, _ in listed(home(client_for, governor))]
    # The lead waits for the school: nothing to do on the report yet.
    assert not any("report" in text for text in texts(home(client_for, lead_reviewer)))

    Report.objects.filter(pk=report.pk).update(accuracy_checked_at=timezone.now())
    AccuracyComment.objects.create(
        report=report, text="The date is wrong", raised_at=timezone.now()
    )
    head_items = listed(home(client_for, school_leader))
    assert check not in [href for href, _ in head_items]
    summary = (f"/reports/{report.pk}/", "Agree the public summary of Ash Primary School's review")
    assert summary in head_items
    opens(client_for, school_leader, summary[0])
    assert summary not in listed(home(client_for, governor))
    comments = (
        f"/reports/{report.pk}/accuracy-comments/",
        "Answer Ash Primary School's factual accuracy comments",
    )
    assert comments in listed(home(client_for, lead_reviewer))
    opens(client_for, lead_reviewer, comments[0])
    assert comments not in listed(home(client_for, reviewer))  # only the lead answers


def test_head_answers_an_invitation_and_signs_the_mou(
    client_for, cluster, school_leader, coordinator, la, school_d, governor
):
    MemorandumOfUnderstanding.objects.create(
        cluster=cluster, version=1, review_protocols="R", data_sharing="D", follow_up_support="F"
    )
    sign = (
        f"/clusters/{cluster.pk}/mou/sign/",
        "Sign Testtown Cluster's memorandum of understanding for Ash Primary School",
    )
    assert sign in listed(home(client_for, school_leader))
    opens(client_for, school_leader, sign[0])
    assert sign not in listed(home(client_for, governor))
    unsigned = (
        f"/clusters/{cluster.pk}/",
        "3 schools have not signed Testtown Cluster's memorandum of understanding",
    )
    assert unsigned in listed(home(client_for, coordinator))
    opens(client_for, coordinator, unsigned[0])
    elsewhere = Cluster.objects.create(name="Elsewhere Cluster", locality="Elsewhere")
    other_coordinator = grant(
        make_user("Col Coordinator"), Role.CLUSTER_COORDINATOR, cluster=elsewhere
    )
    assert unsigned not in listed(home(client_for, other_coordinator))

    new_school = make_school(la, 100099, "Oak Academy")
    head = grant(make_user("Olu Head"), Role.SCHOOL_LEADER, school=new_school)
    place = Membership.objects.create(cluster=cluster, school=new_school)
    invitation = (
        f"/clusters/invitations/{place.pk}/",
        "Answer Testtown Cluster's invitation to Oak Academy",
    )
    assert invitation in listed(home(client_for, head))
    opens(client_for, head, invitation[0])
    damson_head = grant(make_user("Dan Head"), Role.SCHOOL_LEADER, school=school_d)
    assert invitation not in listed(home(client_for, damson_head))
    assert invitation not in listed(home(client_for, school_leader))


# Reviewers, lead reviewers and coordinators


def test_reviewers_prepare_for_the_visit_and_the_coordinator_completes_the_team(
    client_for, review, reviewer, lead_reviewer, coordinator, outsider
):
    analysis = (
        f"/reviews/{review.pk}/analysis/",
        "Read the pre-review analysis before visiting Ash Primary School "
        f"on {review.start_date:%-d %B %Y}",
    )
    for person in (reviewer, lead_reviewer):
        page = home(client_for, person)
        assert analysis in listed(page)
        assert when_shown(page, analysis[1]).startswith(f"Due {review.start_date:%-d %B %Y} (")
        opens(client_for, person, analysis[0])
    team = [item for item in listed(home(client_for, coordinator)) if "team" in item[0]]
    assert team == [
        (
            f"/reviews/{review.pk}/team/",
            "The team needs 1 more peer reviewer for Ash Primary School's review",
        )
    ]
    opens(client_for, coordinator, team[0][0])
    assert analysis[0] not in home(client_for, outsider)

    review.team.filter(role="lead").delete()
    assert (
        f"/reviews/{review.pk}/team/",
        "The team needs a lead reviewer for Ash Primary School's review",
    ) in listed(home(client_for, coordinator))
    assert analysis not in listed(home(client_for, lead_reviewer))  # no longer on the team


def test_during_the_visit_the_lead_answers_concerns_and_peers_propose(
    client_for, review, reviewer, lead_reviewer, school_leader, outsider
):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.VISIT)
    Concern.objects.create(review=review, raised_by=school_leader, text="Too many lesson visits")
    last_day = f"{review_dates(review.start_date, review.days)[-1]:%-d %B %Y}"
    judgements = f"/reviews/{review.pk}/judgements/"
    concern = (f"/reviews/{review.pk}/concerns/", "Answer Ash Primary School's concern")
    agree = (judgements, "Agree the judgements and the priority for Ash Primary School's review")
    page = home(client_for, lead_reviewer)
    for href, text in (concern, agree):
        assert (href, text) in listed(page)
        assert when_shown(page, text).startswith(f"Due {last_day} (")
        opens(client_for, lead_reviewer, href)
    propose = (judgements, "Propose judgements for Ash Primary School's review")
    page = home(client_for, reviewer)
    assert propose in listed(page)
    assert when_shown(page, propose[1]).startswith(f"Due {last_day} (")
    opens(client_for, reviewer, judgements)
    assert concern not in listed(page) and agree not in listed(page)  # only the lead answers
    for person in (school_leader, outsider):
        assert judgements not in [href for href, _ in listed(home(client_for, person))]

    Concern.objects.create(review=review, raised_by=school_leader, text="No break for staff")
    assert "Answer Ash Primary School's 2 concerns" in texts(home(client_for, lead_reviewer))


def test_reviewer_is_asked_to_grade_a_calibration_exercise(
    client_for, reviewer, lead_reviewer, framework_version
):
    pack = CalibrationPack.objects.create(
        framework_version=framework_version, title="Reading", status=CalibrationPack.Status.OPEN
    )
    invitation = Invitation.objects.create(pack=pack, reviewer=reviewer.reviewer_profile)
    grade = (f"/calibration/mine/{invitation.pk}/", "Grade the calibration exercise ‘Reading’")
    assert grade in listed(home(client_for, reviewer))
    opens(client_for, reviewer, grade[0])
    assert not any("calibration" in text for text in texts(home(client_for, lead_reviewer)))


# Moderators and governors


def test_moderator_is_asked_to_moderate_the_sample(client_for, review, moderator, coordinator):
    sample = ModerationSample.objects.create(
        academic_year=2026, season="autumn", seed=1, random_share=10
    )
    SampledReview.objects.create(sample=sample, review=review, reasons=["random"])
    item = (f"/moderation/reviews/{review.pk}/", "Moderate the review of Ash Primary School")
    assert item in listed(home(client_for, moderator))
    opens(client_for, moderator, item[0])
    assert item not in listed(home(client_for, coordinator))


def test_governor_reaches_a_report_shared_with_governors(client_for, review, governor, school_b):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.CLOSED)
    report = Report.objects.create(
        review=review, status=Report.Status.FINAL, finalised_at=timezone.now()
    )
    item = (
        f"/reports/{report.pk}/",
        "Read the report on Ash Primary School's review, shared with governors",
    )
    assert item not in listed(home(client_for, governor))  # not shared yet

    Report.objects.filter(pk=report.pk).update(shared_with=[Report.Audience.GOVERNORS])
    assert item in listed(home(client_for, governor))
    opens(client_for, governor, item[0])
    other = grant(make_user("Gil Governor"), Role.GOVERNOR, school=school_b)
    assert item not in listed(home(client_for, other))


# The mechanism


def early(user, today):
    return [
        ToDo("No date", "/c/", "school.view"),
        ToDo("Later", "/b/", "school.view", due=today + timedelta(days=30)),
        ToDo("Overdue", "/a/", "school.view", due=today - timedelta(days=1)),
        ToDo("Only for network admins", "/d/", "people.manage_roles"),
    ]


def test_to_dos_are_overdue_first_then_by_date_and_only_those_the_person_may_open(
    settings, outsider, network_admin
):
    settings.TODO_SOURCES = ["tests.test_home_to_dos.early"]
    items = to_dos_for(outsider, date(2027, 3, 1))
    assert [item.text for item in items] == ["Overdue", "Later", "No date"]
    assert when(items[0]) == "Overdue since 28 February 2027"
    assert when(items[1]).startswith("Due 31 March 2027 (")
    assert "Only for network admins" in [item.text for item in to_dos_for(network_admin, TODAY)]
    assert to_dos_for(AnonymousUser(), TODAY) == []  # nobody signed in: nothing


def test_every_to_do_on_the_demo_network_opens_for_its_person(demo_network, client_for):
    """Nobody is shown a link they would be refused."""
    User = get_user_model()
    seen = 0
    for sign_in in demo_network:
        user = User.objects.get(email=sign_in.email)
        access.forget_roles(user)
        for href, text in listed(home(client_for, user)):
            seen += 1
            status = client_for(user).get(href).status_code
            assert status == 200, f"{sign_in.role} {sign_in.email}: {text} → {href} {status}"
    assert seen >= len(demo_network)  # the demo has work waiting for most of its people
