"""The site's defences that are not a page: which Content-Security-Policy a response gets, the
visitor's address, and the pause after too many wrong passwords (README "Security").

django-axes throttles the two login forms (they call `authenticate()`); the page and document
password forms of Wagtail's view restrictions do not, so `throttled_password_view` counts their
failures itself, in the configured cache so that every worker shares the count, with the same
limits."""

import functools
import logging
import math
import time
from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.rate_limit import count_in_window

logger = logging.getLogger(__name__)

PASSWORD_FAILURES_PREFIX = "password-failures"


def admin_path_prefixes() -> tuple[str, ...]:
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_ADMIN for the two admins: Wagtail's
    editor runs inline scripts (its panels, choosers, date pickers) and its JavaScript adds
    inline styles. Every other address keeps the strict CONTENT_SECURITY_POLICY."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


def is_admin(request: HttpRequest) -> bool:
    """An admin address, or a preview: Wagtail renders a page's preview (the editor's preview
    panel, moderation) through the middleware with a made-up request to the page's own address
    (`is_dummy`), and shows it in a frame of the admin, which the public policy forbids."""
    return getattr(request, "is_dummy", False) or request.path_info.startswith(
        admin_path_prefixes()
    )


def client_address(request: HttpRequest) -> str:
    """The address a failed password is counted against: REMOTE_ADDR, which production's
    core.client_address sets from REMOTE_ADDR_HEADER behind a proxy (README "Security")."""
    return request.META.get("REMOTE_ADDR", "")


def cool_off_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
    retry_after: int | None = None,
) -> HttpResponse:
    """429 with a Danish page and Retry-After, for the login forms (django-axes'
    AXES_LOCKOUT_CALLABLE) and the page passwords alike."""
    seconds = cool_off_seconds() if retry_after is None else retry_after
    response = render(
        request,
        "login_throttled.html",
        {"minutes": max(1, math.ceil(seconds / 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def _counter_keys(request: HttpRequest, restriction: str) -> list[str]:
    return [
        f"{PASSWORD_FAILURES_PREFIX}:address:{client_address(request)}",
        f"{PASSWORD_FAILURES_PREFIX}:{restriction}",
    ]


def _seconds_locked(keys: list[str]) -> int:
    """How long the most recently filled counter still refuses; 0 when none is full. A counter
    lives AXES_COOLOFF_TIME from its first failure: the pause is the rest of that window."""
    now = time.time()
    counts = cache.get_many(keys)
    ends = cache.get_many([f"{key}:ends" for key in keys])
    return max(
        (
            math.ceil(ends.get(f"{key}:ends", now + cool_off_seconds()) - now)
            for key in keys
            if counts.get(key, 0) >= settings.AXES_FAILURE_LIMIT
        ),
        default=0,
    )


def _count_failure(keys: list[str]) -> None:
    window = cool_off_seconds()
    for key in keys:
        cache.add(f"{key}:ends", time.time() + window, window)
        count_in_window(key, window)


def _record_failure(request: HttpRequest, restriction: str, locked_out: bool) -> None:
    """For the administrators' report, beside django-axes' records of the login forms."""
    from axes.models import AccessFailureLog

    meta = request.META
    AccessFailureLog.objects.create(
        user_agent=meta.get("HTTP_USER_AGENT", "")[:255],
        ip_address=client_address(request) or None,
        username=restriction,  # "page:12": the restricted page or document collection
        http_accept=meta.get("HTTP_ACCEPT", "")[:1025],
        path_info=request.path_info[:255],
        locked_out=locked_out,
    )


def throttled_password_view(view: Callable, restriction_kind: str, id_argument: str):
    """Wrap Wagtail's view that checks a view restriction's password: the AXES_FAILURE_LIMIT-th
    wrong password from one address or for one restriction is answered with the lockout page,
    and so is every try (even the right password) for the rest of the window. Wagtail's view
    redirects when the password is right and shows the form again (200) when it is wrong."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction = f"{restriction_kind}:{kwargs[id_argument]}"
        keys = _counter_keys(request, restriction)
        if seconds := _seconds_locked(keys):
            logger.warning(
                "Password refused while locked: %s from %s", restriction, client_address(request)
            )
            return lockout_response(request, retry_after=seconds)
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        _count_failure(keys)
        logger.warning("Wrong password for %s from %s", restriction, client_address(request))
        seconds = _seconds_locked(keys)  # the failure that fills a counter locks, as axes does
        _record_failure(request, restriction, locked_out=bool(seconds))
        if seconds:
            return lockout_response(request, retry_after=seconds)
        return response

    return wrapped
