"""Reading a pupil file: good rows become columns; every mistake is named with its line."""

import numpy as np
import pytest

from collegium.context.reading import (
    MAX_REPORTED,
    NAMES,
    FileMistakes,
    read_pupil_file,
    template_text,
)

HEADER = "pupil_key,urn,prior_attainment,outcome,fsm,eal,sen,gender,birth_month,idaci"


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def mistakes(content: bytes, urn_required: bool = True) -> list[str]:
    with pytest.raises(FileMistakes) as raised:
        read_pupil_file(content, urn_required=urn_required)
    return raised.value.messages


def test_a_good_file_is_read_as_columns():
    rows = read_pupil_file(
        csv(
            "A1,100001,104.5,52,1,0,N,F,9,0.1",
            " a2 ,100002, 98,38.5,Y,n,k,m,12,0.4",
        ),
        urn_required=True,
    )
    assert rows.keys == ["A1", "a2"]
    assert rows.urns is not None and rows.idaci is not None
    assert rows.urns.tolist() == [100001, 100002]
    assert rows.prior_attainment.tolist() == [104.5, 98.0]
    assert rows.fsm.tolist() == [True, True] and rows.eal.tolist() == [False, False]
    assert rows.sen.tolist() == ["N", "K"] and rows.gender.tolist() == ["F", "M"]
    assert rows.birth_month.tolist() == [9, 12]
    assert rows.idaci.tolist() == [0.1, 0.4]
    assert rows.lines.tolist() == [2, 3]


def test_the_template_is_a_valid_file_with_every_column():
    assert template_text().splitlines()[0] == ",".join(NAMES)
    assert len(read_pupil_file(template_text().encode(), urn_required=True)) == 2


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out():
    header = "outcome,pupil_key,sen,gender,birth_month,fsm,eal,prior_attainment"
    rows = read_pupil_file(csv("40,K1,E,F,3,0,1,101", header=header), urn_required=False)
    assert rows.urns is None and rows.idaci is None
    assert rows.outcome.tolist() == [40.0] and rows.sen.tolist() == ["E"]


def test_every_wrong_line_is_named_with_every_reason_and_values_are_quoted():
    found = mistakes(
        csv(
            "A1,100001,104.5,52,1,0,N,F,9,0.1",
            "A2,100001,abc,,2,0,X,F,13,1.5",
            "A3,100001,100,50,0,0,N,Q,0,0.2",
        )
    )
    assert found == [
        "Line 3: prior attainment 'abc' is not a number; the outcome is missing; "
        "FSM must be 1 (yes) or 0 (no), not '2'; SEN must be N, K or E, not 'X'; "
        "month of birth must be a whole number from 1 to 12, not '13'; "
        "IDACI must be a number from 0 to 1, not '1.5'",
        "Line 4: gender must be F or M, not 'Q'; "
        "month of birth must be a whole number from 1 to 12, not '0'",
    ]


def test_keys_must_be_given_once_and_never_a_upn():
    found = mistakes(
        csv(
            "K1,100001,100,50,0,0,N,F,1,0.2",
            ",100001,100,50,0,0,N,F,1,0.2",
            "K1,100001,100,50,0,0,N,F,1,0.2",
            "a123456789012,100001,100,50,0,0,N,F,1,0.2",
        )
    )
    assert found[0] == "Line 3: the pupil key is missing"
    assert found[1] == "Line 4: the pupil key is also on line 2: each pupil appears once"
    assert "looks like a unique pupil number (UPN)" in found[2] and found[2].startswith("Line 5")
    assert "a123456789012" not in " ".join(found)  # a key is never repeated back


def test_a_network_file_needs_urns_and_they_must_be_numbers():
    header = HEADER.replace("urn,", "")
    assert mistakes(csv("K1,100,50,0,0,N,F,1,0.2", header=header)) == [
        "The header must have the columns urn"
    ]
    found = mistakes(csv("K1,10000x,100,50,0,0,N,F,1,0.2", "K2,,100,50,0,0,N,F,1,0.2"))
    assert found == ["Line 2: URN '10000x' is not a URN", "Line 3: the URN is missing"]


def test_columns_it_does_not_read_are_refused_so_no_more_is_sent():
    found = mistakes(csv("K1,100001,100,50,0,0,N,F,1,0.2,Jo Bloggs", header=HEADER + ",name"))
    assert found == [
        "The file has columns Collegium does not read: name. Remove them, so that nothing more "
        "about pupils is sent than the columns in the template"
    ]


def test_missing_and_repeated_columns_are_named():
    found = mistakes(csv("K1,1,2", header="pupil_key,outcome,outcome"), urn_required=False)
    assert found == [
        "The header must have the columns prior_attainment, fsm, eal, sen, gender and birth_month",
        "The header repeats outcome",
    ]


def test_rows_of_the_wrong_width_are_named_and_blank_lines_skipped():
    found = mistakes(csv("K1,100001,100,50,0,0,N,F,1,0.2", "", "K2,100001,100", ",,,"))
    assert found == ["Line 4: it has 3 values, but the header has 10 columns"]
    rows = read_pupil_file(csv("K1,100001,100,50,0,0,N,F,1,0.2", ""), urn_required=True)
    assert len(rows) == 1


def test_a_file_that_is_not_utf8_or_is_empty_or_has_no_pupils_is_refused():
    assert mistakes("pupil_key\nJosé".encode("latin-1")) == [
        "The file must be a CSV file saved as UTF-8 (in Excel: CSV UTF-8)"
    ]
    assert mistakes(b"  \n") == ["The file is empty"]
    assert mistakes(csv()) == ["The file has a header but no pupils"]


def test_a_byte_order_mark_and_windows_line_endings_are_read():
    content = "\ufeff" + HEADER + "\r\nK1,100001,100,50,0,0,N,F,1,0.2\r\n"
    rows = read_pupil_file(content.encode(), urn_required=True)
    assert rows.keys == ["K1"]


def test_a_quote_never_closed_names_its_line():
    found = mistakes(csv("K1,100001,100,50,0,0,N,F,1,0.2", '"K2,100001,100,50,0,0,N,F,1,0.2'))
    assert found[0].startswith("Line ") and "cannot be read as CSV" in found[0]


def test_after_the_cap_the_rest_are_counted():
    bad = [f"K{i},100001,100,abc,0,0,N,F,1,0.2" for i in range(MAX_REPORTED + 25)]
    found = mistakes(csv(*bad))
    assert len(found) == MAX_REPORTED + 1
    assert found[0] == "Line 2: the outcome 'abc' is not a number"
    assert found[-1] == "and 25 more lines with mistakes"


def test_a_long_value_is_cut_in_the_message():
    found = mistakes(csv("K1,100001,100," + "x" * 500 + ",0,0,N,F,1,0.2"))
    assert found == ["Line 2: the outcome 'xxxxxxxxxxxxxxxxxxxx…' is not a number"]


def test_numbers_read_as_floats_everywhere():
    rows = read_pupil_file(csv("K1,100001,1e2,-3.5,0,0,N,F,01,0"), urn_required=True)
    assert rows.prior_attainment.tolist() == [100.0]
    assert rows.outcome.tolist() == [-3.5]
    assert rows.birth_month.dtype == np.int64 and rows.birth_month.tolist() == [1]


def test_a_value_running_over_two_lines_keeps_the_line_numbers_true():
    found = mistakes(csv('"K\n1",100001,100,50,0,0,N,F,1,0.2', "K2,100001,100,50,0,0,N,X,1,0.2"))
    assert found == ["Line 4: gender must be F or M, not 'X'"]
