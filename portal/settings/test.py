import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / ".run" / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SEARCH_INDEX_PREFIX = f"sdgportal-test-{os.getpid()}"
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests choose Elasticsearch explicitly (the contract suite); everything else uses the database.
SEARCH_BACKEND = os.environ.get("TEST_SEARCH_BACKEND", "database")
# The suite runs on Redis when scripts/test started one (REDIS_URL), on local memory otherwise,
# under a prefix of its own (runs sharing a Redis clear only their own keys after each test).
# Pages are not kept unless a test turns the page cache on.
CACHE_KEY_PREFIX = os.environ.get("TEST_CACHE_KEY_PREFIX") or f"sdgportal-test-{os.getpid()}"
for _cache in CACHES.values():  # noqa: F405
    _cache["KEY_PREFIX"] = CACHE_KEY_PREFIX
CACHE_PAGES_SECONDS = 0
