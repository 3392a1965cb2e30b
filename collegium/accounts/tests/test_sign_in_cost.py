"""A sign-in spends its time on one password hash, never more, and a locked one on none."""

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    get_hashers,
    make_password,
)

from collegium import settings as project_settings
from collegium.accounts.models import User

PASSWORD = "correct-horse-battery-staple"
HASHES: list[str] = []


class CountingArgon2(Argon2PasswordHasher):
    """Argon2 as configured, but small enough for a test, counting each hash it computes."""

    memory_cost = 64
    parallelism = 1

    def encode(self, password: str, salt: str) -> str:
        HASHES.append(str(self.algorithm))
        return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        HASHES.append(str(self.algorithm))
        return super().verify(password, encoded)


class CountingPBKDF2(PBKDF2PasswordHasher):
    iterations = 1000

    def encode(self, password: str, salt: str, iterations: int | None = None) -> str:
        HASHES.append(str(self.algorithm))
        return super().encode(password, salt, iterations)


@pytest.fixture
def counting_hashers(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingArgon2", f"{__name__}.CountingPBKDF2"]
    assert isinstance(get_hashers()[0], CountingArgon2)  # the setting's signal reloaded them
    return HASHES


def sign_in(client, email: str, password: str):
    HASHES.clear()
    return client.post("/account/sign-in/", {"username": email, "password": password})


@pytest.fixture
def person(db, counting_hashers) -> User:
    return User.objects.create_user("head@example.org", PASSWORD, full_name="Pat Head")


def test_signing_in_hashes_the_password_once(client, person):
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    assert HASHES == ["argon2"]


def test_a_wrong_password_hashes_once(client, person):
    assert sign_in(client, person.email, "wrong").status_code == 200
    assert HASHES == ["argon2"]


def test_an_unknown_address_hashes_once_like_a_known_one(client, person):
    assert sign_in(client, "nobody@example.org", "wrong").status_code == 200
    assert HASHES == ["argon2"]


def test_someone_who_never_set_a_password_hashes_once(client, db, counting_hashers):
    User.objects.create_user("new@example.org", None, full_name="New Person")
    assert sign_in(client, "new@example.org", "a-guess").status_code == 200
    assert len(HASHES) == 1


def test_a_locked_sign_in_hashes_nothing(client, person):
    for n in range(5):
        sign_in(client, person.email, f"guess-{n}")
    assert sign_in(client, person.email, PASSWORD).status_code == 429
    assert HASHES == []


def test_an_older_hash_is_upgraded_once_then_costs_one_hash(client, db, counting_hashers):
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    person = User.objects.create(email="old@example.org", full_name="Old Hash", password=old)
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    assert HASHES == ["pbkdf2_sha256", "argon2"]
    person.refresh_from_db()
    assert person.password.startswith("argon2")
    client.logout()
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    assert HASHES == ["argon2"]


def test_production_hashes_with_argon2_at_django_strength():
    """Argon2id (memory-hard) first: about half PBKDF2's CPU time per sign-in, and stronger."""
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in project_settings.PASSWORD_HASHERS
    argon2 = Argon2PasswordHasher()
    assert argon2.time_cost >= 2
    assert argon2.memory_cost >= 102400  # KiB: 100 MiB per hash
    assert argon2.parallelism >= 8
