"""Changing staff and organisation records. Administrators call these from the pages,
the API and commands; Haven's own set-up commands call them as the system actor."""

from datetime import date

from allauth.mfa.models import Authenticator
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import sessions
from accounts.models import Office, Organisation, Region, SupportGroup, SupportGroupMembership, Team, User
from accounts.permissions import can_manage_staff
from accounts.roles import Role
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import HavenError, NotAllowed
from core.nations import Nation

STAFF_FIELDS = ("first_name", "last_name", "email", "phone", "role", "team", "is_home_based")


def _require_administrator(actor) -> None:
    if not (getattr(actor, "is_system", False) or can_manage_staff(actor)):
        raise NotAllowed("Only an administrator can change staff and organisation records.")


def _value(value):
    return getattr(value, "pk", value)


def _apply(instance, fields: dict) -> dict:
    """Sets the given fields and returns {field: [old, new]} for those that changed."""
    changes = {}
    for name, new in fields.items():
        old = getattr(instance, name)
        if _value(old) != _value(new):
            changes[name] = [
                str(_value(old)) if old is not None else None,
                str(_value(new)) if new is not None else None,
            ]
            setattr(instance, name, new)
    return changes


def _save_unique(instance, message: str, field: str = "name") -> None:
    try:
        with transaction.atomic():
            instance.full_clean(validate_unique=False, validate_constraints=False)
            instance.save()
    except IntegrityError as exc:
        raise HavenError(message, field=field) from exc
    except ValidationError as exc:
        name, errors = next(iter(exc.message_dict.items()))
        raise HavenError(errors[0], field=name) from exc


def _create(*, actor, instance, action: str, duplicate: str):
    _require_administrator(actor)
    with transaction.atomic(durable=True):
        _save_unique(instance, duplicate)
        audit_record(actor=actor, action=action, target=instance, changes={"name": instance.name})
    return instance


def _update(*, actor, instance, action: str, duplicate: str, fields: dict):
    _require_administrator(actor)
    with transaction.atomic(durable=True):
        changes = _apply(instance, fields)
        if changes:
            _save_unique(instance, duplicate)
            audit_record(actor=actor, action=action, target=instance, changes=changes)
    return instance


def _required(value: str, message: str, field: str = "name") -> str:
    value = (value or "").strip()
    if not value:
        raise HavenError(message, field=field)
    return value


def organisation_create(*, actor, name: str) -> Organisation:
    """Administrators create the organisation staff belong to."""
    instance = Organisation(name=_required(name, "Enter the organisation's name"))
    return _create(
        actor=actor, instance=instance, action="organisation.created", duplicate="An organisation with that name exists"
    )


def organisation_update(*, actor, organisation: Organisation, name: str) -> Organisation:
    return _update(
        actor=actor,
        instance=organisation,
        action="organisation.updated",
        duplicate="An organisation with that name exists",
        fields={"name": _required(name, "Enter the organisation's name")},
    )


def region_create(*, actor, organisation: Organisation, name: str) -> Region:
    instance = Region(organisation=organisation, name=_required(name, "Enter the region's name"))
    return _create(
        actor=actor,
        instance=instance,
        action="region.created",
        duplicate="This organisation has a region with that name",
    )


def region_update(*, actor, region: Region, name: str) -> Region:
    return _update(
        actor=actor,
        instance=region,
        action="region.updated",
        duplicate="This organisation has a region with that name",
        fields={"name": _required(name, "Enter the region's name")},
    )


def _nation(nation: str) -> str:
    if nation not in Nation.values:
        raise HavenError("Select the nation the office is in", field="nation")
    return nation


def office_create(*, actor, region: Region, name: str, nation: str) -> Office:
    """The office's nation decides bank holidays for the work done there."""
    instance = Office(region=region, name=_required(name, "Enter the office's name"), nation=_nation(nation))
    return _create(
        actor=actor, instance=instance, action="office.created", duplicate="This region has an office with that name"
    )


def _same_organisation(new_parent, old_parent, message: str, field: str) -> None:
    """Moving an office or team into another organisation would silently move its staff,
    and with them what they may see. Add a new office or team there instead."""
    moved = new_parent is not None and new_parent.pk != old_parent.pk
    if moved and _organisation_of(new_parent).pk != _organisation_of(old_parent).pk:
        raise HavenError(message, field=field)


def _organisation_of(parent) -> Organisation:
    if isinstance(parent, Region):
        return parent.organisation
    return parent.region.organisation


def office_update(*, actor, office: Office, name: str, nation: str, region: Region | None = None) -> Office:
    """Administrators rename an office, correct its nation, or move it to another region
    of the same organisation."""
    _same_organisation(region, office.region, "Select a region in the office's own organisation", "region")
    return _update(
        actor=actor,
        instance=office,
        action="office.updated",
        duplicate="This region has an office with that name",
        fields={
            "name": _required(name, "Enter the office's name"),
            "nation": _nation(nation),
            "region": region or office.region,
        },
    )


def team_create(*, actor, office: Office, name: str) -> Team:
    instance = Team(office=office, name=_required(name, "Enter the team's name"))
    return _create(
        actor=actor, instance=instance, action="team.created", duplicate="This office has a team with that name"
    )


def team_update(*, actor, team: Team, name: str, office: Office | None = None) -> Team:
    """Administrators rename a team or move it to another office of the same organisation."""
    _same_organisation(office, team.office, "Select an office in the team's own organisation", "office")
    return _update(
        actor=actor,
        instance=team,
        action="team.updated",
        duplicate="This office has a team with that name",
        fields={"name": _required(name, "Enter the team's name"), "office": office or team.office},
    )


