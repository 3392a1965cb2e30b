"""The plan page keeps its support suggestions (ranking every candidate is slow at national
scale) and works them out again once what they are made from changes."""

from django.urls import reverse

from collegium.improvement.models import SupportNeed
from collegium.people.models import RoleGrant
from collegium.support.selectors import brokerage


def count_suggesting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = brokerage._suggest

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(brokerage, "_suggest", counted)
    return calls


def test_suggestions_are_kept_until_what_they_come_from_changes(
    client_for, school_leader, plan, monkeypatch
):
    SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description="Phonics")
    calls = count_suggesting(monkeypatch)
    client = client_for(school_leader)
    url = reverse("improvement:plan", args=[plan.pk])
    assert client.get(url).status_code == client.get(url).status_code == 200
    assert len(calls) == 1
    RoleGrant.objects.earliest("pk").save()  # e.g. a head given a school: who can answer changes
    client.get(url)
    assert len(calls) == 2


def test_a_sign_in_does_not_forget_them(client_for, school_leader, plan, monkeypatch):
    SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description="Phonics")
    calls = count_suggesting(monkeypatch)
    url = reverse("improvement:plan", args=[plan.pk])
    client_for(school_leader).get(url)
    school_leader.save(update_fields=["last_login"])
    client_for(school_leader).get(url)
    assert len(calls) == 1


def test_people_who_may_not_ask_get_no_suggestions_and_outsiders_are_refused(
    client_for, governor, outsider, plan, monkeypatch
):
    SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description="Phonics")
    calls = count_suggesting(monkeypatch)
    url = reverse("improvement:plan", args=[plan.pk])
    assert client_for(governor).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code in (403, 404)
    assert calls == []
