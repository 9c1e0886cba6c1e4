"""Production as an operator runs it (README, Production): gunicorn with production settings,
static files from WhiteNoise, HTTPS behind a proxy, JSON logs, /healthz/, `check --deploy`.

The servers run in child processes on databases of their own, so these tests do not depend on
the test database (`scripts/test` runs them once, on SQLite).
"""

import json
import re
import uuid
from pathlib import Path

import pytest
from django.test import override_settings

from .ports import closed_port
from .production_server import (
    SettingsRefused,
    gunicorn,
    manage,
    production_env,
    production_setting,
)

pytestmark = pytest.mark.served

HTTPS_BEHIND_PROXY = {
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="module")
def static_root(workdir):
    """What `collectstatic` makes with production settings (as `make serve` runs it)."""
    root = workdir / "static"
    done = manage("collectstatic", "--noinput", "-v0", env=production_env(STATIC_ROOT=str(root)))
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def site_behind_proxy(workdir, static_root):
    """Served as behind a TLS-terminating proxy that sets X-Forwarded-Proto; on an empty
    SQLite database, which /healthz/, static files and the HTTPS policy need no table of."""
    env = production_env(
        STATIC_ROOT=str(static_root),
        DATABASE_URL=f"sqlite:///{workdir / 'behind-proxy.sqlite3'}",
        **HTTPS_BEHIND_PROXY,
    )
    with gunicorn(env, workdir) as served:
        yield served


@pytest.fixture(scope="module")
def exposed_site_with_database_down(workdir, static_root):
    """Served with the SSL redirect on but no proxy header configured, and its PostgreSQL
    database on a port where nothing answers."""
    with closed_port() as port:
        env = production_env(
            STATIC_ROOT=str(static_root),
            DATABASE_URL=f"postgres://portal:portal@127.0.0.1:{port}/portal",
            SECURE_SSL_REDIRECT="true",
        )
        with gunicorn(env, workdir) as served:
            yield served


# Static files -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_link_static_files_by_hashed_names_served_compressed_and_kept_for_a_year(
    site_tree, client, static_root, site_behind_proxy
):
    production_storage = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=static_root, STORAGES=production_storage):
        html = client.get(site_tree.home.url).content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links site.css by its hashed name"

    answer = site_behind_proxy.get(stylesheet[1], X_Forwarded_Proto="https", Accept_Encoding="gzip")

    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/css")
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in answer.headers["Cache-Control"]
    assert "immutable" in answer.headers["Cache-Control"]


def test_every_static_file_a_template_names_has_a_hashed_name(static_root):
    """A name missing from the manifest makes the page that names it fail in production."""
    templates = Path(__file__).resolve().parent.parent / "templates"
    named = {
        match[1]
        for template in templates.rglob("*.html")
        for match in re.finditer(r"""{% static ['"]([^'"]+)['"]""", template.read_text())
    }
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]

    assert "css/site.css" in named
    assert named - set(manifest) == set()


def test_a_static_file_is_served_under_its_plain_name_too(site_behind_proxy):
    answer = site_behind_proxy.get("/static/css/site.css", X_Forwarded_Proto="https")

    assert answer.status == 200
    assert b"{" in answer.body
    assert "immutable" not in answer.headers["Cache-Control"]


# HTTPS --------------------------------------------------------------------------------------


def test_plain_http_is_redirected_to_https(site_behind_proxy):
    answer = site_behind_proxy.get("/om-netvaerket/?side=2")

    assert answer.status == 301
    assert answer.headers["Location"] == (
        f"https://127.0.0.1:{site_behind_proxy.port}/om-netvaerket/?side=2"
    )


def test_https_through_the_configured_proxy_is_served_with_hsts(site_behind_proxy):
    answer = site_behind_proxy.get("/static/css/site.css", X_Forwarded_Proto="https")

    assert answer.status == 200
    assert answer.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_the_forwarded_proto_header_is_not_trusted_unless_configured(
    exposed_site_with_database_down,
):
    answer = exposed_site_with_database_down.get("/", X_Forwarded_Proto="https")

    assert answer.status == 301
    assert answer.headers["Location"].startswith("https://")


# /healthz/ ----------------------------------------------------------------------------------


def test_health_answers_a_load_balancer_over_plain_http(site_behind_proxy):
    answer = site_behind_proxy.get("/healthz/")

    assert answer.status == 200
    assert answer.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
    }
    assert "no-store" in answer.headers["Cache-Control"]


