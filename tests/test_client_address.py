"""Behind a proxy the visitor's address comes from the header the proxy sets, and only when
REMOTE_ADDR_HEADER names it (production settings)."""

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory

from core.client_address import ClientAddressMiddleware


def address_seen(**meta) -> str:
    middleware = ClientAddressMiddleware(lambda request: HttpResponse(request.META["REMOTE_ADDR"]))
    return middleware(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **meta)).content.decode()


def test_the_address_the_proxy_wrote_is_the_visitors(settings):
    settings.REMOTE_ADDR_HEADER = "HTTP_X_REAL_IP"

    assert address_seen(HTTP_X_REAL_IP="192.0.2.7") == "192.0.2.7"


def test_the_last_forwarded_address_is_taken_not_the_one_the_client_sent(settings):
    settings.REMOTE_ADDR_HEADER = "HTTP_X_FORWARDED_FOR"

    assert address_seen(HTTP_X_FORWARDED_FOR="10.9.9.9, 2001:db8::5") == "2001:db8::5"


def test_a_header_without_an_address_leaves_the_connections_address(settings):
    settings.REMOTE_ADDR_HEADER = "HTTP_X_REAL_IP"

    assert address_seen(HTTP_X_REAL_IP="unknown") == "127.0.0.1"
    assert address_seen() == "127.0.0.1"


def test_no_header_is_trusted_unless_configured(settings):
    settings.REMOTE_ADDR_HEADER = None

    with pytest.raises(MiddlewareNotUsed):
        address_seen(HTTP_X_REAL_IP="192.0.2.7")
