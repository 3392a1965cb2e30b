"""Cut-short, damaged and shrunken files refuse the whole import before anything is written.

The committed demo subset (collegium/demo/data) is copied, imported once, then damaged the way
a download or a copy goes wrong; the next import must refuse it, name the file and the line,
and leave the register as it was.
"""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from collegium.demo import network
from collegium.schools.importing.loader import import_register
from collegium.schools.models import ImportRun, School
from collegium.schools.tests.test_import_register import DEMO, FILES, MI, SPINE, snapshot, write

KS2_COORDS = "derived_waiky8_eng-schools/england_ks2final.csv"
RATINGS = "derived_waiky8_schools-data/ofsted_ratings_2018.csv"
REPORTS = "ofsted_scraped_2017-18_mathickman/*_Schools_sheet.csv"
NATIONAL = {SPINE: 26_078, KS2_COORDS: 16_355}  # rows the national files have
PRIMARY_REPORTS = REPORTS.replace("*", "2017-18_Academic_year_-_Primary")
SECONDARY_REPORTS = REPORTS.replace("*", "2017-18_Academic_year_-_Secondary")


@pytest.fixture
def demo_dir(tmp_path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "data"))


@pytest.fixture
def imported(demo_dir) -> Path:
    """The demo subset imported once: the import the next one is compared with."""
    import_register(demo_dir)
    return demo_dir


def refusal(data_dir: Path, **options) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("import_schools", data_dir=data_dir, stdout=io.StringIO(), **options)
    return str(refused.value)


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def keep_lines(path: Path, count: int) -> None:
    path.write_bytes(b"".join(lines(path)[:count]))


@pytest.mark.django_db
def test_a_file_cut_part_way_through_a_line_is_refused_and_nothing_changes(imported):
    before, runs = snapshot(), ImportRun.objects.count()
    path = imported / KS2_COORDS
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # as a download cut at a third
    cut_line = data[: len(data) // 3].count(b"\n") + 1

    message = refusal(imported)

    assert message == (
        f"Nothing was imported. {KS2_COORDS} ends part-way through line {cut_line}: its last "
        "line has no line ending, so the file may have been cut short."
    )
    assert snapshot() == before
    assert ImportRun.objects.count() == runs


@pytest.mark.django_db
def test_a_school_list_cut_in_half_at_a_line_end_is_refused_and_nothing_changes(imported):
    before, runs = snapshot(), ImportRun.objects.count()
    path = imported / SPINE
    rows = len(lines(path)) - 1
    keep_lines(path, 1 + rows // 2)

    message = refusal(imported)

    assert message == (
        f"Nothing was imported. {SPINE} has {rows // 2} rows, 50% fewer than the {rows} the "
        "last import read: it may have been cut short. If the file really is smaller, import "
        "again with --allow-shrink."
    )
    assert snapshot() == before
    assert ImportRun.objects.count() == runs


@pytest.mark.django_db
def test_a_smaller_file_imports_with_allow_shrink_and_sets_the_new_baseline(imported):
    path = imported / SPINE
    rows = len(lines(path)) - 1
    keep_lines(path, 1 + rows // 2)

    call_command("import_schools", data_dir=imported, allow_shrink=True, stdout=io.StringIO())

    run = ImportRun.objects.latest("pk")
    assert run.file_rows[SPINE] == rows // 2
    assert import_register(imported).rows_changed == 0  # compared with the smaller file now


@pytest.mark.django_db
def test_a_drop_of_up_to_a_tenth_imports(imported):
    path = imported / RATINGS
    rows = len(lines(path)) - 1
    keep_lines(path, 1 + rows - rows // 10)

    result = import_register(imported)

    assert ImportRun.objects.get(pk=result.run_id).file_rows[RATINGS] == rows - rows // 10


@pytest.mark.django_db
def test_each_files_rows_are_recorded_on_the_import_run(imported):
    run = ImportRun.objects.get()
    assert run.file_rows[SPINE] == len(lines(imported / SPINE)) - 1
    assert run.file_rows[MI] == len(lines(imported / MI)) - 1
    assert len(run.file_rows) == len(list(imported.glob("*/*.csv")))


@pytest.mark.django_db
def test_a_file_the_last_import_read_that_is_now_missing_is_refused(imported):
    before = snapshot()
    (imported / KS2_COORDS).unlink()

    message = refusal(imported)

    previous = ImportRun.objects.get().file_rows[KS2_COORDS]
    assert message == (
        f"Nothing was imported. {KS2_COORDS} is missing, but the last import read "
        f"{previous} rows from it. If it is no longer published, import again with "
        "--allow-shrink."
    )
    assert snapshot() == before


@pytest.mark.django_db
def test_one_of_several_files_shrinking_is_refused_by_name(imported):
    path = imported / PRIMARY_REPORTS
    keep_lines(path, 5)

    assert refusal(imported).startswith(f"Nothing was imported. {PRIMARY_REPORTS} has 4 rows")


@pytest.mark.django_db
def test_a_file_renamed_by_its_publisher_is_compared_as_its_kind_of_file(imported):
    """A new monthly Ofsted extract has a new name; the total for its kind of file is checked."""
    old = imported / MI
    renamed = old.with_name("ofsted_mi_first18rows_as_at_30_June_2026.csv")
    old.rename(renamed)
    import_register(imported)  # the same rows under a new name

    keep_lines(renamed, 3)
    renamed.rename(old)

    assert refusal(imported).startswith(
        "Nothing was imported. The files matching ofsted_mi_sample_2026/*.csv have 2 rows, "
    )


@pytest.mark.django_db
def test_an_unterminated_quote_is_refused_with_file_and_line(demo_dir):
    path = demo_dir / RATINGS  # a file with no quotes, so nothing closes it
    rows = lines(path)
    rows[9] = rows[9].replace(b",", b',"', 1)
    path.write_bytes(b"".join(rows))

    message = refusal(demo_dir)

    assert message == (
        f"Nothing was imported. {RATINGS} line 10 opens a quoted field that is never closed: "
        "the file may be cut short or damaged."
    )
    assert not School.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_header_only_file_is_refused_with_file_and_line(demo_dir):
    keep_lines(demo_dir / SECONDARY_REPORTS, 1)

    message = refusal(demo_dir)

    assert message == (
        f"Nothing was imported. {SECONDARY_REPORTS} has a header on line 1 but no rows: "
        "the file may have been cut short."
    )
    assert not School.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_short_row_is_refused_with_file_and_line(imported):
    before = snapshot()
    path = imported / RATINGS
    rows = lines(path)
    rows[4] = rows[4].split(b",")[0] + b"\r\n"
    path.write_bytes(b"".join(rows))

    message = refusal(imported)

    assert message.startswith(f"Nothing was imported. {RATINGS} line 5 has 1 field but the ")
    assert snapshot() == before


@pytest.mark.django_db
def test_a_first_import_has_nothing_to_compare_with(tmp_path):
    for name, rows in FILES.items():
        write(tmp_path, name, rows)

    result = import_register(tmp_path)

    assert ImportRun.objects.get(pk=result.run_id).file_rows[SPINE] == len(FILES[SPINE])


@pytest.mark.django_db
def test_the_demo_subset_loads_over_a_national_register(monkeypatch):
    """The demo's committed files are far smaller than the national files by design."""
    ImportRun.objects.create(source_dir="national", finished_at=timezone.now(), file_rows=NATIONAL)
    monkeypatch.setattr(network, "demo_loaded", lambda: True)  # the import alone

    network.load_demo_network()

    assert School.objects.exists()
    assert ImportRun.objects.latest("pk").file_rows[SPINE] < NATIONAL[SPINE]
