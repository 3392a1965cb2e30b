"""Support pages: who may see and do what, that refused or invalid posts change nothing, and
what each person sees."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors import similar
from collegium.people.models import Role
from collegium.schools.models import Census, ImportRun, School
from collegium.support import services
from collegium.support.models import StandingOffer, SupportRequest, SupportSession
from collegium.support.selectors import brokerage
from collegium.support.selectors.brokerage import support_panel
from collegium.support.tests.test_brokerage import agreed_review_of, strand
from conftest import grant, make_user

Status = SupportRequest.Status


@pytest.fixture
def beech_head(school_b):
    return grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def need(plan, school_b, framework_version, beech_head):
    agreed_review_of(school_b, framework_version, {"A2S1": 1})
    return plan.support_needs.get()


@pytest.fixture
def sent(need, school_leader, school_b, beech_head):
    request = services.send_request(school_leader, need, school_b, "Could we visit?")
    mail.outbox.clear()
    return request


def url(name, *args):
    return reverse(f"support:{name}", args=args)


# The page of support between schools


def test_the_page_lists_requests_received_sent_offers_and_days(
    client_for, sent, beech_head, school_leader, framework_version, school_b
):
    StandingOffer.objects.create(
        school=school_b,
        strand=strand(framework_version, "A1S1"),
        description="Phonics training",
        days_available=1,
    )
    services.accept_request(beech_head, sent, Decimal("2"))
    services.record_session(beech_head, sent, date.today(), Decimal("1.5"), "Jo", "A visit")
    page = client_for(beech_head).get(url("home")).content.decode()
    assert "Requests received" in page and "Ash Primary School" in page
    assert "Phonics training" in page and "Withdraw this offer" in page
    assert "Beech Primary School has given 1.5 days of support and received 0 days." in page
    assert "Phonics training" in page and "(1 day available)" in page
    assert '<span class="govuk-body-s">2 days</span>' in page
    page = client_for(school_leader).get(url("home")).content.decode()
    assert "Ash Primary School has given 0 days of support and received 1.5 days." in page


def test_one_day_is_said_in_the_singular(client_for, sent, beech_head, school_leader):
    services.accept_request(beech_head, sent, Decimal("1"))
    services.record_session(beech_head, sent, date.today(), Decimal("1"), "Jo", "A visit")
    page = client_for(school_leader).get(url("home")).text
    assert "has given 0 days of support and received 1 day." in page
    assert "1 days" not in page
    page = client_for(school_leader).get(url("request", sent.pk)).text
    assert "1 day of the 1 day agreed has been given." in page


def test_requests_awaiting_a_reply_come_first(client_for, sent, beech_head, plan, school_b):
    other = plan.support_needs.create(strand=sent.need.strand, description="Second need")
    later = SupportRequest.objects.create(need=other, offering_school=school_b, message="Later")
    services.decline_request(beech_head, later, "No")
    page = client_for(beech_head).get(url("home")).content.decode()
    assert page.index("Awaiting a reply") < page.index("Declined")


@pytest.mark.parametrize("who", ["outsider", "governor", "coordinator", "reviewer"])
def test_the_page_is_for_school_leaders(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(url("home")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for, sent):
    for address in (url("home"), url("request", sent.pk)):
        response = client_for(None).get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


# A request's page and its answer


def test_both_schools_and_the_coordinator_see_the_request(
    client_for, sent, beech_head, school_leader, coordinator
):
    for user in (beech_head, school_leader, coordinator):
        page = client_for(user).get(url("request", sent.pk))
        assert page.status_code == 200 and "Could we visit?" in page.content.decode()
    assert "Accept or decline" in client_for(beech_head).get(url("request", sent.pk)).text
    assert "Accept or decline" not in client_for(school_leader).get(url("request", sent.pk)).text


@pytest.mark.parametrize("who", ["outsider", "governor"])
def test_others_cannot_know_the_request_exists(client_for, request, sent, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(url("request", sent.pk)).status_code == 404
    response = client_for(user).post(url("answer", sent.pk), {"answer": "accept"})
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "school_leader"])
def test_only_the_school_asked_may_answer(client_for, request, sent, who):
    """The coordinator, and the head who asked, see the request but cannot accept it."""
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("answer", sent.pk)).status_code == 403
    response = client.post(url("answer", sent.pk), {"answer": "accept", "days_agreed": 2})
    assert response.status_code == 403
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.SENT and not mail.outbox


def test_the_school_asked_accepts(
    client_for, sent, beech_head, school_leader, django_capture_on_commit_callbacks
):
    client = client_for(beech_head)
    assert "Can your school give this support?" in client.get(url("answer", sent.pk)).text
    data = {"answer": "accept", "days_agreed": "2", "response": "See you in May"}
    with django_capture_on_commit_callbacks(execute=True):  # emailed once it commits
        response = client.post(url("answer", sent.pk), data, follow=True)
    assert "You have accepted the request. Ash Primary School has been told by email." in (
        response.text
    )
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.ACCEPTED
    assert mail.outbox[0].to == [school_leader.email]


def test_an_answer_must_be_complete(client_for, sent, beech_head):
    client = client_for(beech_head)
    response = client.post(url("answer", sent.pk), {"answer": "decline"})
    assert response.status_code == 400
    assert "Enter the reason you cannot give this support" in response.text
    response = client.post(url("answer", sent.pk), {"answer": "accept"})
    assert "Enter the days of support you can give" in response.text
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.SENT


def test_answering_twice_is_refused_clearly(client_for, sent, beech_head):
    services.decline_request(beech_head, sent, "No capacity")
    response = client_for(beech_head).post(
        url("answer", sent.pk), {"answer": "accept", "days_agreed": "1"}
    )
    assert response.status_code == 400
    assert "This request has already been declined" in response.text
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.DECLINED


def test_the_head_who_asked_may_withdraw(client_for, sent, school_leader, beech_head):
    assert client_for(beech_head).post(url("withdraw", sent.pk)).status_code == 403
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.SENT
    response = client_for(school_leader).post(url("withdraw", sent.pk), follow=True)
    assert "Your request has been withdrawn." in response.text
    assert SupportRequest.objects.get(pk=sent.pk).status == Status.WITHDRAWN


# Suggestions and sending a request


def test_the_need_page_explains_each_suggestion(client_for, need, school_leader, governor):
    page = client_for(school_leader).get(url("need", need.pk)).text
    assert "Judged Leading for Strand 2.1 in its review of March 2026" in page
    assert "Ask Beech Primary School for support" in page
    assert client_for(governor).get(url("need", need.pk)).status_code == 403


def test_the_head_sends_a_request(
    client_for, need, school_leader, school_b, beech_head, django_capture_on_commit_callbacks
):
    client = client_for(school_leader)
    page = client.get(url("send", need.pk) + f"?urn={school_b.urn}").text
    assert "Why Beech Primary School could help" in page
    data = {"school": school_b.urn, "message": "Could we visit in May?"}
    with django_capture_on_commit_callbacks(execute=True):  # emailed once it commits
        response = client.post(url("send", need.pk), data, follow=True)
    assert "Your request has been sent to Beech Primary School." in response.text
    assert SupportRequest.objects.get().offering_school == school_b
    assert mail.outbox[0].to == [beech_head.email]


def test_a_second_request_to_the_same_school_is_refused(client_for, sent, school_leader, school_b):
    data = {"school": school_b.urn, "message": "Again"}
    response = client_for(school_leader).post(url("send", sent.need_id), data)
    assert response.status_code == 400
    assert "You have already asked Beech Primary School for support with this need" in (
        response.text
    )
    assert SupportRequest.objects.count() == 1


def test_a_school_that_declined_may_be_asked_again(
    client_for, sent, school_leader, school_b, beech_head
):
    services.decline_request(beech_head, sent, "Not this term")
    client = client_for(school_leader)
    page = client.get(url("need", sent.need_id)).text
    assert "Beech Primary School declined on " in page
    assert "Ask Beech Primary School again for support" in page
    data = {"school": school_b.urn, "message": "Next term?"}
    response = client.post(url("send", sent.need_id), data, follow=True)
    assert "Your request has been sent to Beech Primary School" in response.text
    assert SupportRequest.objects.filter(status=Status.SENT).count() == 1


def test_the_page_to_ask_explains_only_the_school_chosen(
    client_for, need, school_leader, school_b, school_d, monkeypatch
):
    def every_suggestion(*args, **kwargs):
        raise AssertionError("the page to ask a school does not rank every school")

    monkeypatch.setattr(brokerage, "suggest_schools", every_suggestion)
    client = client_for(school_leader)
    page = client.get(url("send", need.pk) + f"?urn={school_b.urn}").text
    assert "Why Beech Primary School could help" in page
    assert "Judged Leading for Strand 2.1 in its review of March 2026" in page
    page = client.get(url("send", need.pk) + f"?urn={school_d.urn}").text
    assert "Why" not in page
    for odd in ("99999999999999999999", "²", "abc"):
        assert client.get(url("send", need.pk), {"urn": odd}).status_code == 200
    response = client.post(url("send", need.pk), {"school": school_b.urn, "message": ""})
    assert response.status_code == 400 and "Why Beech Primary School could help" in response.text


def test_an_unknown_urn_is_refused(client_for, need, school_leader):
    data = {"school": "123456", "message": "Hello"}
    response = client_for(school_leader).post(url("send", need.pk), data)
    assert "There is no school with URN 123456 in the register" in response.text
    assert not SupportRequest.objects.exists()


def test_others_cannot_send_requests(client_for, need, governor, outsider, coordinator, school_b):
    data = {"school": school_b.urn, "message": "Hello"}
    assert client_for(governor).post(url("send", need.pk), data).status_code == 403
    assert client_for(coordinator).post(url("send", need.pk), data).status_code == 403
    assert client_for(outsider).post(url("send", need.pk), data).status_code == 404
    assert client_for(outsider).get(url("need", need.pk)).status_code == 404
    assert not SupportRequest.objects.exists()


# Support given


def test_either_school_records_support_given(client_for, sent, beech_head, school_leader):
    services.accept_request(beech_head, sent, Decimal("2"))
    data = {"given_on": date.today().isoformat(), "days": "1", "given_by": "Jo", "what": "Visit"}
    response = client_for(school_leader).post(url("session", sent.pk), data, follow=True)
    assert "The support given has been recorded." in response.text
    assert "1 day of the 2 days agreed has been given." in response.text
    assert SupportSession.objects.count() == 1


def test_support_is_not_recorded_on_a_declined_request(client_for, sent, beech_head, outsider):
    services.decline_request(beech_head, sent, "No")
    data = {"given_on": date.today().isoformat(), "days": "1", "given_by": "Jo", "what": "Visit"}
    response = client_for(beech_head).post(url("session", sent.pk), data)
    assert "only under an accepted request" in response.text
    assert client_for(outsider).post(url("session", sent.pk), data).status_code == 404
    assert not SupportSession.objects.exists()


# Standing offers


def test_a_leader_publishes_and_withdraws_an_offer(
    client_for, school_leader, school_a, framework_version
):
    client = client_for(school_leader)
    assert "Which area can your school help with?" in client.get(url("offer", school_a.urn)).text
    data = {"strand": strand(framework_version, "A1S1").pk, "description": "Phonics training"}
    response = client.post(url("offer", school_a.urn), data, follow=True)
    assert "Your offer has been published: schools that need it will see it." in response.text
    offer = StandingOffer.objects.get()
    response = client.post(url("offer_withdraw", offer.pk), follow=True)
    assert "Your offer has been withdrawn." in response.text
    assert not StandingOffer.objects.get().is_open


def test_offers_only_for_ones_own_school(
    client_for, school_leader, governor, school_b, framework_version, beech_head
):
    data = {"strand": strand(framework_version, "A1S1").pk, "description": "Phonics"}
    assert client_for(school_leader).post(url("offer", school_b.urn), data).status_code == 403
    assert client_for(governor).post(url("offer", school_b.urn), data).status_code == 403
    offer = StandingOffer.objects.create(
        school=school_b, strand=strand(framework_version, "A1S1"), description="Ours"
    )
    for user in (school_leader, governor):  # they cannot know another school's offer exists
        assert client_for(user).post(url("offer_withdraw", offer.pk)).status_code == 404
    asked = client_for(beech_head).get(url("offer_withdraw", offer.pk))  # asks first
    assert asked.status_code == 200 and "Withdraw your offer of support" in asked.text
    offer.refresh_from_db()
    assert offer.is_open
    assert client_for(school_leader).post(url("offer_withdraw", 9999)).status_code == 404
    assert StandingOffer.objects.get(pk=offer.pk).is_open
    assert StandingOffer.objects.count() == 1


# The support section of the plan page


def render_section(plan, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {"plan": plan, "request": request, "support_panels": support_panel(plan, user)}
    template = engines["jinja2"].from_string('{% include "support/_plan.html" %}')
    return template.render(context, request=request)


def test_the_plan_shows_each_need_with_suggestions_and_requests(sent, plan, school_leader):
    page = render_section(plan, school_leader)
    assert "See catch-up working elsewhere" in page
    assert "Judged Leading for Strand 2.1 in its review of March 2026" in page
    assert "Requests sent for support with Strand 2.1" in page and "Awaiting a reply" in page
    assert f'href="{url("request", sent.pk)}"' in page
    assert "You can ask each school once for this need" in page


@pytest.mark.parametrize("who", ["governor", "reviewer"])
def test_those_who_may_not_ask_see_neither_suggestions_nor_requests(
    client_for, request, sent, plan, beech_head, who
):
    """Suggestions name other schools' judgements; requests belong to the two schools."""
    services.accept_request(beech_head, sent, Decimal("2"))
    user = request.getfixturevalue(who)
    page = render_section(plan, user)
    assert "See catch-up working elsewhere" in page  # the need itself
    assert "Beech Primary School" not in page and "Judged Leading" not in page
    assert "Request sent" not in page and "Accepted" not in page
    assert url("request", sent.pk) not in page and "Ask another school" not in page


