"""The privacy notice and accessibility statement: public, linked from every page's footer."""

import pytest

NOTICE, STATEMENT = "/privacy/", "/privacy/accessibility/"


@pytest.mark.django_db
def test_anyone_reads_both_pages_from_the_footer(client):
    home = client.get("/").text
    assert f'href="{NOTICE}"' in home and f'href="{STATEMENT}"' in home
    notice = client.get(NOTICE)
    assert notice.status_code == 200
    assert "Privacy notice" in notice.text and "Information Commissioner" in notice.text
    assert "evidence notes: 36 months after" in notice.text
    statement = client.get(STATEMENT)
    assert statement.status_code == 200
    assert "WCAG" in statement.text and "Equality Advisory" in statement.text
    assert "tagged PDFs (PDF/UA-1)" in statement.text and "may not be tagged" not in statement.text


@pytest.mark.django_db
def test_the_notice_links_a_signed_in_person_to_their_own_data(client_for, outsider):
    page = client_for(outsider).get(NOTICE).text
    assert page.count('href="/privacy/my-data/"') == 2  # the notice and the account links
    assert client_for(outsider).get("/privacy/my-data/").status_code == 200


@pytest.mark.django_db
def test_someone_not_signed_in_is_asked_to_sign_in_for_their_data(client):
    for url in ("/privacy/my-data/", "/privacy/my-data/download/"):
        response = client.get(url)
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
