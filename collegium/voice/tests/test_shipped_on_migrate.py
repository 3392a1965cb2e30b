"""`migrate` loads the shipped frameworks, audit template and question banks (ADR 0022), through
the same idempotent loaders the commands and the demo use."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from collegium.frameworks.models import Framework, StrandMapping
from collegium.safeguarding.models import AuditTemplate
from collegium.voice.models import QuestionBank

MIGRATIONS = [
    "collegium.frameworks.migrations.0002_load_shipped_frameworks",
    "collegium.safeguarding.migrations.0002_load_shipped_templates",
    "collegium.voice.migrations.0002_load_shipped_banks",
]


def migrate_shipped() -> None:
    for name in MIGRATIONS:
        importlib.import_module(name).load(apps, None)


def counts() -> tuple[int, ...]:
    return (
        Framework.objects.count(),
        StrandMapping.objects.count(),
        AuditTemplate.objects.count(),
        QuestionBank.objects.count(),
    )


@pytest.mark.django_db
def test_the_migrations_load_everything_shipped_once(settings):
    settings.SHIPPED_DATA_ON_MIGRATE = True

    migrate_shipped()

    loaded = counts()
    assert loaded[0] == 4 and loaded[1] > 0 and loaded[2] == 1 and loaded[3] == 5
    migrate_shipped()  # an existing database that has them
    for command in ("load_frameworks", "load_audit_templates", "load_question_banks"):
        call_command(command, stdout=None)
    assert counts() == loaded


@pytest.mark.django_db
def test_a_database_loaded_by_the_commands_is_left_as_it_is(settings):
    call_command("load_question_banks")
    call_command("load_audit_templates")
    loaded = counts()
    settings.SHIPPED_DATA_ON_MIGRATE = True

    migrate_shipped()

    assert counts() == loaded


@pytest.mark.django_db
def test_the_tests_database_starts_empty():
    migrate_shipped()  # the setting is off under pytest

    assert counts() == (0, 0, 0, 0)
