"""Uploading pupil files: all or nothing, keys hashed, the value added fitted and stored once."""

import hashlib
import hmac

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.context import keys
from collegium.context.models import (
    FitState,
    PupilFile,
    PupilRecord,
    SchoolValueAdded,
    ValueAddedFit,
)
from collegium.context.services import MAX_BYTES, TOO_BIG, upload_pupil_file
from collegium.context.tests.conftest import KS4, YEAR, network_csv, school_csv
from collegium.cva import fit_pupils, pupil_design


def upload(actor, content: bytes, school=None, **kwargs):
    return upload_pupil_file(
        actor,
        school=school,
        year=kwargs.pop("year", YEAR),
        measure=kwargs.pop("measure", KS4),
        file_name="pupils.csv",
        content=content,
        **kwargs,
    )


def nothing_stored() -> bool:
    return not (
        PupilFile.objects.exists()
        or PupilRecord.objects.exists()
        or ValueAddedFit.objects.exists()
        or AuditEvent.objects.filter(action=verbs.PUPIL_FILE_UPLOADED).exists()
    )


@pytest.mark.django_db
def test_a_network_file_is_stored_fitted_and_recorded(network_admin, secondaries):
    content = network_csv(secondaries)
    pupil_file = upload(network_admin, content)
    assert pupil_file.schools == 12 and pupil_file.pupils == PupilRecord.objects.count()
    fit = ValueAddedFit.objects.get()
    assert fit.pupils == pupil_file.pupils and fit.schools == 12
    assert SchoolValueAdded.objects.filter(fit=fit).count() == 12
    event = AuditEvent.objects.get(action=verbs.PUPIL_FILE_UPLOADED)
    assert event.actor == network_admin
    assert event.after is not None and event.after["pupils"] == pupil_file.pupils


@pytest.mark.django_db
def test_the_stored_figures_are_the_cores_fit_of_the_same_pupils(network_admin, secondaries):
    upload(network_admin, network_csv(secondaries))
    records = PupilRecord.objects.order_by("pk")
    columns = {
        name: np.array(list(records.values_list(name, flat=True)))
        for name in ("prior_attainment", "fsm", "eal", "sen", "gender", "birth_month", "idaci")
    }
    outcome = np.array(list(records.values_list("outcome", flat=True)))
    schools = np.array(list(records.values_list("school_id", flat=True)))
    expected = fit_pupils(outcome, pupil_design(**columns), schools)
    for row in expected.rows():
        stored = SchoolValueAdded.objects.get(school_id=int(str(row.school)))
        assert stored.pupils == row.pupils
        assert stored.effect == pytest.approx(row.effect, abs=1e-9)
        assert stored.low == pytest.approx(row.low, abs=1e-9)
        assert stored.reading == row.reading.value


@pytest.mark.django_db
def test_no_pupil_key_is_stored_only_its_keyed_hash(network_admin, secondaries, settings):
    upload(network_admin, network_csv(secondaries))
    record = PupilRecord.objects.order_by("pk")[0]
    secret = hmac.digest(settings.SECRET_KEY.encode(), keys.LABEL, "sha256")
    expected = hmac.new(secret, b"SYN-3-0000000", hashlib.sha256).hexdigest()
    assert PupilRecord.objects.filter(key_hash=expected).exists()
    assert len(record.key_hash) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM context_pupilrecord")
        cells = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "SYN-" not in cells


def test_another_secret_gives_other_hashes(settings):
    first = keys.hash_keys(["K1"]), keys.secret_fingerprint()
    settings.SECRET_KEY = "another-secret-key-for-another-network-0123456789-abcdefghijklmno"
    second = keys.hash_keys(["K1"]), keys.secret_fingerprint()
    assert first[0] != second[0] and first[1] != second[1]
    assert keys.hash_keys([" K1 ".strip()]) == second[0]


@pytest.mark.django_db
def test_a_file_with_one_bad_row_stores_nothing_and_names_the_line(network_admin, secondaries):
    lines = network_csv(secondaries).decode().splitlines()
    lines[7] = lines[7].replace(",F,", ",X,").replace(",M,", ",X,")
    with pytest.raises(ValidationError) as refused:
        upload(network_admin, ("\n".join(lines) + "\n").encode())
    assert refused.value.messages == ["Line 8: gender must be F or M, not 'X'"]
    assert nothing_stored()


@pytest.mark.django_db
def test_a_network_file_naming_a_school_not_in_the_register_is_refused(network_admin, secondaries):
    content = network_csv(secondaries).decode().replace(f",{secondaries[0].urn},", ",999999,")
    with pytest.raises(ValidationError) as refused:
        upload(network_admin, content.encode())
    assert refused.value.messages[0].endswith("URN 999999 is not a school in the register")
    assert nothing_stored()


