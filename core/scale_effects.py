"""The automatic effects of one batch of seeded incidents through the bulk rows that match
the real handler (incidents/synthetic_effects.py): ids taken for the batch, incidents
rebuilt in memory with what the handlers read, the rows written, the events returned."""

from accounts.models import Team
from incidents.models import Incident, IncidentAction, IncidentReview, ReportThreat
from incidents.synthetic_effects import BulkEffects
from people.bulk import _allocate_ids, _insert
from people.models import Customer, CustomerMarker
from work.models import Task

MODELS = {"task": Task, "review": IncidentReview, "report": ReportThreat, "marker": CustomerMarker}
# At most this many rows of each an automatic effect makes (a review: two tasks).
MOST = {"task": 2, "review": 1, "report": 1, "marker": 1}


def bulk_effects(automatic, made, *, now, rng, workers) -> list:
    """Writes what the automatic effects make; returns their audit events."""
    if not automatic:
        return []
    pools = {name: iter(_allocate_ids(model, MOST[name] * len(automatic))) for name, model in MODELS.items()}
    batch = BulkEffects(next_id=lambda name: next(pools[name]), now=now, rng=rng)
    rows = {new.row["id"]: new for new in made}
    customers = Customer.objects.only("pk", "nation", "organisation_id").in_bulk(
        {new.row["customer_id"] for new in made if new.row["customer_id"]}
    )
    batch.load_markers(customers)
    teams = Team.objects.select_related("office").in_bulk({worker.team_id for worker in workers})
    by_pk = {worker.pk: worker for worker in workers}
    incidents, actions = {}, []
    for pk, definition, raised, at in automatic:
        if pk not in incidents:
            row = rows[pk].row
            incident = Incident(
                **{k: row[k] for k in ("id", "organisation_id", "customer_id", "team_id", "worker_id", "started_at")},
                protocol_title=row["protocol_title"],
            )
            incident.customer = customers.get(row["customer_id"])
            incident.team, incident.worker = teams[row["team_id"]], by_pk[row["worker_id"]]
            incidents[pk] = incident
        actions.append(batch.carry_out(incidents[pk], definition, raised, at, rows[pk].events[0].context))
    _insert(Task, batch.rows["task"])
    _insert(CustomerMarker, batch.rows["marker"])
    _insert(IncidentReview, list(batch.rows["review"].values()))
    _insert(ReportThreat, list(batch.rows["report"].values()))
    effect = IncidentAction._meta.get_field("effect")
    from django.db import connection

    _insert(IncidentAction, [{**a, "effect": effect.get_db_prep_save(a["effect"], connection)} for a in actions])
    return batch.events
