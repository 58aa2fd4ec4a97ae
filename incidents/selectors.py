"""Reads of incidents, scoped to who may see them. Opening an incident is itself an
audited event (issue 8: "every opening is audited")."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Subquery

from audit.services import audit_record_now
from core.errors import NotFound
from incidents import permissions
from incidents.models import Incident, IncidentNote, IncidentState
from incidents.services import incident_person_ref

PAGE_SIZE = 25


def incident_open(*, user, incident_id: int, audit: bool = True) -> Incident:
    """The incident, if `user` may open it; records that they did. Anyone else is told it
    was not found, so its existence is not given away."""
    incident = (
        Incident.objects.select_related("customer", "worker", "partner", "team__office").filter(pk=incident_id).first()
    )
    if incident is None or not permissions.can_open(user, incident):
        raise NotFound("That incident was not found, or you cannot open it.")
    if audit:
        audit_record_now(
            actor=user, action="incident.opened", target=incident, person_ref=incident_person_ref(incident)
        )
    return incident


def incident_for_change(*, user, incident_id: int) -> Incident:
    """The incident for a service to change, without an audit event of its own (the
    change records one)."""
    return incident_open(user=user, incident_id=incident_id, audit=False)


def latest_notes(incident: Incident, *, after_id: int = 0) -> list[IncidentNote]:
    """Each entry's latest revision, in the order the entries were started; with
    `after_id`, only entries changed since that revision was saved. Earlier revisions are
    never read (nor decrypted): a long call autosaves hundreds of them."""
    later = IncidentNote.objects.filter(entry=OuterRef("entry"), revision__gt=OuterRef("revision"))
    first = IncidentNote.objects.filter(entry=OuterRef("entry")).order_by("id").values("id")[:1]
    notes = (
        IncidentNote.objects.filter(incident=incident)
        .exclude(Exists(later))
        .annotate(first_id=Subquery(first))
        .select_related("author")
        .order_by("first_id")
    )
    if after_id:
        notes = notes.filter(pk__gt=after_id)
    return list(notes)


def incidents_page(*, user, page_number=1, state: str = IncidentState.OPEN):
    """The incidents a person works on or answers for, newest first: their own, those they
    joined as partner, and for team leaders their team's."""
    if not permissions.INCIDENT_READERS.allows(user):
        return Paginator(Incident.objects.none(), PAGE_SIZE).get_page(1)
    mine = Q(worker=user) | Q(partner=user)
    if user.role in permissions.LEADER_ROLES:
        mine |= Q(team_id=user.team_id)
    scope = Incident.objects.filter(organisation_id=user.organisation.pk)
    if user.role not in ("safeguarding-lead", "auditor"):
        scope = scope.filter(mine)
    incidents = scope.filter(state=state).select_related("customer", "worker", "partner").order_by("-started_at", "-id")
    return Paginator(incidents, PAGE_SIZE).get_page(page_number)
