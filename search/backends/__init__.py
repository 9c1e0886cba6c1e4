"""Choosing a search backend by name, like Django's cache framework.

`get_backend()` returns the backend named by settings.SEARCH_BACKEND ("database" by default,
"elasticsearch" when ELASTICSEARCH_URL is set); `get_backend("database")` the fallback.
A name may also be the dotted path of a SearchBackend subclass. Backends are created without
arguments and read their own settings (ELASTICSEARCH_URL, SEARCH_INDEX_PREFIX); instances are
kept until a setting changes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .base import SearchBackend

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
_SETTINGS = {"SEARCH_BACKEND", "ELASTICSEARCH_URL", "SEARCH_INDEX_PREFIX", "DATABASES"}

_instances: dict[str, SearchBackend] = {}


def primary_backend_name() -> str:
    return settings.SEARCH_BACKEND or "database"


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or primary_backend_name()
    if name not in _instances:
        _instances[name] = import_string(BACKENDS.get(name, name))()
    return _instances[name]


def configured_backend_names() -> list[str]:
    """The database backend always (it is the fallback), then the primary one if different."""
    names = ["database"]
    if primary_backend_name() != "database":
        names.append(primary_backend_name())
    return names


@receiver(setting_changed)
def _forget_backends(setting, **kwargs):
    if setting in _SETTINGS:
        _instances.clear()
