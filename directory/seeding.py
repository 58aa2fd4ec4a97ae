"""Loading the seeded entries into an organisation's directory (`manage.py load_directory`,
called by `load_demo`). Idempotent: each seeded entry has a fixed id, so a second run
adds nothing and changes nothing already there."""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from audit.services import audit_record
from directory import seed_data
from directory.models import NATION_FIELDS, Entry, EntryNeed, Need
from directory.services import write_words

SEED_NAMESPACE = uuid.UUID("6f2b8a8e-3c55-4f0e-9f57-1d0c6c7a0006")
# Seeded entries were checked by nobody here: they show as unverified until someone
# rings them, and their owner's review task arrives a month after loading.
FIRST_REVIEW_AFTER = timedelta(days=30)


def _entry_values(spec: dict, *, local: bool) -> dict:
    values = {
        "name": spec["name"],
        "description": spec.get("description", ""),
        "phone": spec.get("phone", ""),
        "phone_is_free": spec.get("free", False),
        "other_numbers": spec.get("other_numbers", ""),
        "hours": spec.get("hours", ""),
        "open_24_7": spec.get("open_24_7", False),
        "website": spec.get("website", ""),
        "email": spec.get("email", ""),
        "source": f"Seed {spec['seed']}",
        "is_local": local,
    }
    if local:
        values["local_area"] = spec["local_area"]
        values["local_postcodes"] = f" {spec['postcodes']} "
        values["description"] = f"Welfare rights and advice for people in {spec['local_area']} (named in the seed)."
    values.update({field: nation in spec["nations"] for nation, field in NATION_FIELDS.items()})
    return values


OWNER_ROLES = (Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR, Role.DEPUTY_MANAGER, Role.TEAM_LEADER)


def default_owner(organisation: Organisation) -> User | None:
    """Who maintains the seeded entries: the organisation's first safeguarding lead, else
    administrator, deputy manager or team leader, else its first member of staff."""
    members = User.objects.filter(team__office__region__organisation=organisation, is_active=True).order_by("pk")
    for role in OWNER_ROLES:
        owner = members.filter(role=role).first()
        if owner is not None:
            return owner
    return members.first()


def load_seeded_directory(*, actor, organisation: Organisation, owner: User | None) -> int:
    """Adds every seeded entry the organisation's directory lacks. Returns how many."""
    specs = [(spec, False) for spec in seed_data.NATIONAL] + [(spec, True) for spec in seed_data.LOCAL]
    today = timezone.localdate()
    with transaction.atomic():
        existing = set(Entry.objects.filter(organisation=organisation).values_list("uid", flat=True))
        added = []
        for spec, local in specs:
            uid = uuid.uuid5(SEED_NAMESPACE, spec["name"])
            if uid in existing:
                continue
            entry = Entry.objects.create(
                uid=uid, organisation=organisation, owner=owner, review_due_on=today + FIRST_REVIEW_AFTER,
                **_entry_values(spec, local=local),
            )  # fmt: skip
            needs = spec.get("needs", [Need.DEBT_HOUSING_WELFARE])
            EntryNeed.objects.bulk_create([EntryNeed(entry=entry, need=need) for need in needs])
            write_words(entry)
            added.append(entry.pk)
        if added:
            audit_record(
                actor=actor, action="directory.seeded", target=organisation,
                changes={"entries": len(added), "owner": owner.username if owner else ""},
            )  # fmt: skip
    return len(added)
