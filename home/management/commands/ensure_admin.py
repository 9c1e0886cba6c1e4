"""Create the local admin account for `make run` once; never touch it again."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


def new_password() -> str:
    """ADMIN_PASSWORD if set, else a generated one, written to .run/ for the person who runs the
    site to read again later."""
    if os.environ.get("ADMIN_PASSWORD"):
        return os.environ["ADMIN_PASSWORD"]
    password = secrets.token_urlsafe(12)
    password_file = settings.ADMIN_PASSWORD_FILE
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return password


class Command(BaseCommand):
    help = (
        "Create the local admin account if it does not exist and print its password. "
        "An existing account is left as it is: its password is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        users = get_user_model().objects
        if users.filter(username=username).exists():
            password_file = settings.ADMIN_PASSWORD_FILE
            where = (
                f" (the password made when it was created is in {password_file})"
                if password_file.exists()
                else ""
            )
            self.stdout.write(f"Admin account '{username}' exists; left unchanged{where}.")
            return
        password = new_password()
        users.create_superuser(username=username, email=f"{username}@localhost", password=password)
        self.stdout.write(f"Created admin account: user '{username}', password '{password}'")