def support_group_create(*, actor, organisation: Organisation, name: str, description: str = "") -> SupportGroup:
    require_no_credentials(name=name, description=description)
    instance = SupportGroup(
        organisation=organisation, name=_required(name, "Enter the support group's name"), description=description
    )
    return _create(
        actor=actor,
        instance=instance,
        action="support_group.created",
        duplicate="This organisation has a support group with that name",
    )


def support_group_update(*, actor, group: SupportGroup, name: str, description: str = "") -> SupportGroup:
    require_no_credentials(name=name, description=description)
    return _update(
        actor=actor,
        instance=group,
        action="support_group.updated",
        duplicate="This organisation has a support group with that name",
        fields={"name": _required(name, "Enter the support group's name"), "description": description},
    )


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise HavenError(" ".join(exc.messages), field="password") from exc


def _clean_staff_fields(fields: dict) -> dict:
    fields = dict(fields)
    if "role" in fields and fields["role"] not in Role.values:
        raise HavenError("Select the person's role", field="role")
    for name in ("first_name", "last_name"):
        if name in fields:
            fields[name] = _required(fields[name], f"Enter the person's {name.replace('_', ' ')}", field=name)
    return fields


def staff_create(
    *,
    actor,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    role: str,
    team: Team | None,
    email: str = "",
    phone: str = "",
    is_home_based: bool = False,
) -> User:
    """Administrators create staff accounts with a first password; the new member of
    staff must enrol MFA when they first sign in."""
    _require_administrator(actor)
    username = _required(username, "Enter a username", field="username").lower()
    fields = _clean_staff_fields(
        {
            "first_name": first_name,
            "last_name": last_name,
            "email": email.strip(),
            "phone": phone.strip(),
            "role": role,
            "team": team,
            "is_home_based": is_home_based,
        }
    )
    user = User(username=username, **fields)
    _check_password(password, user)
    user.set_password(password)
    with transaction.atomic(durable=True):
        if User.objects.filter(username=username).exists():
            raise HavenError("That username is already taken", field="username")
        _save_unique(user, "That username is already taken", field="username")
        audit_record(
            actor=actor,
            action="staff.created",
            target=user,
            changes={name: str(_value(value)) for name, value in fields.items()},
        )
    return user


def staff_update(*, actor, user: User, **fields) -> User:
    """Changes a member of staff's role, team or details; the old and new values are audited."""
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"staff_update cannot change {sorted(unknown)}")
    _require_administrator(actor)
    _require_staff_account(user)
    fields = _clean_staff_fields(fields)
    with transaction.atomic(durable=True):
        changes = _apply(user, fields)
        if changes:
            _save_unique(user, "That username is already taken", field="username")
            audit_record(actor=actor, action="staff.updated", target=user, changes=changes)
    return user


def _require_staff_account(user: User) -> None:
    if user.is_system:
        raise NotAllowed("Haven's own system account cannot be changed.")


def staff_deactivate(*, actor, user: User) -> User:
    """Administrators deactivate staff who leave or must not use Haven. Deactivation ends
    every session of the person on the server at once; the account stays, because the
    audit trail names it."""
    _require_administrator(actor)
    _require_staff_account(user)
    if user.pk == getattr(actor, "pk", None):
        raise HavenError("You cannot deactivate your own account. Ask another administrator.")
    if not user.is_active:
        raise HavenError(f"{user.display_name}'s account is already deactivated")
    with transaction.atomic(durable=True):
        user.is_active = False
        user.save(update_fields=["is_active", "updated_at"])
        ended = sessions.end_all_sessions(user)
        revoked = sessions.revoke_api_tokens(user, actor=actor)
        audit_record(
            actor=actor,
            action="staff.deactivated",
            target=user,
            changes={"sessions_ended": ended, "api_tokens_revoked": revoked},
        )
    return user


def staff_reactivate(*, actor, user: User) -> User:
    """Administrators let a deactivated member of staff sign in again."""
    _require_administrator(actor)
    _require_staff_account(user)
    if user.is_active:
        raise HavenError(f"{user.display_name}'s account is already active")
    with transaction.atomic(durable=True):
        user.is_active = True
        user.save(update_fields=["is_active", "updated_at"])
        audit_record(actor=actor, action="staff.reactivated", target=user)
    return user


def staff_reset_mfa(*, actor, user: User) -> User:
    """For a lost phone: removes the person's authenticators and ends their sessions, so
    they must enrol again at their next sign-in."""
    _require_administrator(actor)
    _require_staff_account(user)
    with transaction.atomic(durable=True):
        removed = Authenticator.objects.filter(user=user).delete()[0]
        ended = sessions.end_all_sessions(user)
        revoked = sessions.revoke_api_tokens(user, actor=actor)
        audit_record(
            actor=actor,
            action="staff.mfa_reset",
            target=user,
            changes={"removed": removed, "sessions_ended": ended, "api_tokens_revoked": revoked},
        )
    return user


def support_group_join(*, actor: User, group: SupportGroup, day: date) -> SupportGroupMembership:
    """A home-based worker joins a support group at the start of the day (DA Plan,
    Section A); joining another the same day moves them."""
    if not actor.is_active or not actor.is_home_based:
        raise NotAllowed("Only home-based workers join a support group for the day.")
    if actor.organisation is None or group.organisation_id != actor.organisation.pk:
        raise NotAllowed("That support group belongs to another organisation.")
    with transaction.atomic(durable=True):
        membership, _ = SupportGroupMembership.objects.update_or_create(user=actor, day=day, defaults={"group": group})
        audit_record(actor=actor, action="support_group.joined", target=group, changes={"day": day.isoformat()})
    return membership
