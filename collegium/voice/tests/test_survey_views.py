"""V1 running a survey: the school's leaders open one, share its link and QR code, print codes,
close it and enter the school's numbers; governors read results; nobody else does anything."""

from datetime import timedelta

from django.utils import timezone

from collegium.voice.models import AccessCode, CommunitySize, Survey
from collegium.voice.tests.conftest import open_survey, version_of


def _dates(start_in: int = 0, days: int = 14) -> dict[str, str]:
    opens = timezone.localdate() + timedelta(days=start_in)
    return {"opens_on": opens.isoformat(), "closes_on": (opens + timedelta(days=days)).isoformat()}


def test_a_leader_opens_a_parent_survey_and_shares_its_link(
    shipped, school_a, client_for, school_leader, governor, outsider, client
):
    url = f"/voice/schools/{school_a.pk}/open/"
    data = {"version": version_of("parents-and-carers").pk} | _dates()
    assert client_for(governor).post(url, data).status_code == 403
    assert client_for(outsider).post(url, data).status_code == 403
    assert client.post(url, data).status_code == 302 and not Survey.objects.exists()
    leader = client_for(school_leader)
    opened = leader.post(url, data)
    survey = Survey.objects.get()
    assert opened.url == f"/voice/surveys/{survey.pk}/" and survey.audience == "parents"
    page = leader.get(opened.url).text
    assert f"/voice/answer/{survey.token}/" in page and "qr.svg" in page
    assert survey.token not in client_for(governor).get(opened.url).text  # the link is the leaders'
    qr = leader.get(f"/voice/surveys/{survey.pk}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")
    assert client_for(governor).get(f"/voice/surveys/{survey.pk}/qr.svg").status_code == 403
    again = leader.post(url, data)
    assert again.status_code == 400 and "already has a survey of parents and carers" in again.text
    assert Survey.objects.count() == 1


def test_codes_only_for_staff_and_governors_and_a_window_of_12_weeks(
    shipped, school_a, client_for, school_leader
):
    url = f"/voice/schools/{school_a.pk}/open/"
    leader = client_for(school_leader)
    parents = {"version": version_of("parents-and-carers").pk, "uses_codes": "on"} | _dates()
    assert "Only staff and governor surveys" in leader.post(url, parents).text
    long = {"version": version_of("staff").pk} | _dates(days=90)
    assert "12 weeks at most" in leader.post(url, long).text
    past = {"version": version_of("staff").pk} | _dates(start_in=-1)
    assert "today or in the future" in leader.post(url, past).text
    assert not Survey.objects.exists()


def test_a_leader_prints_codes_and_closes_the_survey(
    shipped, school_a, client_for, school_leader, governor
):
    survey = open_survey(school_a, "staff", uses_codes=True)
    url = f"/voice/surveys/{survey.pk}/codes/"
    assert client_for(governor).post(url, {"count": "5"}).status_code == 403
    leader = client_for(school_leader)
    assert leader.post(url, {"count": "0"}).status_code == 400
    assert leader.post(url, {"count": "5"}).status_code == 302
    page = leader.get(url).text
    assert AccessCode.objects.count() == 5 and page.count("<li><code>") == 5
    assert client_for(governor).post(f"/voice/surveys/{survey.pk}/close/").status_code == 403
    assert leader.post(f"/voice/surveys/{survey.pk}/close/").status_code == 302
    survey.refresh_from_db()
    assert survey.closed_on == timezone.localdate() and not survey.is_open(timezone.localdate())
    assert leader.post(url, {"count": "5"}).status_code == 400 and AccessCode.objects.count() == 5


def test_a_leader_enters_the_school_numbers(shipped, school_a, client_for, school_leader, governor):
    url = f"/voice/schools/{school_a.pk}/numbers/"
    data = {"staff": "48", "parents": "310", "governors": ""}
    assert client_for(governor).post(url, data).status_code == 403
    assert client_for(school_leader).post(url, {"staff": "-1"}).status_code == 400
    assert not CommunitySize.objects.exists()
    assert client_for(school_leader).post(url, data).status_code == 302
    sizes = dict(CommunitySize.objects.values_list("audience", "number"))
    assert sizes == {"staff": 48, "parents": 310}


def test_the_school_page_lists_surveys_for_its_readers_only(
    parents_survey, client_for, governor, moderator, reviewer
):
    url = f"/voice/schools/{parents_survey.school_id}/"
    assert "Parents and carers" in client_for(governor).get(url).text
    assert "Fewer than 10 responses" in client_for(moderator).get(url).text
    assert client_for(reviewer).get(url).status_code == 403
