"""Changes to a person's account."""

from axes.utils import reset

from collegium.accounts.models import User


def clear_failed_sign_ins(user: User) -> None:
    """Whoever chose a new password through the emailed link holds the mailbox: let them in.

    Only this account's failures are forgotten, so an address guessing other accounts stays
    locked out.
    """
    reset(username=user.email)
