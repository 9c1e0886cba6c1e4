import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Pages are rendered afresh in development, where templates change without a publish.
CACHE_PAGES_SECONDS = int(os.environ.get("CACHE_PAGES_SECONDS", "0"))
