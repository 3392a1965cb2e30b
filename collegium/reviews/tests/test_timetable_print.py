"""The visit timetable's print view: the print stylesheet and a "Print this page" button, for
those who may read the timetable."""

from django.urls import reverse


def test_the_timetable_links_the_print_stylesheet_and_button(client_for, review, reviewer):
    page = client_for(reviewer).get(reverse("reviews:timetable", args=[review.pk]))
    assert page.status_code == 200
    text = page.text
    assert 'rel="stylesheet" media="print" href="/static/print.css"' in text
    assert "Print this page" in text and 'src="/static/print.js"' in text
    assert "use your browser's print command" in text.replace("&#39;", "'")


def test_those_refused_the_timetable_see_no_print_view(client_for, review, outsider):
    assert (
        client_for(outsider).get(reverse("reviews:timetable", args=[review.pk])).status_code == 404
    )
    anonymous = client_for(None).get(reverse("reviews:timetable", args=[review.pk]))
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous.url
