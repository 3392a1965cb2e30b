"""python manage.py create_network_admin EMAIL [--name NAME] [--password-from-stdin]

The one command set-up needs: the first network admin's account (or the role for an existing
account). Everything after it is done in the browser. Run again, it changes nothing and prints a
fresh link to choose a password.
"""

import getpass
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from collegium.accounts.models import User
from collegium.people.services.first_admin import (
    SetUp,
    password_link,
    set_first_password,
    set_up_network_admin,
)

BAD_EMAIL = "Enter an email address in the correct format, like name@example.org"


class Command(BaseCommand):
    help = "Create the first network admin (or give an existing account the role)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="Their email address: they sign in with it.")
        parser.add_argument("--name", default="", help="Their full name (for a new account).")
        parser.add_argument(
            "--password-from-stdin",
            action="store_true",
            help="Read the password from standard input (for scripts) instead of printing a "
            "link to choose one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{BAD_EMAIL}: '{options['email']}' is not one.") from None
        interactive = sys.stdin.isatty() and not options["password_from_stdin"]
        name = options["name"].strip()
        if not name and not User.objects.filter(email__iexact=email).exists():
            name = self.ask_name(interactive)
        password = self.ask_password(options["password_from_stdin"], interactive)
        try:
            result = set_up_network_admin(email, name)
            password_set = bool(password) and set_first_password(result, password)
        except ValidationError as err:
            raise CommandError(" ".join(err.messages)) from None
        self.report(result, password_set)
        if password and not password_set:
            self.stdout.write(
                "They already have a password, so the password given was not used: their "
                "password is unchanged."
            )

    def ask_name(self, interactive: bool) -> str:
        if not interactive:
            raise CommandError("Enter their full name with --name, like --name 'Sam Smith'.")
        name = input("Full name: ").strip()
        if not name:
            raise CommandError("Enter their full name.")
        return name

    def ask_password(self, from_stdin: bool, interactive: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("Enter a password on standard input.")
        elif interactive:
            password = getpass.getpass("Password (leave empty to print a link instead): ")
            if password and getpass.getpass("Password again: ") != password:
                raise CommandError("The passwords do not match. Nothing was changed.")
        else:
            return ""
        try:
            validate_password(password)
        except ValidationError as err:
            raise CommandError(" ".join(err.messages) + " Nothing was changed.") from None
        return password

    def report(self, result: SetUp, password_set: bool) -> None:
        user, write = result.user, self.stdout.write
        if result.created:
            write(self.style.SUCCESS(f"Created the account of {user.full_name} ({user.email})."))
        if result.granted:
            write(self.style.SUCCESS(f"{user.email} is now a network admin."))
        else:
            write(f"{user.email} was already a network admin: nothing was changed.")
        if password_set:
            write("Their password is set: they can sign in now.")
        elif not user.has_usable_password() or result.created:
            days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
            write(f"They choose their password at this link (it works once, for {days} days):")
            write(password_link(user))
        else:
            write("They sign in with their password, or choose a new one from the sign-in page.")
