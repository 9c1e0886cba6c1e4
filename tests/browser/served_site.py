"""A demo site served as a new user runs it, for the browser tests: a plain module (not a
conftest), so the tests and the fixtures share one list of the sites' logs."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.ports import free_port

PROJECT = Path(__file__).resolve().parents[2]
ADMIN_USER, ADMIN_PASSWORD = "admin", "browser-test-admin-1"
SERVER_LOGS: list[Path] = []  # the log of every demo site served in this session


def serve_demo_site(
    folder: Path, search_env: dict[str, str], extra_env: dict[str, str] | None = None
):
    """The site as a new user runs it: its own SQLite file, migrated, the demo content loaded
    and indexed, served by `manage.py runserver` on 127.0.0.1 (its admin's links in e-mails
    point there). Browser tests only read, or put back what they changed (`manage` runs a
    command on the site's database), or serve a site of their own (`extra_env`)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "ADMIN_USERNAME": ADMIN_USER,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "WAGTAILADMIN_BASE_URL": url,
        **search_env,
        **(extra_env or {}),
    }
    manage = [sys.executable, str(PROJECT / "manage.py")]

    def run_manage(*command: str) -> str:
        """Run a management command on the demo site's database; its output, or a failure."""
        done = subprocess.run(
            manage + list(command), env=env, cwd=PROJECT, capture_output=True, text=True
        )
        if done.returncode:
            pytest.fail(
                f"manage.py {command[0]} failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        return done.stdout

    _copy_migrated_database(folder, env)
    setup = (
        ["migrate", "--noinput", "-v0"],  # finds the copy up to date, as on a site set up before
        ["load_demo_content"],
        ["search_index", "--rebuild"],
        ["ensure_admin"],
    )
    for command in setup:
        run_manage(*command)
    log = folder / "runserver.log"
    SERVER_LOGS.append(log)
    with log.open("w") as output:
        server = subprocess.Popen(
            manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=PROJECT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    _wait_until_it_answers(server, url, log)
    try:
        yield SimpleNamespace(
            url=url,
            backend=search_env["SEARCH_BACKEND"],
            manage=run_manage,
            admin=SimpleNamespace(username=ADMIN_USER, password=ADMIN_PASSWORD),
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def _copy_migrated_database(folder: Path, env: dict[str, str]) -> None:
    """Put an empty database, migrated once per test session, at the site's DATABASE_URL:
    every served demo site starts from the same migrated schema, and migrating the three
    sites' databases from nothing costs some 40 s of CPU each."""
    template = folder.parent / "migrated.sqlite3"  # the session's base temporary folder
    if not template.exists():
        partial = template.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env_for_template = {**env, "DATABASE_URL": f"sqlite:///{partial}"}
        done = subprocess.run(
            [sys.executable, str(PROJECT / "manage.py"), "migrate", "--noinput", "-v0"],
            env=env_for_template,
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            pytest.fail(f"manage.py migrate failed ({done.returncode}):\n{done.stderr[-3000:]}")
        partial.rename(template)
    shutil.copyfile(template, folder / "db.sqlite3")


def _wait_until_it_answers(server: subprocess.Popen, url: str, log: Path) -> None:
    """Poll the home page; if the server dies or never answers, fail with what it printed."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait(timeout=10)
                pytest.fail(
                    f"the demo site did not start at {url} ({error}); the server printed:\n"
                    f"{log.read_text()[-5000:]}"
                )
            time.sleep(0.3)
