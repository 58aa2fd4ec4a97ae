import hashlib
import json
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.utils import timezone

from api import services
from api.models import ApiToken
from audit.models import AuditEvent
from core.errors import HavenError, NotAllowed
from core.system import system_actor


def _last_event():
    return AuditEvent.objects.order_by("-seq").first()


def test_creating_a_token_stores_its_hash_and_never_the_token(cara):
    token, plain = services.api_token_create(actor=cara, name="Weekly report")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in json.dumps(stored, default=str)
    assert plain.startswith(token.prefix + "_")
    assert (token.owner, token.name, token.expires_at, token.revoked_at) == (cara, "Weekly report", None, None)


def test_creating_a_token_is_audited_with_its_prefix_but_not_its_secret(cara):
    token, plain = services.api_token_create(actor=cara, name="Weekly report")

    event = _last_event()
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "api_token.created",
        cara,
        "api.apitoken",
        str(token.pk),
    )
    assert event.changes == {"name": "Weekly report", "prefix": token.prefix, "expires_at": None}
    assert plain not in json.dumps(event.changes) + json.dumps(event.context) + event.summary


def test_each_token_is_different(cara):
    _, first = services.api_token_create(actor=cara, name="One")
    _, second = services.api_token_create(actor=cara, name="Two")
    assert first != second


def test_a_token_with_an_expiry_date_works_until_the_end_of_that_day_uk_time(cara):
    today = timezone.localdate()
    token, _ = services.api_token_create(actor=cara, name="Short-lived", expires_on=today)

    assert token.expires_on == today
    assert timezone.localtime(token.expires_at).date() == today + timedelta(days=1)
    assert timezone.localtime(token.expires_at).time().isoformat() == "00:00:00"
    assert token.is_usable()


@pytest.mark.parametrize(
    ("name", "expires_in_days", "message", "field"),
    [
        ("", None, "Enter a name for the token", "name"),
        ("   ", None, "Enter a name for the token", "name"),
        ("x" * 101, None, "The name must be 100 characters or fewer", "name"),
        ("Report", -1, "The expiry date must be today or in the future", "expires_on"),
    ],
)
def test_a_token_that_breaks_a_rule_is_refused_and_nothing_is_saved(cara, name, expires_in_days, message, field):
    events = AuditEvent.objects.count()
    expires_on = None if expires_in_days is None else timezone.localdate() + timedelta(days=expires_in_days)

    with pytest.raises(HavenError) as raised:
        services.api_token_create(actor=cara, name=name, expires_on=expires_on)

    assert (raised.value.message, raised.value.field) == (message, field)
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_someone_without_an_authenticator_app_cannot_create_a_token(cara):
    Authenticator.objects.filter(user=cara).delete()
    events = AuditEvent.objects.count()

    with pytest.raises(NotAllowed, match="Set up your authenticator app before you create an API token."):
        services.api_token_create(actor=cara, name="Report")

    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_the_system_actor_cannot_create_a_token(demo_teams):
    with pytest.raises(NotAllowed):
        services.api_token_create(actor=system_actor(), name="Backdoor")
    assert ApiToken.objects.count() == 0


def test_the_owner_revokes_their_token_and_it_is_audited(cara):
    token, _ = services.api_token_create(actor=cara, name="Report")

    services.api_token_revoke(actor=cara, token=token)

    token.refresh_from_db()
    assert token.revoked_by == cara
    assert token.revoked_at is not None
    assert not token.is_usable()
    assert token.status == "Revoked"
    event = _last_event()
    assert (event.action, event.actor, event.target_id) == ("api_token.revoked", cara, str(token.pk))
    assert event.changes == {"owner": "cara", "name": "Report", "prefix": token.prefix}


def test_an_administrator_revokes_someone_elses_token(cara, ada):
    token, _ = services.api_token_create(actor=cara, name="Report")

    services.api_token_revoke(actor=ada, token=token)

    token.refresh_from_db()
    assert token.revoked_by == ada
    assert _last_event().actor == ada


def test_another_member_of_staff_cannot_revoke_a_token_and_nothing_changes(cara, tom):
    token, _ = services.api_token_create(actor=cara, name="Report")
    events = AuditEvent.objects.count()

    with pytest.raises(NotAllowed, match="Only the token's owner or an administrator can revoke it."):
        services.api_token_revoke(actor=tom, token=token)

    token.refresh_from_db()
    assert (token.revoked_at, token.revoked_by) == (None, None)
    assert AuditEvent.objects.count() == events


def test_revoking_a_token_twice_is_refused_and_recorded_once(cara):
    token, _ = services.api_token_create(actor=cara, name="Report")
    services.api_token_revoke(actor=cara, token=token)

    with pytest.raises(HavenError, match="This token has already been revoked"):
        services.api_token_revoke(actor=cara, token=token)

    assert AuditEvent.objects.filter(action="api_token.revoked", target_id=str(token.pk)).count() == 1


def test_use_of_a_token_is_recorded_at_most_once_a_minute(cara):
    token, _ = services.api_token_create(actor=cara, name="Report")
    start = timezone.now()

    services.api_token_record_use(token=token, now=start)
    services.api_token_record_use(token=token, now=start + timedelta(seconds=59))
    token.refresh_from_db()
    assert token.last_used_at == start

    services.api_token_record_use(token=token, now=start + timedelta(seconds=61))
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)


def test_a_token_past_its_expiry_date_is_no_longer_usable(cara):
    token, _ = services.api_token_create(actor=cara, name="Report", expires_on=timezone.localdate())
    with time_machine.travel(token.expires_at + timedelta(seconds=1), tick=False):
        assert not token.is_usable()
        assert token.status == "Expired"
