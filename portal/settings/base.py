"""Settings shared by every environment; the environment variables decide the services."""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "core",
    "taxonomy",
    "network",
    "events",
    "cases",
    "home",
    "submissions",
    "editorial",
    "search",
    "demo",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the others, so every answer has the policy: redirects, kept pages, errors.
    "portal.security.ContentSecurityPolicyMiddleware",
    "core.content_version.ContentVersionMiddleware",
    # Outside the session, CSRF and auth middleware: it must see the cookies they set.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in person's network groups, checked once a day (a membership lapses at new year).
    "network.access.NetworkAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
# The members' login (network.urls); the admins log in at /admin/login/.
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/log-ind/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave beside the preview panel);
    # SQLite's defaults answer the second writer "database is locked" at once. Write
    # transactions take the lock when they begin and wait for it, and readers never block
    # the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses to check a password while the address or the account is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
# The site speaks one language, Danish, to every visitor and editor. No LocaleMiddleware: it
# would read the browser's Accept-Language and switch Django's own words (month names in dates,
# form errors) and Wagtail's admin to English on pages whose content is Danish.
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Where `ensure_admin` (make run) writes the password it generated for the local admin account.
ADMIN_PASSWORD_FILE = BASE_DIR / ".run" / "admin-password"

WAGTAIL_SITE_NAME = "Verdensmål i kommunerne"
WAGTAIL_I18N_ENABLED = False
# The admin is Danish for everyone, whatever the browser asks for (LANGUAGES above).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk")]
# The admin calls no host but the site's own: no avatars from gravatar.com, no release check
# against wagtail.org, no "what's new" banner linking out.
# Slugs are ASCII with æ, ø, å spelled ae, oe, aa (core/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The portal's own search (see search/backends/). ELASTICSEARCH_URL switches to Elasticsearch.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_BACKEND = os.environ.get(
    "SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "database"
)
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "sdgportal")
# Shards and replicas of an Elasticsearch index, used when a rebuild creates one; a replica
# needs a second node (scripts/elasticsearch --nodes 3), on one node it leaves the index yellow.
SEARCH_SHARDS = int(os.environ.get("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))

# The cache: Redis when REDIS_URL is set, shared by every process (the search circuit breaker,
# the synonym sets, the page cache), this process's memory otherwise. A Redis that is down costs
# a short timeout and a miss, never an error page (core.cache.TolerantRedisCache).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "sdgportal")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
# Public pages are kept this long for anonymous visitors (core.page_cache); 0 turns it off.
# Keys hold the content version token (core.content_version), read from the database, so a
# change is seen at once by every process, with Redis or with a cache in each process's memory.
CACHE_PAGES_SECONDS = int(os.environ.get("CACHE_PAGES_SECONDS", "300"))

CASES_PER_PAGE = 12
# After Elasticsearch fails, answer from the database for this long before trying it again.
SEARCH_RETRY_AFTER_SECONDS = float(os.environ.get("SEARCH_RETRY_AFTER_SECONDS", "30"))
# How long a write to Elasticsearch after a publish may take before it is left to the outbox.
SEARCH_WRITE_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_WRITE_TIMEOUT_SECONDS", "0.5"))
# How long a process trusts its last check that the Elasticsearch index is complete.
SEARCH_COMPLETENESS_TTL_SECONDS = float(os.environ.get("SEARCH_COMPLETENESS_TTL_SECONDS", "10"))

# E-mail: the moderation workflow's notifications and the receipts of /indsend/ go out through
# Django's SMTP backend to EMAIL_HOST:EMAIL_PORT (dev prints them on the console instead).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Verdensmål i kommunerne <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Security (README "Security"). Content-Security-Policy (django-csp): the public site runs no
# inline script or style and loads everything from itself; no site may frame it. The admins
# (Wagtail's /admin/, Django's /django-admin/) get CONTENT_SECURITY_POLICY_ADMIN instead
# (portal/security.py): Wagtail's editor writes inline scripts and styles, and frames its own
# preview; its CSS has data: images and its image upload shows blob: thumbnails.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'self'"],
    }
}

# Login throttling: after 5 failed passwords from one address, or for one account, within 15
# minutes, the login forms answer 429 with a Danish page until 15 minutes have passed since the
# last try (django-axes; the attempts are kept in the database, shown under Rapporter →
# Loginforsøg in the Wagtail admin and in /django-admin/axes/).
# Page passwords have their own counter in the cache with the same limits (portal/security.py).
AXES_FAILURE_LIMIT = 5
# Every failed password is kept for the administrators' report (Rapporter → Loginforsøg),
# page passwords too (portal.security writes theirs).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.security.client_address"
