"""D1 in the pre-review analysis: the school's figures year by year beside its local authority's
and England's, each with its academic year, and the warning when they are old; only for the
people of the review."""

import re
from html import unescape

from collegium.schools.importing.loader import refresh_comparators
from collegium.schools.models import Census, KeyStage2Result

OLD = "The newest figures on this page are from 2017/18, more than two years old."


def url(review) -> str:
    return f"/reviews/{review.pk}/analysis/"


def words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def add_figures(school_a, school_b) -> None:
    for school, pupils, fsm in ((school_a, 100, 20.0), (school_b, 300, 40.0)):
        Census.objects.create(school=school, year=2018, pupils=pupils, pct_fsm_ever=fsm)
    for year, progress in ((2017, -1.0), (2018, 2.0)):
        KeyStage2Result.objects.create(
            school=school_a, year=year, pupils=25, reading_progress=progress
        )
    refresh_comparators()


def test_the_team_reads_every_year_beside_the_comparators_and_how_old_they_are(
    client_for, review, school_a, school_b, lead_reviewer, reviewer, school_leader
):
    add_figures(school_a, school_b)
    for person in (lead_reviewer, reviewer, school_leader):
        text = words(client_for(person).get(url(review)).text)

        assert OLD in text
        assert "Year This school Testshire England" in text
        # (100 × 20 + 300 × 40) / 400 = 35 % in Testshire and England.
        assert "2017/18 20.0% 35.0% 2 schools 35.0% 2 schools" in text
        assert "Reading progress 2017/18 2.0 2.0 1 school 2.0 1 school" in text
        assert "2016/17 -1.0 -1.0 1 school" in text


def test_people_outside_the_review_are_refused(client_for, review, school_a, school_b, outsider):
    add_figures(school_a, school_b)

    assert client_for(outsider).get(url(review)).status_code == 404
    visitor = client_for(None).get(url(review))
    assert visitor.status_code == 302 and "/sign-in/" in visitor.url
