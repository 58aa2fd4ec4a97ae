from django.utils.cache import add_never_cache_headers, patch_cache_control

from core import request_context
from core.pooled_connections import release_connections


class NoStoreMiddleware:
    """Pages about people must never sit in a shared or browser cache (issue 2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response


class RequestContextMiddleware:
    """Makes the request's origin available to the audit trail for this request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_context.activate(request_context.from_request(request))
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)


class ReleaseConnectionsForStreamsMiddleware:
    """A server-sent event stream stays open for as long as the page does, and Django
    hands a request's database connection back only when the response ends: each open
    stream would hold a pooled connection (config/settings/base.py) and a few streams
    would empty the pool. Outermost, so every other middleware has finished with the
    database; the stream's own permission checks give theirs back too (incidents/channels.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming:
            release_connections()
        return response
