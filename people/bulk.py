"""Creating many customers at once: seeding data for demos, scale tests and benchmarks.

`customers_append_many` writes exactly what `services.customer_create` (and then
`customer_name_add`, `customer_reference_add`, `marker_add`, `safe_contact_update`,
`privacy_needs_update`) would: identity normalised by the same validation, a case number,
SafeContact and PrivacyNeeds rows, previous names, references, markers (encrypted reasons,
history kept) and the same search keys (`search_keys.keys_from_values`). It does so
5,000 customers a transaction through the database's bulk path (COPY on PostgreSQL, one
prepared INSERT run for every row on SQLite), so a million customers seed in minutes.

Django's `bulk_create` builds a model instance and compiles every value of every row; on
SQLite it may put only 999 values in a statement (about 60 customers). That is hours for
the ~12 million rows of a million customers. Values here are prepared by each field's own
`get_db_prep_save`, so what is stored is what `bulk_create` would have stored (encrypted
text included).

Not a way around the rules: each batch and one audit event describing it
(`customer.bulk_created`) commit together, so the trail says where every seeded customer
came from. Per-customer events are not written: they would describe changes no person
made, and a million of them would swamp the trail the benchmarks measure.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from django.db import connection, reset_queries, transaction
from django.utils import timezone
from encrypted_fields.fields import EncryptedFieldMixin

from audit.services import audit_record
from people import search_keys, validation
from people.models import (
    Customer,
    CustomerMarker,
    CustomerName,
    CustomerReference,
    MarkerType,
    PrivacyNeeds,
    SafeContact,
    SearchKey,
)
from people.services import IDENTITY_FIELDS

BATCH = 5_000
# What a customer has before anything is typed, as the model's defaults say.
EMPTY_IDENTITY = {name: "" for name in IDENTITY_FIELDS} | {"date_of_birth": None, "nation": "england"}


@dataclass(frozen=True)
class NewMarker:
    marker_code: str
    reason: str
    set_on: date
    set_by_id: int
    review_on: date | None = None
    removed_at: datetime | None = None
    removed_by_id: int | None = None
    removal_reason: str | None = None


@dataclass
class NewCustomer:
    """One customer as plain values. `identity` holds IDENTITY_FIELDS as a person would
    type them; they are checked and normalised as the service does."""

    identity: dict
    case_number: str
    other_names: list[tuple[str, str, str, date | None]] = field(default_factory=list)  # given, family, kind, until
    references: list[tuple[str, str]] = field(default_factory=list)  # kind, value
    markers: list[NewMarker] = field(default_factory=list)
    safe_contact: dict = field(default_factory=dict)
    privacy_needs: dict = field(default_factory=dict)


def customers_append_many(
    customers: Iterable[NewCustomer],
    *,
    actor,
    organisation_id: int,
    batch_size: int = BATCH,
    on_batch: Callable[[int], None] | None = None,
    note: str = "",
) -> int:
    """Create `customers` in the organisation, `batch_size` per transaction. Returns how
    many were made. For seeding commands and benchmarks only; must not be called inside a
    transaction (each batch commits on its own). An invalid customer raises InvalidInput
    before its batch is written; the batches before it stay, with their audit events."""
    marker_types = dict(MarkerType.objects.values_list("code", "pk"))
    made = 0
    iterator = iter(customers)
    while batch := list(islice(iterator, batch_size)):
        made += _append_batch(batch, actor=actor, organisation_id=organisation_id, marker_types=marker_types, note=note)
        # With DEBUG on, Django keeps every SQL string; millions of them are gigabytes.
        reset_queries()
        if on_batch is not None:
            on_batch(made)
    return made


def _append_batch(batch: list[NewCustomer], *, actor, organisation_id: int, marker_types: dict, note: str) -> int:
    today = timezone.localdate()
    now = timezone.now()
    stamps = {"created_at": now, "updated_at": now}
    cleaned = [validation.clean_identity({**EMPTY_IDENTITY, **new.identity}, today=today) for new in batch]
    with transaction.atomic(durable=True):
        ids = _allocate_ids(Customer, len(batch))
        rows = {model: [] for model in (Customer, SafeContact, PrivacyNeeds, CustomerName, CustomerReference)}
        rows[CustomerMarker], search_rows = [], []
        for customer_id, new, identity in zip(ids, batch, cleaned, strict=True):
            rows[Customer].append(
                {
                    "id": customer_id,
                    "organisation_id": organisation_id,
                    "case_number": new.case_number,
                    **identity,
                    "is_restricted": False,
                    "version": 1,
                    **stamps,
                }
            )
            rows[SafeContact].append({"customer_id": customer_id, **new.safe_contact, "version": 1, **stamps})
            rows[PrivacyNeeds].append({"customer_id": customer_id, **new.privacy_needs, "version": 1, **stamps})
            for given, family, kind, used_until in new.other_names:
                rows[CustomerName].append(
                    {
                        "customer_id": customer_id,
                        "given_names": given.strip(),
                        "family_name": family.strip(),
                        "kind": kind,
                        "used_until": used_until,
                        **stamps,
                    }
                )
            for kind, value in new.references:
                rows[CustomerReference].append(
                    {"customer_id": customer_id, "kind": kind, "value": value.strip().upper(), **stamps}
                )
            for marker in new.markers:
                rows[CustomerMarker].append(_marker_row(customer_id, marker, marker_types, stamps))
            keys = search_keys.keys_from_values(
                names=[(identity["given_names"], identity["family_name"])]
                + [(given, family) for given, family, _, _ in new.other_names],
                ni_number=identity["ni_number"],
                postcode=identity["postcode"],
                case_number=new.case_number,
                references=[value.strip().upper() for _, value in new.references],
            )
            search_rows.extend((organisation_id, customer_id, str(kind), value) for kind, value in keys)
        for model, model_rows in rows.items():
            _insert(model, model_rows)
        # Two thirds of all rows: plain values in column order, straight to the database,
        # in the lookup index's order, so each index page is visited once a batch rather
        # than once a row (the index of a million customers is far bigger than the cache).
        search_rows.sort(key=lambda row: (row[2], row[3], row[1]))
        _write(SearchKey, ["organisation_id", "customer_id", "kind", "value"], search_rows)
        audit_record(
            actor=actor,
            action="customer.bulk_created",
            changes={"count": len(batch), "first_id": ids[0], "last_id": ids[-1], "note": note},
        )
    return len(batch)


def _marker_row(customer_id: int, marker: NewMarker, marker_types: dict, stamps: dict) -> dict:
    return {
        "customer_id": customer_id,
        "marker_type_id": marker_types[marker.marker_code],
        "set_on": marker.set_on,
        "set_by_id": marker.set_by_id,
        "reason": marker.reason.strip(),
        "review_on": marker.review_on,
        "removed_at": marker.removed_at,
        "removed_by_id": marker.removed_by_id,
        "removal_reason": marker.removal_reason,
        **stamps,
    }


def _allocate_ids(model, count: int) -> list[int]:
    """Primary keys for `count` new rows, taken from the database inside the batch's
    transaction, so the dependent rows can point at them in the same batch."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock from its start (transaction_mode
        # IMMEDIATE), so no one else can take these numbers. AUTOINCREMENT never reuses
        # a number, so start after the highest ever given, not the highest still there.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
            f"COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _insert(model, rows: list[dict]) -> None:
    """Write `rows` (field attname -> Python value) with the database's bulk path. A field
    a row leaves out takes its model default, as `Model.objects.create` would."""
    if not rows:
        return
    given = set().union(*(row.keys() for row in rows))
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    columns = [(f.attname, f.get_default()) for f in fields]
    to_prepare = [(index, f) for index, f in enumerate(fields) if _needs_preparing(f)]
    # Dates repeat (a batch shares one timestamp; birthdays repeat), so each distinct one
    # is converted once. Encrypted text is never cached: each value gets its own token.
    converted: dict[tuple[int, object], object] = {}
    values = []
    for row in rows:
        record = [row.get(name, default) for name, default in columns]
        for index, f in to_prepare:
            value = record[index]
            if value is None:
                continue
            if isinstance(f, EncryptedFieldMixin):
                record[index] = f.get_db_prep_save(value, connection)
                continue
            key = (index, value)
            if key not in converted:
                converted[key] = f.get_db_prep_save(value, connection)
            record[index] = converted[key]
        values.append(record)
    _write(model, [f.attname for f in fields], values)


def _write(model, attnames: list[str], values: list) -> None:
    """COPY on PostgreSQL; one prepared INSERT run for every row on SQLite."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(model._meta.get_field(name).column) for name in attnames)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for record in values:
                    copy.write_row(record)
        else:
            placeholders = ", ".join(["%s"] * len(attnames))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)  # noqa: S608


def _needs_preparing(f) -> bool:
    """Encrypted text, dates and times need the field's own conversion; numbers, text
    and yes/no go to the driver as they are."""
    return isinstance(f, EncryptedFieldMixin) or f.get_internal_type() in {"DateField", "DateTimeField"}
