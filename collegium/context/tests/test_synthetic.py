"""Synthetic pupil files: valid files of generated pupils, for one school or many."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collegium.context.reading import read_pupil_file
from collegium.context.synthetic import pupil_file_text


def test_a_network_file_names_each_school_and_no_key_is_real():
    synthetic = pupil_file_text([100001, 100002, 100003], pupils_per_school=20, seed=4)
    rows = read_pupil_file(synthetic.text.encode(), urn_required=True)
    assert len(rows) == synthetic.pupils == 60
    assert set(rows.urns.tolist()) == {100001, 100002, 100003}  # type: ignore[union-attr]
    assert all(key.startswith("SYN-4-") for key in rows.keys)
    assert set(synthetic.effects) == {100001, 100002, 100003}


def test_key_stage_2_files_are_on_the_scaled_score_scale():
    synthetic = pupil_file_text([100001, 100002], measure="ks2_scaled_score", seed=4)
    rows = read_pupil_file(synthetic.text.encode(), urn_required=True)
    assert 95 < rows.outcome.mean() < 110


@pytest.mark.django_db
def test_the_command_writes_a_schools_file_to_upload(school_a):
    out = StringIO()
    call_command("synthetic_pupil_file", "--school", str(school_a.urn), stdout=out)
    rows = read_pupil_file(out.getvalue().encode(), urn_required=False)
    assert rows.urns is None and len(rows) == 30  # a primary: a key stage 2 year group
    with pytest.raises(CommandError, match="No school with URN 999999"):
        call_command("synthetic_pupil_file", "--school", "999999", stdout=StringIO())
