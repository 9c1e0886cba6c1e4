"""`make run` creates the local admin account once and never changes its password again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    settings.ADMIN_PASSWORD_FILE = tmp_path / ".run" / "admin-password"
    return settings.ADMIN_PASSWORD_FILE


def ensure_admin() -> str:
    output = io.StringIO()
    call_command("ensure_admin", stdout=output)
    return output.getvalue()


def can_sign_in(password: str) -> bool:
    """Through the admin's login form, as a person does (django-axes checks a password only
    with the request it came in)."""
    client = Client()
    client.post("/admin/login/", {"username": "admin", "password": password})
    return client.get("/admin/").status_code == 200


def test_first_run_creates_a_superuser_and_prints_the_password_it_wrote(password_file):
    printed = ensure_admin()

    password = password_file.read_text().strip()
    assert f"password '{password}'" in printed
    assert get_user_model().objects.get(username="admin").is_superuser
    assert can_sign_in(password)
    assert password_file.stat().st_mode & 0o777 == 0o600


def test_admin_password_from_the_environment_is_used_when_creating(password_file, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "valgt-af-mig-1")

    ensure_admin()

    assert can_sign_in("valgt-af-mig-1")
    assert not password_file.exists()


def test_second_run_leaves_a_password_the_editor_changed(password_file, monkeypatch):
    ensure_admin()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("redaktoerens-eget-1")
    admin.save()
    monkeypatch.setenv("ADMIN_PASSWORD", "noget-andet-2")

    printed = ensure_admin()

    assert can_sign_in("redaktoerens-eget-1")
    assert not can_sign_in("noget-andet-2")
    assert "exists; left unchanged" in printed
    assert str(password_file) in printed
    assert get_user_model().objects.count() == 1


def test_second_run_keeps_an_admin_who_lost_superuser_rights_as_the_editors_left_them(
    password_file,
):
    ensure_admin()
    get_user_model().objects.filter(username="admin").update(is_superuser=False)

    ensure_admin()

    assert not get_user_model().objects.get(username="admin").is_superuser
