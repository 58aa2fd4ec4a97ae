"""Creating and revoking personal API tokens. The token pages call these; the API itself
cannot create tokens, so a leaked token cannot make more of itself."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from api.permissions import can_create_token, can_revoke_token
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, NotAllowed

NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# Recording every request would write to the database on every request; once a minute
# is enough to tell a person when a token was last used (as accounts/sessions.py does).
RECORD_USE_EVERY = timedelta(minutes=1)


def _clean_name(name: str) -> str:
    require_no_credentials(name=name)
    name = (name or "").strip()
    if not name:
        raise HavenError("Enter a name for the token", field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise HavenError(f"The name must be {NAME_MAX_LENGTH} characters or fewer", field="name")
    return name


def _expiry(expires_on: date | None) -> datetime | None:
    """A token works until the end of its expiry date, UK time."""
    if expires_on is None:
        return None
    if expires_on < timezone.localdate():
        raise HavenError("The expiry date must be today or in the future", field="expires_on")
    return datetime.combine(expires_on + timedelta(days=1), time.min, tzinfo=timezone.get_default_timezone())


def api_token_create(*, actor, name: str, expires_on: date | None = None) -> tuple[ApiToken, str]:
    """Any active member of staff with an authenticator app creates a token for themselves.

    Returns the token and its plain text. The plain text exists only in this return value:
    the caller shows it once and forgets it. The audit event records the prefix, never the
    secret.
    """
    if not can_create_token(actor):
        raise NotAllowed("Set up your authenticator app before you create an API token.")
    name = _clean_name(name)
    expires_at = _expiry(expires_on)
    new = tokens.generate()
    with transaction.atomic(durable=True):
        token = ApiToken.objects.create(
            owner=actor, name=name, prefix=new.prefix, token_hash=new.digest, expires_at=expires_at
        )
        audit_record(
            actor=actor,
            action="api_token.created",
            target=token,
            changes={"name": name, "prefix": new.prefix, "expires_at": expires_at},
        )
    return token, new.plain


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """The owner or an administrator revokes a token; it stops working at once."""
    if not can_revoke_token(actor, token):
        raise NotAllowed("Only the token's owner or an administrator can revoke it.")
    with transaction.atomic(durable=True):
        token = ApiToken.objects.select_for_update().select_related("owner").get(pk=token.pk)
        if token.revoked_at is not None:
            raise HavenError("This token has already been revoked")
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit_record(
            actor=actor,
            action="api_token.revoked",
            target=token,
            changes={"owner": token.owner.username, "name": token.name, "prefix": token.prefix},
        )
    return token


def api_token_record_use(*, token: ApiToken, now: datetime | None = None) -> None:
    """Notes when a token was last used, at most once a minute.

    Bookkeeping, not a decision anyone takes, so it is not audited (like the session's
    last-seen time); whatever the request changes is audited by its own service.
    """
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < RECORD_USE_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - RECORD_USE_EVERY)
    ).update(last_used_at=now)
    token.last_used_at = now
