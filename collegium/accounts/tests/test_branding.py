"""Collegium is not a government service: no crown, no crest, no Crown copyright."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_no_crown_or_crown_copyright(client):
    page = client.get("/").text
    assert "govuk-footer__crown" not in page
    assert "crown-copyright" not in page
    assert "govuk-footer__copyright-logo" not in page
    assert "Open Government Licence" in page
