"""Making each demo object once, and never again after an editor deleted it."""

from collections.abc import Callable
from typing import TypeVar

from .models import DemoRecord

T = TypeVar("T")


def ensure(key: str, find: Callable[[], T | None], create: Callable[[], T | None]) -> T | None:
    """The object the loader made under `key`, as editors have left it: renamed, moved or
    changed, it is still this one; deleted, it is None and stays deleted.

    Without a record, `find` adopts an object made before records existed (or by an editor,
    under the demo's natural key) and `create` makes it; either is recorded. `create` may
    return None when what the object needs is gone; then nothing is recorded."""
    record = DemoRecord.objects.filter(key=key).first()
    if record is not None:
        return record.content_object
    made = find() or create()
    if made is not None:
        DemoRecord.objects.create(key=key, content_object=made)
    return made


def present(*objects: T | None) -> list[T]:
    """The objects an editor has not deleted, for a page's relations."""
    return [obj for obj in objects if obj is not None]
