"""Home, navigation and the error pages."""

import pytest
from django.test import override_settings
from django.urls import path

from collegium import urls as project_urls
from collegium import views


def nav_texts(response) -> list[str]:
    """Every page the person may open: in the header or under "More" on the home page."""
    from collegium.navigation import pages_for

    return [item["text"] for item in pages_for(response.wsgi_request)]


def header_texts(response) -> list[str]:
    from collegium.navigation import navigation_for

    return [item["text"] for item in navigation_for(response.wsgi_request)]


def test_home_page_for_the_public_offers_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Sign in" in response.text
    assert nav_texts(response) == [
        "Schools",
        "Reviewers",
        "Frameworks",
        "Published reviews",
        "Fairness",
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "outsider",
            [
                "Schools",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
            ],
        ),
        (
            "school_leader",
            [
                "Schools",
                "Reviews",
                "Self-evaluation",
                "Action plans",
                "Support between schools",
                "Safeguarding",
                "Clusters",
                "Improvement across the network",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Staff who review",
                "Community surveys",
            ],
        ),
        (
            "governor",
            [
                "Schools",
                "Self-evaluation",
                "Action plans",
                "Safeguarding",
                "Clusters",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Community surveys",
            ],
        ),
        (
            "reviewer",
            [
                "Schools",
                "Reviews",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Calibration exercises",
            ],
        ),
        (
            "coordinator",
            [
                "Schools",
                "Reviews",
                "Action plans",
                "Clusters",
                "Improvement in the cluster",
                "Improvement across the network",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
            ],
        ),
        (
            "moderator",
            [
                "Schools",
                "Reviews",
                "Self-evaluation",
                "Action plans",
                "Clusters",
                "Improvement in the cluster",
                "Improvement across the network",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Accreditation",
                "Moderation",
                "Network allocation",
                "Consistency",
                "Calibration",
                "Experience of being reviewed",
                "Safeguarding oversight",
                "Pupils leaving",
            ],
        ),
        (
            "adjudicator",
            [
                "Schools",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
            ],
        ),
        (
            "network_admin",
            [
                "Schools",
                "Reviews",
                "Action plans",
                "Clusters",
                "Improvement in the cluster",
                "Improvement across the network",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Network allocation",
                "Safeguarding oversight",
                "People and roles",
                "Moderation settings",
                "Retention periods",
                "Complaints",
                "Term dates",
                "Pupil files",
                "Pupils leaving",
                "Survey question banks",
            ],
        ),
    ],
)
def test_navigation_shows_what_each_role_allows(client_for, request, persona, expected):
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/")
    assert nav_texts(response) == expected
    page = " ".join(response.text.split())
    for text in expected:  # in the header or under "More"
        assert f"> {text} <" in page or f">{text}<" in page


@pytest.mark.parametrize(
    ("persona", "header"),
    [
        (
            "school_leader",
            [
                "Schools",
                "Reviews",
                "Self-evaluation",
                "Action plans",
                "Support between schools",
                "Safeguarding",
            ],
        ),
        (
            "governor",
            [
                "Schools",
                "Self-evaluation",
                "Action plans",
                "Safeguarding",
                "Clusters",
                "Published reviews",
            ],
        ),
        (
            "reviewer",
            [
                "Schools",
                "Reviews",
                "Reviewers",
                "Published reviews",
                "My reviewer record",
                "Calibration exercises",
            ],
        ),
        (
            "coordinator",
            [
                "Schools",
                "Reviews",
                "Action plans",
                "Clusters",
                "Improvement in the cluster",
                "Published reviews",
            ],
        ),
        (
            "moderator",
            ["Schools", "Reviews", "Published reviews", "Moderation", "Consistency", "Calibration"],
        ),
        (
            "network_admin",
            [
                "Schools",
                "Reviews",
                "Clusters",
                "Published reviews",
                "People and roles",
                "Complaints",
            ],
        ),
    ],
)
def test_header_shows_six_pages_the_rest_under_more(client_for, request, persona, header):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert header_texts(response) == header
    more = nav_texts(response)
    more = [text for text in more if text not in header]
    assert more, "the rest are under More"
    listed = response.text.split('<h2 class="govuk-heading-m">More</h2>')[1].split("</ul>")[0]
    assert all(f">{text}<" in listed for text in more)
    assert not any(f">{text}<" in listed for text in header)


@pytest.mark.parametrize(
    ("persona", "acting"),
    [
        ("school_leader", "(Head of Ash Primary School)"),
        ("governor", "(Governor of Ash Primary School)"),
        ("coordinator", "(Coordinator of Testtown Cluster)"),
        ("moderator", "(Moderator)"),
    ],
)
def test_header_names_the_school_and_role_acted_for(client_for, request, persona, acting):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert acting in response.text


def test_help_guides_are_open_to_everyone_and_linked_from_home(client, client_for, reviewer):
    home = client_for(reviewer).get("/")
    assert 'href="/help/reviewer/"' in home.text
    assert 'href="/help/head/"' not in home.text  # a guide to the parts the person plays
    guide = client.get("/help/reviewer/")
    assert guide.status_code == 200
    assert "If you are a reviewer" in guide.text and "How a review works" in guide.text
    assert all(client.get(f"/help/{slug}/").status_code == 200 for slug, _ in views.GUIDES)
    assert client.get("/help/").status_code == 200
    assert client.get("/help/astronaut/").status_code == 404


def test_cluster_improvement_link_goes_to_the_coordinators_one_cluster(
    client_for, coordinator, moderator, cluster
):
    from collegium.navigation import pages_for

    def link(user) -> str:
        response = client_for(user).get("/")
        texts = {item["text"]: item["href"] for item in pages_for(response.wsgi_request)}
        return texts["Improvement in the cluster"]

    assert link(coordinator) == f"/improvement/clusters/{cluster.pk}/"
    assert link(moderator) == "/improvement/clusters/"  # they follow every cluster


def test_unknown_page_is_an_accessible_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'lang="en"' in response.text
    assert 'id="main-content"' in response.text


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *project_urls.urlpatterns]
handler500 = views.server_error


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_apologises_without_details(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "boom" not in response.text


def test_refused_signed_in_person_sees_403_page(client_for, outsider):
    response = client_for(outsider).get("/reviewers/accreditation/")
    assert response.status_code == 403
    assert "You do not have permission" in response.text


def test_refused_visitor_is_asked_to_sign_in(client, db):
    response = client.get("/reviewers/accreditation/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/sign-in/?next=")