@pytest.mark.django_db
def test_a_school_uploads_only_its_own_pupils(school_leader, school_a, secondaries):
    content = network_csv(secondaries[:2])
    with pytest.raises(ValidationError) as refused:
        upload(school_leader, content, school=school_a)
    assert (
        "is not this school's (900001): a school uploads only its own pupils"
        in (refused.value.messages[0])
    )
    assert nothing_stored()


@pytest.mark.django_db
def test_an_oversized_file_is_refused_before_it_is_read(network_admin):
    with pytest.raises(ValidationError) as refused:
        upload(network_admin, b"x" * (MAX_BYTES + 1))
    assert refused.value.messages == [TOO_BIG]
    assert nothing_stored()


@pytest.mark.django_db
def test_one_school_alone_is_stored_but_not_fitted_until_a_second_comes(
    school_leader, school_a, network_admin, secondaries
):
    upload(school_leader, school_csv(school_a), school=school_a)
    assert PupilFile.objects.count() == 1 and not ValueAddedFit.objects.exists()
    upload(network_admin, network_csv(secondaries[:3]))
    fit = ValueAddedFit.objects.get()
    assert set(fit.results.values_list("school_id", flat=True)) == {
        school_a.urn,
        *(s.urn for s in secondaries[:3]),
    }


@pytest.mark.django_db
def test_a_schools_upload_replaces_its_pupils_in_the_networks_file(network_admin, secondaries, la):
    from collegium.people.models import Role
    from conftest import grant, make_user

    first = upload(network_admin, network_csv(secondaries))
    school = secondaries[0]
    head = grant(make_user("Hal Head"), Role.SCHOOL_LEADER, school=school)
    own = upload(head, school_csv(school, pupils=25), school=school)
    fit = ValueAddedFit.objects.order_by("-pk")[0]
    assert fit.pupil_file == own and fit.schools == 12
    mine = fit.results.get(school=school)
    assert mine.pupil_file == own and mine.pupils == 25
    assert fit.results.get(school=secondaries[1]).pupil_file == first
    assert fit.pupils == first.pupils - first.records.filter(school=school).count() + 25
    assert ValueAddedFit.objects.count() == 2  # the first fit is kept as it was


@pytest.mark.django_db
def test_schools_of_fewer_than_ten_pupils_get_no_figure(network_admin, secondaries, school_a):
    head_file = network_csv(secondaries[:4]).decode().splitlines()
    urn = secondaries[0].urn
    kept = [head_file[0]] + [line for line in head_file[1:] if f",{urn}," not in line]
    kept += [line for line in head_file[1:] if f",{urn}," in line][:9]
    upload(network_admin, ("\n".join(kept) + "\n").encode())
    small = SchoolValueAdded.objects.get(school_id=urn)
    assert small.pupils == 9 and small.effect is None and small.low is None
    assert small.reading == "too few pupils"


@pytest.mark.django_db
def test_idaci_is_left_out_for_all_when_one_schools_file_lacks_it(network_admin, secondaries):
    upload(network_admin, network_csv(secondaries[1:4]))
    lines = school_csv(secondaries[0]).decode().splitlines()
    without = [",".join(line.split(",")[:-1]) for line in lines]
    from collegium.people.models import Role
    from conftest import grant, make_user

    head = grant(make_user("Ida Head"), Role.SCHOOL_LEADER, school=secondaries[0])
    upload(head, ("\n".join(without) + "\n").encode(), school=secondaries[0])
    fit = ValueAddedFit.objects.order_by("-pk")[0]
    assert "idaci" not in fit.coefficients and "idaci" in fit.left_out


@pytest.mark.django_db
def test_a_collinear_pool_fails_the_fit_with_the_reason_and_keeps_no_pupil(
    network_admin, secondaries
):
    lines = network_csv(secondaries[:3]).decode().splitlines()
    # Every pupil with FSM also has EAL and the other way round: their effects cannot be told
    # apart.
    same = []
    for line in lines[1:]:
        cells = line.split(",")
        cells[5] = cells[4]
        same.append(",".join(cells))
    pupil_file = upload(network_admin, ("\n".join([lines[0], *same]) + "\n").encode())
    assert pupil_file.fit_state == FitState.FAILED
    assert "cannot be worked out with these pupils, so they were not kept" in pupil_file.fit_message
    assert "'eal'" in pupil_file.fit_message
    assert not PupilRecord.objects.exists() and not ValueAddedFit.objects.exists()


@pytest.mark.django_db
def test_generated_effects_are_recovered(network_admin, la):
    from collegium.context.synthetic import pupil_file_text
    from collegium.context.tests.conftest import make_schools

    schools = make_schools(la, 60, first_urn=920001)
    synthetic = pupil_file_text([s.urn for s in schools], pupils_per_school=150, seed=9)
    upload(network_admin, synthetic.text.encode())
    stored = dict(SchoolValueAdded.objects.values_list("school_id", "effect"))
    urns = sorted(stored)
    r = np.corrcoef([stored[u] for u in urns], [synthetic.effects[u] for u in urns])[0, 1]
    assert r > 0.9
