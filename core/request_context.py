"""Who is asking, from where: carried from the request to the audit trail.

The middleware sets it for each request; services never take a request object, so the
audit service reads the context from here. Jobs and commands have none, and say so.
"""

import uuid
from contextvars import ContextVar
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip_address: str
    user_agent: str
    method: str
    path: str
    channel: str  # "web", "api" or "system"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


SYSTEM_CONTEXT = RequestContext(request_id="", ip_address="", user_agent="", method="", path="", channel="system")

_current: ContextVar[RequestContext] = ContextVar("haven_request_context", default=SYSTEM_CONTEXT)


def current() -> RequestContext:
    return _current.get()


def from_request(request) -> RequestContext:
    path = request.path
    return RequestContext(
        request_id=uuid.uuid4().hex,
        ip_address=request.META.get("REMOTE_ADDR", ""),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        method=request.method or "",
        path=path[:200],
        channel="api" if path.startswith("/api/") else "web",
    )


def activate(context: RequestContext):
    return _current.set(context)


def reset(token) -> None:
    _current.reset(token)