def test_a_completed_plan_offers_no_way_to_ask(plan, school_leader, need):
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.COMPLETED)
    plan.refresh_from_db()
    page = render_section(plan, school_leader)
    assert "Ask another school" not in page and "Ask Beech" not in page


def test_a_plan_without_support_needs_says_so(plan, school_leader):
    plan.support_needs.all().delete()
    assert "The plan asks for no support from other schools." in render_section(plan, school_leader)


# The plan page reads figures for the schools it shows, not for every school of the phase


def schools_with_censuses(la, how_many: int, phase) -> None:
    for n in range(how_many):
        school = School.objects.create(
            urn=800000 + n, name=f"Primary {n}", local_authority=la, phase=phase
        )
        for year in (2023, 2024, 2025):
            Census.objects.create(
                school=school, year=year, pupils=100 + 7 * n, pct_fsm_ever=n % 40, pct_sen_support=9
            )


def plan_page_queries(client, plan) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("improvement:plan", args=[plan.pk])).status_code == 200
    return len(queries)


def test_the_plan_pages_queries_do_not_grow_with_the_schools(
    client_for, sent, plan, school_leader, la, school_a
):
    client = client_for(school_leader)
    schools_with_censuses(la, 5, school_a.phase)
    with_five = plan_page_queries(client, plan)
    School.objects.filter(urn__range=(800000, 800999)).delete()
    schools_with_censuses(la, 50, school_a.phase)
    assert plan_page_queries(client, plan) == with_five


