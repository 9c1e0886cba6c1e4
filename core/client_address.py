"""The visitor's address behind a proxy, taken from the header the proxy sets, when configured.

Behind a proxy every request reaches gunicorn from the proxy (127.0.0.1 when it runs on the
same host), so the submission limit and login throttling, which count by REMOTE_ADDR, would
count all visitors as one. With `REMOTE_ADDR_HEADER` set (production settings, e.g.
`HTTP_X_REAL_IP`) this middleware puts the last address of that header into REMOTE_ADDR: the
one the proxy wrote, which the client cannot forge if the proxy always sets or appends it.
Unset, no header is trusted and the middleware is left out.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


def last_address(value: str) -> str | None:
    """The last entry of a header such as X-Real-IP or X-Forwarded-For, if it is an address."""
    candidate = value.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.header = getattr(settings, "REMOTE_ADDR_HEADER", None)
        if not self.header:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        address = last_address(request.META.get(self.header, ""))
        if address:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
