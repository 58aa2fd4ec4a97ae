"""Live incidents (issue 8): one worker following one pinned protocol version with a
customer, the notes written on the way, the support partner who joined, the emergency
call, and the records that follow. Split by stage so each file stays small."""

from incidents.models.emergency import ConsentAnswer, EmergencyCall, EmergencyDecider, EmergencyService
from incidents.models.followup import (
    IncidentRecord,
    IncidentReview,
    Referral,
    ReferralKind,
    ReferralOutcome,
    ReportThreat,
    UCBReport,
    WellbeingRecord,
)
from incidents.models.incident import Channel, Incident, IncidentAction, IncidentNote, IncidentState
from incidents.models.partner import AlertRecipient, AlertState, SupportAlert

__all__ = [
    "AlertRecipient",
    "AlertState",
    "Channel",
    "ConsentAnswer",
    "EmergencyCall",
    "EmergencyDecider",
    "EmergencyService",
    "Incident",
    "IncidentAction",
    "IncidentNote",
    "IncidentRecord",
    "IncidentReview",
    "IncidentState",
    "Referral",
    "ReferralKind",
    "ReferralOutcome",
    "ReportThreat",
    "SupportAlert",
    "UCBReport",
    "WellbeingRecord",
]