def test_once_the_spread_is_known_the_plan_page_reads_only_the_figures_it_shows(
    client_for, sent, plan, school_leader, la, school_a, school_b, monkeypatch
):
    schools_with_censuses(la, 50, school_a.phase)
    for school in (school_a, school_b):
        Census.objects.create(school=school, year=2025, pupils=220, pct_fsm_ever=20)
    ImportRun.objects.create(source_dir="-", finished_at=timezone.now())
    client = client_for(school_leader)
    cache.clear()
    client.get(
        reverse("improvement:plan", args=[plan.pk])
    )  # computes the spread of primary schools once
    rows_read = []
    real = similar.latest_censuses

    def counted(**filters):
        rows = real(**filters)
        rows_read.append(len(rows))
        return rows

    monkeypatch.setattr(similar, "latest_censuses", counted)
    brokerage.forget_suggestions()  # the suggestions are kept too: work them out again
    assert client.get(reverse("improvement:plan", args=[plan.pk])).status_code == 200
    assert sum(rows_read) == 2  # Ash's own figures and Beech's, the one school suggested
    assert client.get(reverse("improvement:plan", args=[plan.pk])).status_code == 200
    assert sum(rows_read) == 2  # kept: nothing read again
    cache.clear()


def test_once_every_day_agreed_is_recorded_no_more_can_be(client_for, sent, beech_head):
    services.accept_request(beech_head, sent, Decimal("1"))
    page = client_for(beech_head).get(url("request", sent.pk)).text
    assert "Record support given" in page
    services.record_session(beech_head, sent, date.today(), Decimal("1"), "Jo", "A visit")
    page = client_for(beech_head).get(url("request", sent.pk)).text
    assert "Record support given" not in page


