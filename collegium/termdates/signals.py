"""A change to the term dates clears the kept calendar at once and again when it is committed
(so a read in between, inside the same transaction, is not kept past it)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from collegium.termdates.calendar import forget_term_dates
from collegium.termdates.models import SchoolTerm


@receiver(post_save, sender=SchoolTerm)
@receiver(post_delete, sender=SchoolTerm)
def term_dates_changed(**kwargs: Any) -> None:
    forget_term_dates()
    transaction.on_commit(forget_term_dates)
