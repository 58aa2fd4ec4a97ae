from django.utils.cache import add_never_cache_headers, patch_cache_control

from core import request_context


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
