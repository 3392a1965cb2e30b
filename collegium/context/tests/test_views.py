"""The context pages: the school's value added among similar schools, uploads, the list, the
template; each with the people who must be refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from collegium.context.models import PupilFile, PupilRecord, SchoolValueAdded
from collegium.context.services import upload_pupil_file
from collegium.context.tests.conftest import KS4, YEAR, make_schools, network_csv, school_csv
from collegium.people.models import Role
from collegium.schools.models import Census, Phase
from conftest import grant, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def primaries(la, school_a):
    """School A and eight other primary schools, all with census figures."""
    Census.objects.create(
        school=school_a, year=2024, pupils=650, pct_fsm_ever=14.0, pct_sen_support=9.0
    )
    return [school_a, *make_schools(la, 8, first_urn=930001, phase=Phase.PRIMARY)]


@pytest.fixture
def fitted(network_admin, primaries):
    return upload_pupil_file(
        network_admin,
        school=None,
        year=YEAR,
        measure=KS4,
        file_name="network.csv",
        content=network_csv(primaries, pupils_per_school=30),
    )


def form(content: bytes, name: str = "pupils.csv") -> dict:
    return {"year": str(YEAR), "measure": KS4, "file": SimpleUploadedFile(name, content)}


def test_the_schools_leader_reads_its_value_added_among_similar_schools(
    client_for, school_leader, school_a, fitted
):
    page = client_for(school_leader).get(f"/context/schools/{school_a.urn}/value-added/")
    assert page.status_code == 200
    text = page.text
    result = SchoolValueAdded.objects.get(school=school_a)
    assert result.reading.capitalize() in text
    assert "what schools with a similar intake achieve" in text
    assert "We are 95 % sure the difference is between" in text
    assert "Attainment 8 (key stage 4), 2024/25" in text
    assert "Ash Primary School (this school)" in text  # in the table and as text in the chart
    assert "<svg" in text and "whose intake is most like its own" in text
    assert text.count("School 0") >= 8  # the eight other primaries, by name
    assert "Upload a pupil file for Ash Primary School" in text


def test_without_census_figures_the_closest_cohorts_are_shown_and_said(
    client_for, school_leader, school_a, fitted
):
    Census.objects.filter(school=school_a).delete()
    page = client_for(school_leader).get(f"/context/schools/{school_a.urn}/value-added/")
    assert "with the closest number of pupils" in page.text


def test_governors_and_moderators_read_it_others_are_refused(
    client_for, governor, moderator, outsider, reviewer, school_a, school_b, fitted
):
    url = f"/context/schools/{school_a.urn}/value-added/"
    assert client_for(governor).get(url).status_code == 200
    assert client_for(moderator).get(url).status_code == 200
    page = client_for(governor).get(url).text
    assert "Upload a pupil file" not in page  # governors read, leaders upload
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(reviewer).get(url).status_code == 403
    other_head = grant(make_user("Otto Head"), Role.SCHOOL_LEADER, school=school_b)
    assert client_for(other_head).get(url).status_code == 403
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/account/sign-in/" in anonymous["Location"]


def test_a_school_with_no_pupils_uploaded_is_told_how_figures_come(
    client_for, school_leader, school_a
):
    page = client_for(school_leader).get(f"/context/schools/{school_a.urn}/value-added/")
    assert "There is no contextual value added for this school yet" in page.text


def test_the_review_team_reads_it_from_the_pre_review_analysis(
    client_for, reviewer, outsider, review, fitted
):
    url = f"/context/reviews/{review.pk}/value-added/"
    page = client_for(reviewer).get(url)
    assert page.status_code == 200
    assert "Back to the pre-review analysis" in page.text
    assert "We are 95 % sure" in page.text
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_leader_uploads_the_schools_file_and_reads_the_new_figures(
    client_for, school_leader, school_a, fitted
):
    client = client_for(school_leader)
    url = f"/context/schools/{school_a.urn}/pupil-files/upload/"
    page = client.get(url)
    assert page.status_code == 200 and "pupil_key" in page.text and "birth_month" in page.text
    answer = client.post(url, form(school_csv(school_a, pupils=22)))
    assert answer.status_code == 302
    assert answer["Location"] == f"/context/schools/{school_a.urn}/value-added/"
    own = PupilFile.objects.get(school=school_a)
    assert own.uploaded_by == school_leader and own.pupils == 22
    assert SchoolValueAdded.objects.filter(school=school_a, pupil_file=own, pupils=22).exists()
    assert "The pupil file has been uploaded" in client.get(answer["Location"]).text


def test_a_file_with_mistakes_is_refused_with_its_lines_and_stores_nothing(
    client_for, school_leader, school_a
):
    lines = school_csv(school_a).decode().splitlines()
    lines[3] = lines[3].replace(",N,", ",Z,").replace(",K,", ",Z,").replace(",E,", ",Z,")
    lines[6] = ",".join(["", *lines[6].split(",")[1:]])
    content = ("\n".join(lines) + "\n").encode()
    url = f"/context/schools/{school_a.urn}/pupil-files/upload/"
    page = client_for(school_leader).post(url, form(content))
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert "Line 4: SEN must be N, K or E, not &#39;Z&#39;" in page.text
    assert "Line 7: the pupil key is missing" in page.text
    assert not PupilFile.objects.exists() and not PupilRecord.objects.exists()


def test_no_file_or_a_missing_measure_is_named(client_for, school_leader, school_a):
    url = f"/context/schools/{school_a.urn}/pupil-files/upload/"
    page = client_for(school_leader).post(url, {"year": str(YEAR)})
    assert page.status_code == 400
    assert "Choose a pupil file to upload" in page.text
    assert "Choose the outcome measure" in page.text
    assert not PupilFile.objects.exists()


def test_only_the_schools_leaders_and_the_network_upload_for_it(
    client_for, governor, outsider, school_b, school_a, network_admin
):
    url = f"/context/schools/{school_a.urn}/pupil-files/upload/"
    content = school_csv(school_a)
    assert client_for(governor).post(url, form(content)).status_code == 403
    assert client_for(outsider).get(url).status_code == 403
    other_head = grant(make_user("Otto Head"), Role.SCHOOL_LEADER, school=school_b)
    assert client_for(other_head).post(url, form(content)).status_code == 403
    assert client_for(None).post(url, form(content)).status_code == 302
    assert not PupilFile.objects.exists()
    assert client_for(network_admin).post(url, form(content)).status_code == 302
    assert PupilFile.objects.get().school == school_a


def test_the_network_admin_uploads_a_file_for_many_schools_and_lists_files(
    client_for, network_admin, school_leader, primaries
):
    client = client_for(network_admin)
    answer = client.post("/context/pupil-files/upload/", form(network_csv(primaries), "all.csv"))
    assert answer.status_code == 302 and answer["Location"] == "/context/pupil-files/"
    listing = client.get("/context/pupil-files/")
    assert "all.csv" in listing.text and "9 schools" in listing.text
    assert client_for(school_leader).get("/context/pupil-files/").status_code == 403
    refused = client_for(school_leader).post(
        "/context/pupil-files/upload/", form(network_csv(primaries), "again.csv")
    )
    assert refused.status_code == 403 and PupilFile.objects.count() == 1


def test_a_network_file_needs_its_schools_urns(client_for, network_admin, school_a):
    answer = client_for(network_admin).post(
        "/context/pupil-files/upload/", form(school_csv(school_a))
    )
    assert answer.status_code == 400
    assert "The header must have the columns urn" in answer.text


def test_the_template_downloads_for_those_who_upload(client_for, school_leader, outsider):
    answer = client_for(school_leader).get("/context/pupil-files/template.csv")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    assert answer.content.decode().startswith("pupil_key,urn,prior_attainment,outcome")
    assert client_for(outsider).get("/context/pupil-files/template.csv").status_code == 403
    assert client_for(None).get("/context/pupil-files/template.csv").status_code == 302
