"""Signing staff in: allauth's backend, reading each request's user with the organisation
they belong to in the same query."""

from allauth.account.auth_backends import AuthenticationBackend

from accounts.models import User


class HavenAuthenticationBackend(AuthenticationBackend):
    def get_user(self, user_id):
        # Nearly every page asks which organisation the person is in (deny by default is
        # per organisation): one joined query instead of four lazy ones on every request.
        user = (
            User._default_manager.select_related("team__office__region__organisation").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