# Usability: what each page says, in plain words


def test_the_button_to_withdraw_an_offer_names_the_strand_without_showing_markup(
    client_for, school_b, beech_head, framework_version
):
    StandingOffer.objects.create(
        school=school_b, strand=strand(framework_version, "A1S1"), description="Phonics"
    )
    page = client_for(beech_head).get(url("home")).text
    assert 'Withdraw this offer<span class="govuk-visually-hidden"> on A1S1 Strand 1.1</span>' in (
        page
    )
    assert "&lt;span" not in page and "Test framework" not in page


def test_the_requests_table_has_no_sent_column_and_says_status(client_for, sent, beech_head):
    page = client_for(beech_head).get(url("home")).text
    assert '<th scope="col" class="govuk-table__header">Status</th>' in page
    assert ">Sent</th>" not in page and ">State</th>" not in page


def test_a_school_chosen_from_a_suggestion_is_shown_not_typed(
    client_for, need, school_leader, school_b
):
    page = client_for(school_leader).get(url("send", need.pk), {"urn": school_b.urn}).text
    assert "<strong>School you are asking:</strong> Beech Primary School" in page
    assert f'<input type="hidden" name="school" value="{school_b.urn}">' in page
    assert "School name or URN" not in page
    assert f'href="{url("send", need.pk)}">Ask another school</a>' in page


