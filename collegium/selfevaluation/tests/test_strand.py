"""Rating one strand: the scale as radios with the level descriptors, narrative and evidence."""

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import LevelDescriptor, ScaleLevel
from collegium.people.models import Role
from collegium.selfevaluation import services
from collegium.selfevaluation.tests.conftest import entry, text_of
from conftest import grant, make_user


def url(self_evaluation, code: str) -> str:
    strand = entry(self_evaluation, code).strand
    se = self_evaluation
    return reverse("selfevaluation:strand", args=[se.school_id, se.academic_year, strand.pk])


def detail(se) -> str:
    return reverse("selfevaluation:detail", args=[se.school_id, se.academic_year])


def test_the_page_offers_the_scale_with_its_descriptors(client_for, school_leader, draft):
    strand = entry(draft, "A1S1").strand
    LevelDescriptor.objects.create(strand=strand, level=1, text="Pupils lead their learning")
    ScaleLevel.objects.filter(position=2).update(description="Good in most classes")
    page = text_of(client_for(school_leader).get(url(draft, "A1S1")))
    assert "A1S1 Strand 1.1" in page and "To what extent does strand 1.1 hold?" in page
    for label in ("Leading", "Effective", "Working towards", "Ineffective"):
        assert label in page
    assert "Pupils lead their learning" in page and "Good in most classes" in page


def test_a_met_or_not_met_strand_offers_met_and_not_met(client_for, school_leader, draft):
    page = text_of(client_for(school_leader).get(url(draft, "A2S2")))
    assert "Is this strand met?" in page and "Not met" in page and "Leading" not in page


def test_saving_moves_on_to_the_next_strand(client_for, school_leader, draft):
    client = client_for(school_leader)
    data = {
        "level": "2",
        "narrative": "Secure",
        "evidence": "https://example.org/plan",
        "revision": "1",
    }
    response = client.post(url(draft, "A1S1"), data | {"then": "next"})
    assert response["Location"] == url(draft, "A1S2")
    saved = entry(draft, "A1S1")
    assert (saved.level, saved.narrative, saved.evidence) == (
        2,
        "Secure",
        "https://example.org/plan",
    )
    assert "A1S1 Strand 1.1 has been saved" in text_of(client.get(response["Location"]))


def test_save_and_return_and_the_last_strand_go_to_the_overview(client_for, school_leader, draft):
    client = client_for(school_leader)
    data = {"level": "1", "narrative": "Met", "evidence": "", "revision": "1"}
    assert client.post(url(draft, "A2S2"), data)["Location"] == detail(draft)
    data["then"] = "overview"
    assert client.post(url(draft, "A1S1"), data)["Location"] == detail(draft)


def test_a_level_outside_the_scale_is_refused_and_nothing_saved(client_for, school_leader, draft):
    data = {"level": "7", "narrative": "Changed", "evidence": "", "revision": "1"}
    response = client_for(school_leader).post(url(draft, "A1S1"), data)
    assert response.status_code == 400 and "Choose a level from the list" in text_of(response)
    assert entry(draft, "A1S1").narrative == ""


def test_a_second_leaders_stale_save_shows_both_versions(
    client_for, school_leader, school_a, draft
):
    deputy = grant(make_user("Dee Deputy"), Role.SCHOOL_LEADER, school=school_a)
    services.save_strand(deputy, entry(draft, "A1S1"), 1, "The deputy's narrative", "", 1)
    data = {"level": "3", "narrative": "The head's narrative", "evidence": "", "revision": "1"}
    response = client_for(school_leader).post(url(draft, "A1S1"), data)
    page = text_of(response)
    assert response.status_code == 400
    assert "Dee Deputy saved this strand at" in page and "your changes have not been saved" in page
    assert "The deputy's narrative" in page and "The head's narrative" in page
    assert 'name="revision" value="2"' in page
    assert entry(draft, "A1S1").narrative == "The deputy's narrative"
    resaved = client_for(school_leader).post(url(draft, "A1S1"), data | {"revision": "2"})
    assert resaved.status_code == 302
    assert entry(draft, "A1S1").narrative == "The head's narrative"


def test_a_submitted_self_evaluation_cannot_be_changed(client_for, school_leader, submitted):
    client = client_for(school_leader)
    assert client.get(url(submitted, "A1S1"))["Location"] == detail(submitted)
    data = {"level": "4", "narrative": "Later", "evidence": "", "revision": "2"}
    response = client.post(url(submitted, "A1S1"), data)
    assert response.status_code == 400 and "can no longer be changed" in text_of(response)
    assert entry(submitted, "A1S1").level == 2


def test_only_the_schools_own_leaders_may_rate(
    client_for, governor, moderator, outsider, leader_of_b, draft
):
    data = {"level": "1", "narrative": "Not theirs", "evidence": "", "revision": "1"}
    for person in (governor, moderator, outsider, leader_of_b):
        assert client_for(person).get(url(draft, "A1S1")).status_code == 403
        assert client_for(person).post(url(draft, "A1S1"), data).status_code == 403
    response = client_for(None).post(url(draft, "A1S1"), data)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert entry(draft, "A1S1").narrative == ""
    assert not AuditEvent.objects.filter(action=verbs.STRAND_EVALUATION_SAVED).exists()


def test_a_strand_of_another_framework_is_not_found(client_for, school_leader, draft):
    se = draft
    missing = reverse("selfevaluation:strand", args=[se.school_id, se.academic_year, 999999])
    assert client_for(school_leader).get(missing).status_code == 404


def test_the_overview_shows_each_strands_progress(client_for, school_leader, draft):
    services.save_strand(school_leader, entry(draft, "A1S1"), 1, "Strong", "", 1)
    services.save_strand(school_leader, entry(draft, "A1S2"), None, "Started", "", 1)
    page = text_of(client_for(school_leader).get(detail(draft)))
    assert "You have completed 1 of 4 strands" in page
    assert page.count("Completed") == 1 and page.count("In progress") == 1
    assert page.count("Not started") == 2 and "Leading" in page
    assert 'href="' + url(draft, "A2S2") + '"' in page
