"""The part of the scale data set made through the real services, each call with the clock
set to its moment in the six-year history (time_machine), so what they write (rows,
encrypted fields, audit events) is exactly what a person using Haven then would have left.

Used for the records that are rare and many-sided: decisions to share data (disclosure
draft and confirm), forms of authority and the adviser's access records, and a share of
incidents followed from start to close as a worker would (every step answered through
`step_answer`, a support partner summoned and joining, notes autosaved, the incident
closed). The mass of incidents goes through core/scale.py's bulk path.
"""

import random
import uuid
from datetime import datetime, timedelta

import time_machine

from consent import services as consent
from consent.models import Duration, Entry, Evidence, Scope
from disclosures import services as disclosures
from disclosures.items import available_items
from incidents import runs, services_notes, services_partner
from incidents import services as incidents
from incidents.models import Channel, SupportAlert
from incidents.synthetic import NOTE_LINES, SUMMARIES, IncidentGenerator
from people.models import Customer


def _at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def disclosure_data(rng: random.Random, shared_at: datetime, customer: Customer) -> dict:
    """A decision to share, as a caseworker records it: mostly with consent (to a GP or a
    support service), sometimes an emergency disclosure to the police taken alone."""
    data = {
        "at_risk": "customer",
        "recipient_kind": "police",
        "recipient_organisation": "Northumbria Police",
        "recipient_person": "PC Hale",
        "method": "phone",
        "shared_at": shared_at,
        "items": ["name", "address", "markers"],
        "purpose": "Customer said they are not safe at home now; police asked to attend.",
        "reference_number": f"NP-{shared_at.year}-{rng.randrange(10_000):04d}",
        "consent": "not-sought",
        "article_6": "6-1-d",
        "article_9": "9-2-g",
        "schedule_1": "sch1-18",
        "risk_to_life": True,
        "protection": "harm",
        "needs_care_and_support": True,
        "experiencing_or_at_risk_of_harm": True,
        "unable_to_protect_self": True,
        "para_18_reason": "would-prejudice",
        "emergency": True,
        "person_told": True,
    }
    held = available_items(customer)
    data["items"] = [item.code for item in held if item.code in ("name", "address", "markers")]
    if rng.random() < 0.7:
        data |= {
            "items": [item.code for item in held if item.code in ("name", "phone") and not item.special],
            "recipient_kind": "gp",
            "recipient_organisation": "Elm Street Surgery",
            "recipient_person": "Dr Lewis",
            "purpose": "Customer asked us to tell their GP how they are, so the GP can call them.",
            "reference_number": "",
            "consent": "given",
            "article_6": "6-1-a",
            "article_9": "",
            "schedule_1": "",
            "risk_to_life": False,
            "protection": "",
            "para_18_reason": "",
            "emergency": False,
        }
    return data


class ServicesTier:
    def __init__(self, *, rng: random.Random, workers: list, generator: IncidentGenerator) -> None:
        self.rng, self.workers, self.generator = rng, workers, generator

    def disclosure(self, customer: Customer, at: datetime) -> None:
        worker = self.rng.choice(self.workers)
        with _at(at):
            draft = disclosures.disclosure_draft(
                actor=worker, customer=customer, data=disclosure_data(self.rng, at - timedelta(minutes=5), customer)
            )
        with _at(at + timedelta(minutes=self.rng.randrange(1, 20))):
            disclosures.disclosure_confirm(actor=worker, disclosure=draft)

    def authority(self, customer: Customer, at: datetime) -> int:
        """An adviser's authority, granted on a signature in person, and the times they
        then acted under it. Returns how many access records were made."""
        rng = self.rng
        # The adviser is a welfare-rights caseworker in the customer's organisation.
        adviser = rng.choice(self.workers)
        with _at(at):
            authority = consent.authority_grant(
                actor=rng.choice(self.workers),
                customer=customer,
                adviser=adviser,
                scope=[Scope.VIEW, Scope.ENTRIES],
                entries=[Entry.LODGE_MR],
                purpose="To challenge the decision on their Universal Credit housing element",
                duration=Duration.ONGOING,
                evidence=Evidence.SIGNATURE,
                signature_name=f"{customer.given_names} {customer.family_name}",
            )
        count = rng.randint(1, 3)
        for number in range(count):
            acted = at + timedelta(days=7 * (number + 1), hours=rng.randrange(1, 6))
            with _at(acted):
                consent.access_record(
                    actor=adviser,
                    authority=authority,
                    action="view",
                    viewed="Their award and the decision letter.",
                    done="Checked the housing element before lodging the reconsideration.",
                    no_password_confirmed=True,
                    acted_at=acted,
                )
        return count

    def incident(self, customer: Customer, at: datetime) -> None:
        """One incident followed through the services from start to close."""
        rng, generator = self.rng, self.generator
        worker = rng.choice(self.workers)
        protocol_id = rng.choice(list(generator.definitions))
        with _at(at):
            incident = incidents.incident_start(
                actor=worker,
                channel=Channel.TELEPHONE,
                protocol_id=protocol_id,
                customer=customer,
                summary_text=rng.choice(SUMMARIES[protocol_id]),
            )
        # The same walk the bulk path takes, answered here one step at a time (after what
        # incident_start answered itself: a plan's channel question).
        run, steps, _ = generator.walk(protocol_id, by=worker.username, at=at, channel=Channel.TELEPHONE)
        partner_done = False
        already = len(runs.run_of(incident).to_json()["events"])
        for event in run.to_json()["events"][already:]:
            at = datetime.fromisoformat(event["at"])
            with _at(at):
                kwargs = {k: event.get(k) for k in ("role", "note") if event.get(k)}
                if event.get("type", "answer") == "change":
                    incident = incidents.step_change(
                        actor=worker, incident=incident, step=event["step"], value=event["value"],
                        version=incident.version, **kwargs,
                    )  # fmt: skip
                else:
                    incident = incidents.step_answer(
                        actor=worker, incident=incident, step=event["step"], value=event["value"],
                        version=incident.version, **kwargs,
                    )  # fmt: skip
            if not partner_done and incident.actions.filter(kind="summon_support_partner", state="pending").exists():
                partner_done = self._partner(worker, incident, at)
        entry = uuid.uuid4()  # made by the browser: never repeated, whatever the seed
        text = ""
        for revision in range(1, rng.randint(2, 4)):
            text = f"{text}\n{rng.choice(NOTE_LINES)}".strip()
            at += timedelta(seconds=rng.randrange(5, 40))
            with _at(at):
                services_notes.note_save(actor=worker, incident=incident, entry=entry, revision=revision, text=text)
        with _at(at + timedelta(minutes=rng.randrange(1, 15))):
            incidents.incident_close(actor=worker, incident=incident, version=incident.version)

    def _partner(self, worker, incident, at: datetime) -> bool:
        with _at(at + timedelta(seconds=2)):
            alert, _ = services_partner.alert_raise(actor=worker, incident=incident)
        recipients = list(alert.recipients.exclude(user_id=worker.pk).select_related("user"))
        candidates = [r.user for r in recipients if r.user.can_be_support_partner]
        if not candidates:
            return True
        with _at(at + timedelta(seconds=self.rng.randrange(5, 50))):
            services_partner.alert_accept(
                actor=self.rng.choice(candidates), alert=SupportAlert.objects.get(pk=alert.pk)
            )
        return True
