"""What `make bench` runs against: PostgreSQL, Redis and Elasticsearch (from the environment,
or started by the project's scripts when a URL is not set) and gunicorn serving the site."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def start_service(variable: str, command: list[str]) -> str:
    """The URL in `variable`, or the one the script prints (`VARIABLE=url`) after starting the
    service. The benchmark measures real services only: one that cannot start ends it."""
    if os.environ.get(variable):
        return os.environ[variable]
    print(f"starting {' '.join(command)} ...", flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        line = line.removeprefix("export ").strip()
        if line.startswith(f"{variable}="):
            os.environ[variable] = line.split("=", 1)[1].strip("'\"")
            return os.environ[variable]
    sys.exit(f"make bench: {command[0]} could not start: {done.stderr.strip()[-500:]}")


def start_services(es_nodes: int) -> dict[str, str]:
    return {
        "database": start_service("DATABASE_URL", ["scripts/postgres", "start"]),
        "redis": start_service("REDIS_URL", ["scripts/redis", "start"]),
        "elasticsearch": start_service(
            "ELASTICSEARCH_URL", ["scripts/elasticsearch", "--nodes", str(es_nodes), "start"]
        ),
    }


def ensure_wrk() -> str:
    """Debian's wrk, installed when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is missing: apt-get install wrk")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the site with production settings, 2 workers, on a free port."""

    def __init__(self, environment: dict[str, str], workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = {**os.environ, **environment, **site_environment(self.base)}
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "portal.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=self.log,
        )
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}/robots.txt", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.log.seek(0)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read().decode()[-3000:]}")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


BENCH_SECRET_KEY = secrets.token_urlsafe(50)


def site_environment(base: str) -> dict[str, str]:
    """Production settings for a site served on 127.0.0.1 over plain HTTP, for measuring."""
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", BENCH_SECRET_KEY),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "false",
        "WAGTAILADMIN_BASE_URL": base,
    }