def test_without_a_school_chosen_the_page_asks_for_a_name_or_urn(client_for, need, school_leader):
    for query in ({}, {"urn": "abc"}, {"urn": "123456"}):
        page = client_for(school_leader).get(url("send", need.pk), query).text
        assert "School name or URN" in page and "School you are asking:" not in page


def test_a_school_can_be_asked_by_part_of_its_name(
    client_for, need, school_leader, school_b, beech_head
):
    data = {"school": "  beech  ", "message": "Could we visit?"}
    response = client_for(school_leader).post(url("send", need.pk), data, follow=True)
    assert "Your request has been sent to Beech Primary School." in response.text
    assert SupportRequest.objects.get().offering_school == school_b


def test_a_school_found_by_name_is_kept_when_the_message_is_missing(
    client_for, need, school_leader, school_b
):
    data = {"school": "Beech Primary School", "message": ""}
    response = client_for(school_leader).post(url("send", need.pk), data)
    assert response.status_code == 400
    assert "<strong>School you are asking:</strong> Beech Primary School" in response.text
    assert f'<input type="hidden" name="school" value="{school_b.urn}">' in response.text


def test_a_name_matching_several_schools_lists_them(client_for, need, school_leader, la):
    response = client_for(school_leader).post(
        url("send", need.pk), {"school": "primary", "message": "Hello"}
    )
    assert response.status_code == 400
    assert (
        "2 open schools match “primary”: Ash Primary School (URN 900001); Beech Primary School "
        "(URN 900002). Enter the full name or the URN of the school you mean"
    ) in response.text.replace("&amp;", "&").replace("&#34;", '"')
    assert not SupportRequest.objects.exists()


