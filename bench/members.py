"""A member beside an anonymous visitor (issue 11): confidential pages in the network's room,
and a participant's logged-in session to search with.

`add_confidential_pages(n)` publishes n pages of generated Danish text under the room (which
`load_demo_content` made), each holding a few of the words the query mix asks for, so a
member's searches find them among the public cases; `member_cookie()` makes a participant
with a seat in this year's Gladsaxe membership, their account and a session, and returns the
Cookie header a logged-in browser sends."""

from __future__ import annotations

import random

CONFIDENTIAL_TITLES = ("Referat", "Præsentation", "Oplæg", "Notat")


def add_confidential_pages(count: int, seed: int) -> int:
    from demo.generated.text import paragraph
    from home.models import StandardPage
    from network.models import MembersAreaPage

    rng = random.Random(seed)
    room = MembersAreaPage.objects.get()
    for number in range(count):
        text = paragraph(rng, 4) + " Kommunen drøftede klimaplan og borgerne i netværket."
        page = StandardPage(
            title=f"{rng.choice(CONFIDENTIAL_TITLES)} fra netværksmøde {number + 1}",
            slug=f"fortroligt-{number + 1}",
            intro=text,
            date=None,
        )
        room.add_child(instance=page)
        page.save_revision().publish()
    return count


def member_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from network.access import sync_user
    from network.models import Membership, Participant, Seat
    from taxonomy.models import Municipality

    email = "bench.member@gladsaxe.example"
    user = get_user_model().objects.create_user(email, email, "bench-member-password-1")
    participant = Participant.objects.create(name="Bench Member", email=email, user=user)
    membership = Membership.objects.create(
        municipality=Municipality.objects.get(slug="gladsaxe"),
        contact_name="Bench",
        contact_email=email,
    )
    Seat.objects.create(membership=membership, participant=participant)
    sync_user(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