def test_health_fails_when_the_database_is_down_and_names_no_address(
    exposed_site_with_database_down,
):
    answer = exposed_site_with_database_down.get("/healthz/")

    assert answer.status == 503
    health = answer.json()
    assert health["status"] == "fail"
    assert health["checks"]["database"] == "fail"
    assert health["errors"]["database"] == "OperationalError"
    assert "127.0.0.1" not in answer.body.decode()
    assert "portal" not in answer.body.decode()


# Logs ---------------------------------------------------------------------------------------


def test_each_request_is_one_json_log_line_under_the_proxys_request_id(site_behind_proxy):
    request_id = f"lb-{uuid.uuid4()}"

    answer = site_behind_proxy.get("/healthz/?probe=1", X_Request_ID=request_id)

    assert answer.headers["X-Request-ID"] == request_id
    line = site_behind_proxy.log_line_of(request_id)
    assert line["message"] == "request"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz/"
    assert line["status"] == 200
    assert line["user_id"] is None
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0


def test_a_request_without_a_sane_request_id_gets_a_new_one(site_behind_proxy):
    answer = site_behind_proxy.get("/healthz/", X_Request_ID="not sane; " + "x" * 300)

    request_id = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert site_behind_proxy.log_line_of(request_id)["path"] == "/healthz/"


def test_every_line_on_standard_output_is_json_gunicorns_own_too(site_behind_proxy):
    site_behind_proxy.get("/healthz/")

    loggers = {line["logger"] for line in site_behind_proxy.log_lines()}

    assert {"gunicorn.error", "core.request_log"} <= loggers


def test_a_failed_health_check_is_logged_with_its_error_and_request_id(
    exposed_site_with_database_down,
):
    answer = exposed_site_with_database_down.get("/healthz/")

    request_id = answer.headers["X-Request-ID"]
    lines = [
        line
        for line in exposed_site_with_database_down.log_lines()
        if line.get("request_id") == request_id and line["logger"] == "portal.health"
    ]
    assert lines, "the failed check is logged"
    assert lines[0]["level"] == "WARNING"
    assert lines[0]["exc_type"] == "OperationalError"
    assert "Traceback" in lines[0]["exc_info"]


# Settings -----------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_real_secrets_and_https_configured():
    done = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(**HTTPS_BEHIND_PROXY)
    )

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.parametrize("name", ["SECRET_KEY", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without(name):
    with pytest.raises(SettingsRefused, match=f"ImproperlyConfigured: {name} must be set"):
        production_setting("DEBUG", production_env(**{name: None}))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("WAGTAILADMIN_BASE_URL", "verdensmaal.example.dk", "must be the site's address"),
        ("SECURE_HSTS_SECONDS", "a year", "must be a whole number of seconds"),
        ("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https", "must name a header"),
    ],
)
def test_production_explains_a_value_it_cannot_use(name, value, message):
    with pytest.raises(SettingsRefused, match=message):
        production_setting("DEBUG", production_env(**{name: value}))


def test_no_proxy_header_is_trusted_by_default():
    assert production_setting("SECURE_PROXY_SSL_HEADER", production_env()) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("HTTP_X_FORWARDED_PROTO", ["HTTP_X_FORWARDED_PROTO", "https"]),
        ("X-Forwarded-Proto", ["HTTP_X_FORWARDED_PROTO", "https"]),
        ("HTTP_X_FORWARDED_SSL,on", ["HTTP_X_FORWARDED_SSL", "on"]),
    ],
)
def test_the_proxy_header_is_the_one_configured(value, expected):
    env = production_env(SECURE_PROXY_SSL_HEADER=value)

    assert production_setting("SECURE_PROXY_SSL_HEADER", env) == expected


def test_the_visitors_address_header_is_trusted_only_when_named():
    assert production_setting("REMOTE_ADDR_HEADER", production_env()) is None
    env = production_env(REMOTE_ADDR_HEADER="X-Real-IP")
    assert production_setting("REMOTE_ADDR_HEADER", env) == "HTTP_X_REAL_IP"


def test_a_worker_keeps_its_database_connection_checked():
    database = production_setting("DATABASES", production_env())["default"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_https_policy_is_off_until_switched_on():
    env = production_env()

    assert production_setting("SECURE_SSL_REDIRECT", env) is False
    assert production_setting("SECURE_HSTS_SECONDS", env) == 0
