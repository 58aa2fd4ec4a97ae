"""What changed in an incident, sent to the screens that follow it (server-sent events,
django-eventstream). An event carries ids and versions, never the customer's words: the
event store is not encrypted, so a screen that hears of a change reads it through the
same permission-checked endpoint as everything else.

Events are sent after the transaction commits, so nobody hears of a change that was
rolled back.
"""

from django.db import transaction


def streams_available(request) -> bool:
    """Server-sent events need ASGI (uvicorn: `make run`, gunicorn's uvicorn workers in
    production). Under WSGI a stream would be buffered for ever, so pages do not open one;
    the guided screen's 15-second poll still keeps them current."""
    from django.core.handlers.asgi import ASGIRequest

    return isinstance(request, ASGIRequest)


def incident_channel(incident_id: int) -> str:
    return f"incident-{incident_id}"


def user_channel(user_id: int) -> str:
    return f"user-{user_id}"


def _send(channel: str, kind: str, data: dict) -> None:
    from django_eventstream import send_event

    send_event(channel, kind, data)


# Every change to an incident goes out as one SSE event type, "change", with its kind in
# the data, so a screen hears of every kind of change, including kinds added later.
CHANGE = "change"


def publish(incident, kind: str, **data) -> None:
    payload = {"incident": incident.pk, "version": incident.version, "kind": kind, **data}
    transaction.on_commit(lambda: _send(incident_channel(incident.pk), CHANGE, payload))


def publish_to_user(user_id: int, kind: str, **data) -> None:
    transaction.on_commit(lambda: _send(user_channel(user_id), kind, data))
