"""Home, navigation and the error pages."""

import pytest
from django.test import override_settings
from django.urls import path

from collegium import urls as project_urls
from collegium import views


def nav_texts(response) -> list[str]:
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
                "Clusters",
                "Improvement across the network",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
                "Staff who review",
            ],
        ),
        (
            "governor",
            [
                "Schools",
                "Self-evaluation",
                "Action plans",
                "Clusters",
                "Reviewers",
                "Frameworks",
                "Published reviews",
                "Fairness",
                "My reviewer record",
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
                "Consistency",
                "Calibration",
                "Experience of being reviewed",
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
                "People and roles",
                "Moderation settings",
                "Complaints",
                "Term dates",
            ],
        ),
    ],
)
def test_navigation_shows_what_each_role_allows(client_for, request, persona, expected):
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/")
    assert nav_texts(response) == expected
    for text in expected:
        assert f">{text}<" in response.text.replace("\n", "")


def test_cluster_improvement_link_goes_to_the_coordinators_one_cluster(
    client_for, coordinator, moderator, cluster
):
    from collegium.navigation import navigation_for

    def link(user) -> str:
        response = client_for(user).get("/")
        texts = {item["text"]: item["href"] for item in navigation_for(response.wsgi_request)}
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
