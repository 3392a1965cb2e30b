"""Issue 12 D2's "done when", on the demo network, in real Chromium at a phone's width (390 px).

1. A head finds their school, reads its contextual value added (from the demo's synthetic
   file), opens the upload page, uploads a pupil file with mistakes (refused: the lines are
   named and nothing is stored), then the school's synthetic pupil file, and reads the school's
   value added again, with its interval, among similar schools.
2. The coordinator of the school's cluster reads it from a review's pre-review analysis.
axe-core checks every page; each must fit the 390 px screen.
"""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.context import fitting
from collegium.context.models import PupilFile, PupilRecord
from collegium.context.synthetic import pupil_file_text
from collegium.demo.network import DOMAIN
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Review
from tests.browser.journey import accessible, follow, sign_in_from_home, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1024, "height": 800}
SAM = f"sam.leader@{DOMAIN}"


def fits(page: Any) -> None:
    """No accessibility violation, and nothing wider than a 390 px phone; then back to the
    desktop width, where the service navigation is not folded into a menu."""
    accessible(page)
    page.set_viewport_size(PHONE)
    accessible(page)
    fitted = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size(DESKTOP)
    assert fitted, f"{page.url} is wider than a 390 px phone"


def open_school(page: Any, name: str) -> None:
    follow(page, "Schools")
    page.get_by_label("School name, URN, town or local authority").fill(name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=name, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(name)
    fits(page)


def upload(page: Any, path: Path) -> None:
    page.get_by_label("Average scaled score in reading and maths (key stage 2)").check()
    page.get_by_label("Pupil file (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Upload").click()


def test_a_head_uploads_pupils_and_reads_the_schools_value_added(page, demo_network, tmp_path):
    school = (
        RoleGrant.objects.select_related("school")
        .get(user__email=SAM, role=Role.SCHOOL_LEADER)
        .school
    )
    assert school is not None
    sign_in_from_home(page, SAM)
    open_school(page, school.name)

    page.get_by_role("link", name="Results against schools with a similar intake").click()
    expect(page.locator("h1")).to_have_text("Contextual value added")
    expect(page.get_by_text("Synthetic data").first).to_be_visible()
    expect(page.get_by_text("We are 95 % sure the difference is between").first).to_be_visible()
    fits(page)

    page.get_by_role("link", name=f"Upload a pupil file for {school.name}").click()
    expect(page.locator("h1")).to_have_text("Upload a pupil file")
    fits(page)
    page.get_by_text("What the file looks like").click()
    expect(page.get_by_role("cell", name="1 (January) to 12 (December)")).to_be_visible()
    fits(page)

    text = pupil_file_text(
        [school.urn], measure="ks2_scaled_score", pupils_per_school=28, seed=21, with_urn=False
    ).text
    lines = text.splitlines()
    wrong = list(lines)
    wrong[3] = wrong[3].replace(",F,", ",Girl,").replace(",M,", ",Boy,")
    wrong[5] = ",".join([*wrong[5].split(",")[:-2], "13", wrong[5].split(",")[-1]])
    bad = tmp_path / "pupils-with-mistakes.csv"
    bad.write_text("\n".join(wrong) + "\n")
    before = PupilRecord.objects.count(), PupilFile.objects.count()
    upload(page, bad)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Line 4: gender must be F or M")
    expect(summary).to_contain_text("Line 6: month of birth must be a whole number from 1 to 12")
    fits(page)
    assert (PupilRecord.objects.count(), PupilFile.objects.count()) == before

    good = tmp_path / "pupils.csv"
    good.write_text(text)
    upload(page, good)
    expect(page.get_by_text("The pupil file has been uploaded")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Contextual value added")
    expect(page.get_by_text("Waiting to be worked out")).to_be_visible()  # the worker's turn
    fits(page)
    fitting.work_out(PupilFile.objects.get(school=school, file_name="pupils.csv").pk)
    page.get_by_role("link", name="Check again").click()
    expect(page.get_by_role("cell", name="Worked out")).to_be_visible()
    expect(page.get_by_text("From pupils.csv, uploaded on")).to_be_visible()
    expect(page.get_by_text("We are 95 % sure the difference is between").first).to_be_visible()
    expect(page.get_by_role("row", name=f"{school.name} (this school)").first).to_be_visible()
    expect(page.locator("figure svg").first).to_be_visible()
    fits(page)
    assert PupilFile.objects.filter(school=school, pupils=28).exists()
    sign_out(page)


def test_the_coordinator_reads_it_in_the_pre_review_analysis(page, demo_network):
    review = Review.objects.exclude(status=Review.Status.CANCELLED).select_related("school")[0]
    coordinator = RoleGrant.objects.get(role=Role.CLUSTER_COORDINATOR, cluster=review.cluster).user
    sign_in_from_home(page, coordinator.email)
    follow(page, "Reviews")
    page.get_by_role("link", name=review.school.name).first.click()
    page.get_by_role("link", name="Pre-review analysis").click()
    fits(page)
    page.get_by_role(
        "link", name="The school's results against schools with a similar intake"
    ).click()
    expect(page.locator("h1")).to_have_text("Contextual value added")
    expect(page.get_by_role("link", name="Back to the pre-review analysis")).to_be_visible()
    expect(page.get_by_text("what schools with a similar intake achieve").first).to_be_visible()
    fits(page)
