"""Production: secrets, addresses and the HTTPS policy from the environment (README, Production).

Served by gunicorn (`portal/gunicorn_conf.py`); static files by WhiteNoise, compressed and with
hashed names; logs as JSON lines on standard output (`core/json_logging.py`).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from core.json_logging import stdout_logging

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, STATIC_ROOT, env_bool, env_list


def required(name: str, what: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production: {what}")
    return value


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds, not {value!r}.")
    return int(value)


def meta_name(setting: str, header: str) -> str:
    """`HTTP_X_FORWARDED_PROTO` or `X-Forwarded-Proto` as Django's request.META names it."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", header):
        raise ImproperlyConfigured(
            f"{setting} must name a header, such as HTTP_X_FORWARDED_PROTO; not {header!r}."
        )
    name = header.upper().replace("-", "_")
    return name if name.startswith("HTTP_") else f"HTTP_{name}"


def optional_header(setting: str) -> str | None:
    value = os.environ.get(setting, "").strip()
    return meta_name(setting, value) if value else None


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """`HTTP_X_FORWARDED_PROTO` (or `X-Forwarded-Proto`), optionally `,<value>` (default
    `https`): the header the proxy sets, and always overwrites, on requests that came over
    HTTPS. Unset: no header is trusted."""
    if not value.strip():
        return None
    header, _, secure_value = (part.strip() for part in value.partition(","))
    return meta_name("SECURE_PROXY_SSL_HEADER", header), secure_value or "https"


def site_address(value: str) -> str:
    if not re.fullmatch(r"https?://[^/\s]+", value.rstrip("/")):
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be the site's address, such as "
            f"https://verdensmaal.example.dk, not {value!r}."
        )
    return value.rstrip("/")


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = required(
    "SECRET_KEY",
    "a long random string kept secret, e.g. from "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.",
)
WAGTAILADMIN_BASE_URL = site_address(
    required(
        "WAGTAILADMIN_BASE_URL",
        "the site's public address, such as https://verdensmaal.example.dk; "
        "the admin's e-mails link to it.",
    )
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# A worker keeps its database connection between requests, checked before it is reused.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# HTTPS, switched by variables named as Django's settings.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # load balancers may check over plain http
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER", ""))
# The visitor's address from the proxy's header (core/client_address.py); unset: REMOTE_ADDR.
REMOTE_ADDR_HEADER = optional_header("REMOTE_ADDR_HEADER")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Static files: WhiteNoise serves what collectstatic compressed and named by content hash.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The visitor's address first, then the request log, to time and number everything; WhiteNoise
# right after security.
MIDDLEWARE = [
    "core.client_address.ClientAddressMiddleware",
    "core.request_log.RequestLogMiddleware",
    *MIDDLEWARE,
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

LOGGING = stdout_logging(
    level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    filters={"request_id": {"()": "core.request_log.RequestIdFilter"}},
)
