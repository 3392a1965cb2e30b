"""Creating a row that a unique constraint guards, so a double submission is refused politely."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def create_once[M](create: Callable[[], M], exists: Callable[[], bool], message: str) -> M:
    """Create the row unless it exists, refusing with message if it does.

    The check cannot see a row that another request (a double click) is saving at the same
    moment; the constraint can, so its IntegrityError becomes the same refusal."""
    if exists():
        raise ValidationError(message)
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        if exists():
            raise ValidationError(message) from None
        raise