def test_find_school_prefers_an_exact_name_and_ignores_closed_schools(la, school_b):
    from django.core.exceptions import ValidationError

    from collegium.support.forms import find_school
    from conftest import make_school

    make_school(la, 900021, "Beech Primary School Annexe")
    make_school(la, 900022, "Elm Primary School", is_open=False)
    assert find_school("beech primary school") == school_b
    with pytest.raises(ValidationError, match="No open school's name matches “Elm”"):
        find_school("Elm")
    assert find_school("900022").name == "Elm Primary School"  # the service says it is closed
    for n in range(7):
        make_school(la, 900030 + n, f"Larch {n} School")
    with pytest.raises(ValidationError) as error:
        find_school("larch")
    text = error.value.messages[0]
    assert text.startswith("7 open schools match “larch”: Larch 0 School (URN 900030);")
    assert "Larch 4 School (URN 900034) and 2 more." in text and "Larch 5" not in text


def test_the_answer_form_says_plainly_which_field_is_for_which_answer(client_for, sent, beech_head):
    page = client_for(beech_head).get(url("answer", sent.pk)).text
    assert "If you accept: how many days can you give?" in page
    assert "Your reply (say why if you decline)" in page


def test_once_accepted_each_school_is_told_whom_to_contact(
    client_for, sent, beech_head, school_leader, coordinator
):
    services.accept_request(beech_head, sent, Decimal("2"))
    answered = f"{SupportRequest.objects.get(pk=sent.pk).responded_at:%-d %B %Y}"
    page = client_for(beech_head).get(url("request", sent.pk)).text
    assert (
        f"<strong>What happens next:</strong> contact {school_leader.full_name} "
        f'(<a class="govuk-link" href="mailto:{school_leader.email}">{school_leader.email}</a>) '
        "to agree dates. After each visit, record the support given here."
    ) in page
    assert ">Reply</dt>" not in page  # no reply was written
    page = client_for(school_leader).get(url("request", sent.pk)).text
    assert (
        f"Beech Primary School accepted on {answered}: 2 days agreed. Contact Bea Head "
        f'(<a class="govuk-link" href="mailto:{beech_head.email}">{beech_head.email}</a>) '
        "to agree dates."
    ) in page
    assert "What happens next" not in page
    page = client_for(coordinator).get(url("request", sent.pk)).text
    assert f"Beech Primary School accepted on {answered}: 2 days agreed.</p>" in page


def test_a_reply_is_shown_when_there_is_one(client_for, sent, beech_head):
    services.accept_request(beech_head, sent, Decimal("2"), "Tuesdays suit us")
    page = client_for(beech_head).get(url("request", sent.pk)).text
    assert ">Reply</dt>" in page and "Tuesdays suit us" in page


def test_the_plan_says_in_words_that_a_school_accepted(sent, plan, school_leader, beech_head):
    services.accept_request(beech_head, sent, Decimal("2"))
    answered = f"{SupportRequest.objects.get(pk=sent.pk).responded_at:%-d %B %Y}"
    page = render_section(plan, school_leader)
    assert (
        f"Beech Primary School accepted on {answered}: 2 days agreed. "
        f'<a class="govuk-link" href="{url("request", sent.pk)}">See the request'
    ) in page
    assert "Request sent:" not in page


