"""Logs as one JSON object a line on standard output, for production (dev keeps Django's console).

Standard library only, so gunicorn's own configuration can use it before Django is set up.
A line holds `time` (UTC), `level`, `logger` and `message`, the fields a caller passed in
`extra` (the request log's `request_id`, `method`, `path`, `status`, `duration_ms`, `user_id`),
the `request_id` of the request being served, and for an error its `exc_type` and `exc_info`
(the traceback).
"""

from __future__ import annotations

import datetime
import json
import logging

# Every attribute a LogRecord has without `extra`; the rest are the caller's fields.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(
            (key, value) for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES
        )
        if record.exc_info:
            line["exc_type"] = record.exc_info[0].__name__
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)


def stdout_logging(level: str = "INFO", filters: dict | None = None) -> dict:
    """A `logging.config.dictConfig` dictionary: everything to standard output as JSON.

    `filters` (name -> dictConfig filter) are applied to every line, e.g. the request id's.
    Django's `django.request` logs only errors: the request log has a line for every request.
    """
    filters = filters or {}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": filters,
        "formatters": {"json": {"()": "core.json_logging.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": list(filters),
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
            "gunicorn.error": {"handlers": ["stdout"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }
