"""The scale data set (issue 9): customers, six years of incidents with their runs, notes,
actions and tasks, and the audit trail they leave, written fast but as the services write.

Customers go through people's bulk path (`seed_customers`). Incidents are written a batch
a transaction: the incident rows, note revisions and the actions waiting for the worker
through the database's bulk path (COPY on PostgreSQL), the automatic effects (tasks, the
review, Report Threat, markers) carried out by the real handler `effects.record_raised`
with the clock set to the moment the step raised them, and every audit event the services
would have written appended with `audit_append_many`'s chaining, in the same transaction.
Reading is audited too, so the trail is topped up to `audit_events` with the
`customer.viewed` and `incident.opened` events that staff opening those records leave.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import time_machine
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.personas import ORGANISATION, load_demo
from accounts.roles import Role
from audit.bulk import NewEvent, audit_record_many
from audit.models import AuditChainHead
from core.scale_effects import bulk_effects
from core.scale_services import ServicesTier
from incidents import effects
from incidents.models import Incident, IncidentAction, IncidentNote
from incidents.synthetic import WEB_CONTEXT, IncidentGenerator
from people.bulk import _allocate_ids, _insert
from people.management.commands.seed_customers import seed_customers
from people.models import Customer

BATCH = 2_000
OPEN_DAYS = 14  # incidents still open are from the last fortnight
OPEN_CHANCE = 0.3


@dataclass
class Totals:
    customers: int = 0
    incidents: int = 0
    notes: int = 0
    actions: int = 0
    audit_events: int = 0
    serviced_incidents: int = 0
    disclosures: int = 0
    authorities: int = 0
    access_records: int = 0
    seconds: dict = field(default_factory=dict)


def demo_organisation() -> Organisation:
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None:
        load_demo()
        organisation = Organisation.objects.get(name=ORGANISATION)
    return organisation


def _staff(organisation: Organisation) -> list:
    caseworkers = list(
        User.objects.filter(
            team__office__region__organisation=organisation, role=Role.CASEWORKER, is_active=True
        ).select_related("team")
    )
    for user in caseworkers:
        user.organisation_id = organisation.pk
    return caseworkers


def head_seq() -> int:
    head = AuditChainHead.objects.filter(pk=1).first()
    return head.seq if head else 0


def seed_scale(
    *, customers: int, incidents: int, audit_events: int, years: int = 6, seed: int = 1, progress=print,
    real_effects: bool = False,
):  # fmt: skip
    """Builds the data set in the demo organisation. Returns Totals. Must not run inside a
    transaction (each batch commits on its own, so a failure keeps what was done).
    `real_effects` carries the automatic effects out through the real handler (about 15 ms
    an effect) instead of the bulk rows that match it (core/scale_effects.py)."""
    totals, started = Totals(), time.perf_counter()
    organisation = demo_organisation()
    first_event = head_seq()
    before = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    totals.customers = seed_customers(customers, seed=seed, progress=progress)
    customer_ids = list(Customer.objects.filter(organisation=organisation, pk__gt=before).values_list("pk", flat=True))
    totals.seconds["customers"] = time.perf_counter() - started
    progress(f"{totals.customers:,} customers in {totals.seconds['customers']:.1f} s")

    mark = time.perf_counter()
    workers = _staff(organisation)
    rng = random.Random(seed * 7919 + 1)  # noqa: S311  made-up data, repeatable by seed
    now = timezone.now()
    begin = now - timedelta(days=365 * years)
    span = (now - begin).total_seconds()
    served = ServicesTier(rng=rng, workers=workers, generator=IncidentGenerator(rng=rng, workers=workers, partners=[]))
    _through_services(served, rng, customer_ids, incidents=incidents, begin=begin, span=span, totals=totals)
    totals.seconds["services"] = time.perf_counter() - mark
    progress(
        f"Through the services: {totals.serviced_incidents:,} incidents, {totals.disclosures:,} disclosures, "
        f"{totals.authorities:,} authorities with {totals.access_records:,} access records "
        f"({totals.seconds['services']:.1f} s)"
    )
    mark = time.perf_counter()
    # A support partner joins through the alert services only, so the bulk path has none.
    generator = IncidentGenerator(rng=rng, workers=workers, partners=[])
    budget = max(0, audit_events - (head_seq() - first_event))  # what is left after the customers' events
    made, incidents = 0, incidents - totals.serviced_incidents
    while made < incidents:
        count = min(BATCH, incidents - made)
        window = (
            begin + timedelta(seconds=span * made / incidents),
            begin + timedelta(seconds=span * (made + count) / incidents),
        )
        batches_left = -(-(incidents - made) // BATCH)
        appended = _incident_batch(
            generator, rng, count=count, window=window, now=now, customer_ids=customer_ids,
            audit_quota=(budget - totals.audit_events) // batches_left, totals=totals, real_effects=real_effects,
        )  # fmt: skip
        totals.audit_events += appended
        made += count
        reset_queries()
        if made % (BATCH * 10) == 0 or made == incidents:
            progress(f"{made:,} incidents, {totals.audit_events:,} audit events ({time.perf_counter() - mark:.1f} s)")
    totals.incidents = made + totals.serviced_incidents
    totals.seconds["incidents"] = time.perf_counter() - mark
    totals.audit_events = head_seq() - first_event
    totals.seconds["total"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return totals


def _through_services(served, rng, customer_ids, *, incidents, begin, span, totals) -> None:
    """A share of the data set through the real services: one incident in 2,000 followed
    start to close, a disclosure decision for one customer in 1,000, an authority for one in
    2,000 (at least one of each). They cost about 0.2 to 0.5 s each against some
    milliseconds on the bulk path, so a larger share would dominate a full-size run."""
    if not customer_ids:
        return

    def moment():
        return begin + timedelta(seconds=rng.random() * span * 0.98)

    def customer():
        return Customer.objects.get(pk=rng.choice(customer_ids))

    for _ in range(max(incidents // 2000, min(incidents, 1))):
        served.incident(customer(), moment())
        totals.serviced_incidents += 1
    for _ in range(max(1, len(customer_ids) // 1000)):
        served.disclosure(customer(), moment())
        totals.disclosures += 1
    for _ in range(max(1, len(customer_ids) // 2000)):
        made = served.authority(customer(), moment())
        totals.authorities += 1 if made else 0
        totals.access_records += made


def _incident_batch(generator, rng, *, count, window, now, customer_ids, audit_quota, totals, real_effects) -> int:
    low, high = window
    width = max(1.0, (high - low).total_seconds())
    starts = sorted(low + timedelta(seconds=rng.random() * width) for _ in range(count))
    open_from = now - timedelta(days=OPEN_DAYS)
    with transaction.atomic(durable=True):
        ids = _allocate_ids(Incident, count)
        made = []
        for pk, started_at in zip(ids, starts, strict=True):
            customer_id = rng.choice(customer_ids) if customer_ids and rng.random() < 0.95 else None
            chance = OPEN_CHANCE if started_at >= open_from else 0.0
            made.append(generator.incident(pk=pk, customer_id=customer_id, started_at=started_at, now=now,
                                           open_chance=chance))  # fmt: skip
        _insert(Incident, [new.row for new in made])
        entry = IncidentNote._meta.get_field("entry")  # a UUID column on PostgreSQL, hex text on SQLite
        notes = [
            {**note, "entry": entry.get_db_prep_value(note["entry"], connection)} for new in made for note in new.notes
        ]
        _insert(IncidentNote, notes)
        totals.notes += len(notes)
        actions, automatic = _actions(made)
        effect = IncidentAction._meta.get_field("effect")  # JSON: jsonb on PostgreSQL, text on SQLite
        actions = [{**action, "effect": effect.get_db_prep_save(action["effect"], connection)} for action in actions]
        _insert(IncidentAction, actions)
        totals.actions += len(actions)
        before = head_seq()
        events = [event for new in made for event in new.events]
        if real_effects:
            _carry_out(automatic)
        else:
            events += bulk_effects(automatic, made, now=now, rng=rng, workers=generator.workers)
        totals.actions += len(automatic)
        wanted = max(0, audit_quota - len(events) - (head_seq() - before))
        events += _reads(rng, made, wanted, now, {u.pk: u.username for u in generator.workers})
        events.sort(key=lambda event: event.occurred_at)
        audit_record_many(events)
        return head_seq() - before


def _actions(made) -> tuple[list[dict], list]:
    """Rows for the effects that wait for the worker (as `record_raised` leaves them: to
    do), and (incident, effect, moment) for the automatic ones, to be carried out."""
    rows, automatic = [], []
    for new in made:
        definition = new.run.definition
        for raised, at in zip(new.run.effects, new.raised_at, strict=True):
            if raised.effect.type in effects.AUTOMATIC:
                automatic.append((new.row["id"], definition, raised, at))
                continue
            rows.append(
                {
                    "incident_id": new.row["id"],
                    "key": effects.effect_key(raised, definition),
                    "kind": raised.effect.type,
                    "step": raised.step,
                    "effect": raised.as_dict(),
                    "state": "pending",
                    "created_at": at,
                    "updated_at": at,
                }  # fmt: skip
            )
    return rows, automatic


def _carry_out(automatic) -> None:
    """The automatic effects through the real handler, each at the moment it was raised."""
    if not automatic:
        return
    loaded = Incident.objects.select_related("team__office", "customer", "worker", "organisation").in_bulk(
        {pk for pk, *_ in automatic}
    )
    for pk, definition, raised, at in automatic:
        incident = loaded[pk]
        with time_machine.travel(at, tick=False):
            effects.record_raised(incident, definition, [raised], actor=incident.worker)


def _reads(rng, made, wanted: int, now: datetime, labels: dict) -> list[NewEvent]:
    """Staff opening the incidents and their customers' records after the call: what
    `incident_open` and `customer_get` record."""
    events = []
    for _ in range(wanted):
        new = rng.choice(made)
        row = new.row
        reader = row["partner_id"] if row["partner_id"] and rng.random() < 0.3 else row["worker_id"]
        at = min(now, row["started_at"] + timedelta(seconds=rng.randrange(60, 30 * 86_400)))
        label = labels[reader]
        context = {**WEB_CONTEXT, "method": "GET", "request_id": f"{rng.getrandbits(64):016x}"}
        person_ref = f"customer:{row['customer_id']}" if row["customer_id"] else ""
        if row["customer_id"] and rng.random() < 0.5:
            target = {
                "action": "customer.viewed",
                "target_type": "people.customer",
                "target_id": str(row["customer_id"]),
            }
            context["path"] = f"/people/{row['customer_id']}/"
        else:
            target = {"action": "incident.opened", "target_type": "incidents.incident", "target_id": str(row["id"])}
            context["path"] = f"/incidents/{row['id']}/"
        events.append(NewEvent(actor_id=reader, actor_label=label, person_ref=person_ref, context=context,
                               occurred_at=at.astimezone(UTC), **target))  # fmt: skip
    return events