def test_the_need_page_explains_suggestions_in_plain_words(client_for, need, school_leader):
    page = client_for(school_leader).get(url("need", need.pk)).text
    assert "We suggest schools that are strong in this area" in page
    assert "crosswalk" not in page
    assert f'href="{url("send", need.pk)}">Ask another school</a>' in page
    assert "closest matches" not in page  # Beech has no place on the map: not known to be far


def test_when_every_suggestion_is_far_the_pages_say_so(
    client_for, need, plan, school_leader, school_a, school_b
):
    for school, latitude in ((school_a, 52.2), (school_b, 53.2)):  # about 111 km apart
        school.latitude, school.longitude = latitude, 0.12
        school.save()
    words = "No similar school nearby has shown strength in this area; these are the closest"
    farther = client_for(school_leader).get(url("need", need.pk) + "?within=200").text
    assert words in farther  # the head widened the search beyond the default 50 km
    assert "No school within 50 km has yet shown strength" in render_section(plan, school_leader)
    school_b.latitude = 52.3  # about 11 km
    school_b.save()
    assert words not in client_for(school_leader).get(url("need", need.pk)).text
    assert words not in render_section(plan, school_leader)


def test_the_offer_form_groups_the_latest_strands_by_framework(
    client_for, school_leader, school_a, framework_version
):
    from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand

    newer = FrameworkVersion.objects.create(
        framework=framework_version.framework, number=2, status=FrameworkVersion.Status.PUBLISHED
    )
    area = Area.objects.create(version=newer, position=1, code="N", title="New area")
    Strand.objects.create(area=area, position=1, code="N1", title="Newer strand")
    other = Framework.objects.create(slug="another", name="Another framework")
    version = FrameworkVersion.objects.create(
        framework=other, number=1, status=FrameworkVersion.Status.PUBLISHED
    )
    area = Area.objects.create(version=version, position=1, code="B", title="B area")
    Strand.objects.create(area=area, position=1, code="B1", title="Behaviour")
    page = client_for(school_leader).get(url("offer", school_a.urn)).text
    assert page.index('<optgroup label="Another framework">') < page.index(
        '<optgroup label="Test framework">'
    )
    assert ">B1 Behaviour</option>" in page and ">N1 Newer strand</option>" in page
    assert "Strand 1.1" not in page and "version" not in page.lower().split("<main")[1]
    old = strand(framework_version, "A1S1").pk
    data = {"strand": old, "description": "Phonics"}
    response = client_for(school_leader).post(url("offer", school_a.urn), data)
    refused = "Choose the area your school can help with from the list"
    assert response.status_code == 400 and refused in response.text
    assert not StandingOffer.objects.exists()


def test_an_answered_request_can_no_longer_be_withdrawn(
    client_for, sent, school_leader, beech_head, outsider
):
    asked = client_for(school_leader).get(url("withdraw", sent.pk))
    assert asked.status_code == 200 and "Withdraw your request for support" in asked.text
    assert client_for(outsider).post(url("withdraw", sent.pk)).status_code == 404
    sent.status = Status.ACCEPTED
    sent.save()
    refused = client_for(school_leader).post(url("withdraw", sent.pk))
    assert refused.status_code == 400
    assert "This request has already been accepted" in refused.text
    sent.refresh_from_db()
    assert sent.status == Status.ACCEPTED


def test_an_offer_is_withdrawn_once(client_for, school_leader, school_a, framework_version):
    offer = StandingOffer.objects.create(
        school=school_a, strand=strand(framework_version, "A1S1"), description="Ours"
    )
    client = client_for(school_leader)
    assert client.post(url("offer_withdraw", offer.pk)).status_code == 302
    refused = client.post(url("offer_withdraw", offer.pk))
    assert refused.status_code == 400 and "This offer has already been withdrawn" in refused.text
    offer.refresh_from_db()
    assert not offer.is_open
