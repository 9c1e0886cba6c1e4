"""iCalendar (RFC 5545) export of events."""

from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.html import strip_tags


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        char_bytes = char.encode("utf-8")
        if len(current) + len(char_bytes) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += char_bytes
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_span(event) -> list[str]:
    """DTSTART and DTEND; an event whose time of day is not known is an all-day entry."""
    if event.time_is_known:
        return [f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(event.ends_at)}"]
    day = timezone.localtime(event.start).date()
    return [
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
    ]


def event_to_ics(event, request) -> str:
    url = event.get_full_url(request)
    location = "Online" if event.is_online else event.location
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SDG-leadership//Verdensmål i kommunerne//DA",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@sdg-portal",
        f"DTSTAMP:{_utc(event.last_published_at or event.start)}",
        *_event_span(event),
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(strip_tags(event.summary))}",
        f"LOCATION:{_escape(location)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
