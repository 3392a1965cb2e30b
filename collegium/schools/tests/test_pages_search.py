from django.urls import reverse

from collegium.schools.models import LocalAuthority, Phase
from conftest import make_school

URL = reverse("schools:search")


def test_empty_search_explains_and_counts_the_register(client_for, school_a, school_b):
    response = client_for(None).get(URL)
    assert response.status_code == 200
    assert "enter a school's 6-digit unique reference number" in response.text.replace("&#39;", "'")
    assert "The register holds 2 schools" in response.text


def test_anyone_finds_a_school_by_part_of_its_name(client_for, school_a, school_b):
    response = client_for(None).get(URL, {"q": "ash prim"})
    assert response.status_code == 200
    assert "1 school found" in response.text
    assert reverse("schools:detail", args=[school_a.urn]) in response.text
    assert "Beech Primary School" not in response.text


def test_digits_find_the_school_with_that_urn_only(client_for, school_a, school_b):
    text = client_for(None).get(URL, {"q": " 900002 "}).text
    assert "Beech Primary School" in text and "Ash Primary School" not in text
    assert "No schools found" in client_for(None).get(URL, {"q": "90000"}).text
    assert "No schools found" in client_for(None).get(URL, {"q": "9" * 30}).text


def test_town_and_local_authority_names_match(client_for, la, school_a):
    other = LocalAuthority.objects.create(code=201, name="City of London")
    make_school(other, 100000, "Sir John Cass School", town="London")
    assert "Sir John Cass School" in client_for(None).get(URL, {"q": "london"}).text
    text = client_for(None).get(URL, {"q": "city of"}).text
    assert "Sir John Cass School" in text and "Ash Primary School" not in text
    assert "Ash Primary School" in client_for(None).get(URL, {"q": "testtown"}).text


def test_phase_and_local_authority_filters(client_for, la, school_a, school_c):
    other = LocalAuthority.objects.create(code=201, name="City of London")
    make_school(other, 100000, "Sir John Cass School", phase=Phase.PRIMARY)
    text = client_for(None).get(URL, {"phase": "primary", "la": "888"}).text
    assert "Ash Primary School" in text
    assert "Cedar Academy" not in text and "Sir John Cass School" not in text
    text = client_for(None).get(URL, {"q": "school", "la": "201"}).text
    assert "Sir John Cass School" in text and "Ash Primary School" not in text


def test_results_come_25_a_page_with_pagination(client_for, la):
    for i in range(30):
        make_school(la, 800000 + i, f"Hawthorn School {i:02d}")
    first = client_for(None).get(URL, {"q": "hawthorn"}).text
    assert "30 schools found, showing 1 to 25" in first
    assert "Hawthorn School 24" in first and "Hawthorn School 25" not in first
    assert "?q=hawthorn&amp;page=2" in first
    second = client_for(None).get(URL, {"q": "hawthorn", "page": "2"}).text
    assert "showing 26 to 30" in second and "Hawthorn School 29" in second


def test_search_takes_few_queries(client_for, la, django_assert_max_num_queries):
    for i in range(30):
        make_school(la, 800000 + i, f"Hawthorn School {i:02d}")
    client = client_for(None)
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "hawthorn", "page": "2"})


def test_an_unknown_phase_is_refused_in_words(client_for, school_a):
    response = client_for(None).get(URL, {"phase": "university"})
    assert response.status_code == 400
    assert "Choose a phase from the list" in response.text
    assert "Ash Primary School" not in response.text


def test_search_for_digits_that_are_not_ascii_is_a_name_search(client, school_a):
    response = client.get("/schools/", {"q": "²"})
    assert response.status_code == 200
    assert school_a.name not in response.text
