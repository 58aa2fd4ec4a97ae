"""How the API answers when something goes wrong: JSON with a message ready for a person."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed, NotFound

NOT_SIGNED_IN = "Send a valid personal API token in the Authorization header: Bearer <token>."
FORBIDDEN = "You do not have permission to do that."


def register(api: NinjaAPI) -> None:
    def haven_error(request, exc: HavenError):
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)

    def invalid_input(request, exc: InvalidInput):
        # Every problem at once, each by its field, as the pages show them.
        return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=400)

    def edit_conflict(request, exc: EditConflict):
        # Nothing was saved: the caller sees what is there now and decides again.
        return api.create_response(request, {"detail": exc.message, "current": exc.current}, status=409)

    def not_found(request, exc: NotFound):
        return api.create_response(request, {"detail": exc.message}, status=404)

    def not_allowed(request, exc: NotAllowed):
        return api.create_response(request, {"detail": exc.message}, status=403)

    def permission_denied(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": FORBIDDEN}, status=403)

    def not_signed_in(request, exc: AuthenticationError):
        # One message for a missing, unknown, expired or revoked token: the answer must
        # not help someone guess which tokens exist.
        response = api.create_response(request, {"detail": NOT_SIGNED_IN}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="Haven"'
        return response

    api.add_exception_handler(HavenError, haven_error)
    api.add_exception_handler(InvalidInput, invalid_input)
    api.add_exception_handler(EditConflict, edit_conflict)
    api.add_exception_handler(NotFound, not_found)
    api.add_exception_handler(NotAllowed, not_allowed)
    api.add_exception_handler(PermissionDenied, permission_denied)
    api.add_exception_handler(AuthenticationError, not_signed_in)
