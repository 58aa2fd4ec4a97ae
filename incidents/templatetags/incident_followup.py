"""What the follow-up panel shows: `{% followup_facts incident user as followup %}`."""

from django import template

from incidents import runs, services_referrals, services_wellbeing
from incidents.models import IncidentAction, IncidentRecord, IncidentReview, Referral, UCBReport, WellbeingRecord
from incidents.permissions_followup import (
    may_agree_time_away,
    may_complete_review,
    may_draft_review,
    may_record_outcome,
    may_refer,
    may_report_ucb,
    may_write_records,
)
from incidents.services_review import REVIEW_RECORD

register = template.Library()


def _offers(incident):
    pending = IncidentAction.objects.filter(incident=incident, kind="offer_referral")
    return [(action, action.effect.get("effect", {}).get("form", "")) for action in pending]


@register.simple_tag
def followup_facts(incident, user) -> dict:
    run = runs.run_of(incident)
    stored = {r.record_id: r for r in IncidentRecord.objects.filter(incident=incident)}
    records = [
        {"definition": d, "stored": stored.get(d.id), "complete": d.id in run.completed_records}
        for d in run.required_records()
        if d.id != REVIEW_RECORD
    ]
    referrals = list(Referral.objects.filter(incident=incident).select_related("referred_to"))
    return {
        "records": records,
        "review": IncidentReview.objects.filter(incident=incident).select_related("copied_to", "reviewed_by").first(),
        "eap": services_wellbeing.eap_contacts(incident),
        "wellbeing": list(WellbeingRecord.objects.filter(incident=incident).select_related("user", "agreed_by")),
        "ucb_reports": UCBReport.objects.filter(incident=incident).count(),
        "referrals": [(r, may_record_outcome(user, r) and not r.outcome) for r in referrals],
        "offers": _offers(incident),
        "ucb_offered": bool(services_referrals.offers(incident, services_referrals.UCB_FORM)),
        "can_write_records": may_write_records(user, incident),
        "can_review": may_draft_review(user, incident) or may_complete_review(user, incident),
        "can_agree_time_away": may_agree_time_away(user, incident),
        "can_report_ucb": may_report_ucb(user, incident),
        "can_refer": may_refer(user, incident),
    }
