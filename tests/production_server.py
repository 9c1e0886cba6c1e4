"""The portal as production runs it, in child processes: gunicorn with production settings,
`manage.py` commands, and a port on which nothing answers, for a service that is down."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .ports import free_port

BIN = Path(sys.executable).parent
# What the tests' own environment may hold that would change the production process.
CLEARED = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "ELASTICSEARCH_URL",
    "SEARCH_BACKEND",
    "REDIS_URL",
    "STATIC_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "REMOTE_ADDR_HEADER",
    "LOG_LEVEL",
    "SECURE_COOKIES",
    "CSRF_TRUSTED_ORIGINS",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the test settings, for Playwright
)


def production_env(**variables: str | None) -> dict[str, str]:
    """The environment of a production process: real secrets, the rest as given (None
    leaves a variable out)."""
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        WAGTAILADMIN_BASE_URL="https://verdensmaal.example.dk",
        ALLOWED_HOSTS="127.0.0.1",
    )
    for name, value in variables.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_setting(name: str, env: dict[str, str]):
    """The value of a setting in a fresh process with production settings and `env`; raises
    SettingsRefused with the process's last line if the settings refuse to load."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps(getattr(settings, {name!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode:
        raise SettingsRefused(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout)


class SettingsRefused(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Served:
    port: int
    log: Path

    def get(self, path: str, **headers: str) -> Response:
        """One request, redirects not followed; headers as keyword arguments, `_` for `-`."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
            )
            answer = connection.getresponse()
            return Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()

    def log_lines(self) -> list[dict]:
        """Every line gunicorn and the portal wrote to standard output, each parsed as JSON."""
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def log_line_of(self, request_id: str, timeout: float = 5.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.log_lines() if line.get("request_id") == request_id]
            if lines or time.monotonic() > deadline:
                assert len(lines) == 1, f"{len(lines)} log lines for request {request_id}"
                return lines[0]
            time.sleep(0.1)


@contextmanager
def gunicorn(env: dict[str, str], workdir: Path) -> Iterator[Served]:
    """gunicorn as `make serve` starts it (one worker), on a free port, until the block ends."""
    port = free_port()
    log = workdir / f"gunicorn-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [BIN / "gunicorn", "-c", "portal/gunicorn_conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env={**env, "WEB_CONCURRENCY": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log)
        yield Served(port, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen within {timeout} s: {log.read_text()[-2000:]}")
