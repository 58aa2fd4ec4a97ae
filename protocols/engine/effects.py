"""Effects: what a step asks the rest of Haven to do once it is answered.

An effect is data, told apart by `type`; each type lists the fields it needs. The engine
only raises effects (each at most once per run, remembering the step that raised it);
the incidents, disclosures, work, people and directory apps carry them out. Fields named
`*_step` name a question whose answer fills that field (e.g. the police reference).
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from protocols.engine.conditions import Condition

Assignee = Literal["worker", "team-leader", "deputy-manager", "safeguarding-lead"]
Text = Annotated[str, Field(min_length=1)]


class _Effect(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    when: Condition | None = Field(None, description="Raise the effect only if this holds.")

    def key(self) -> str:
        """What makes two effects the same effect, so it is raised once per run."""
        return self.model_dump_json(exclude={"when"}, by_alias=True)

    def answer_refs(self) -> dict[str, str]:
        return {name: value for name, value in self.model_dump().items() if name.endswith("_step") and value}


class SummonSupportPartner(_Effect):
    """DA Plan, Section A; Six Point Plan, point 2: a colleague joins without the customer being put on hold."""

    type: Literal["summon_support_partner"]
    reason: Text = Field(description="What the support partner is told, e.g. 'Customer not safe now'.")


class RecordEmergencyCall(_Effect):
    """DA Plan, Call the Emergency Services; Six Point Plan, point 5."""

    type: Literal["record_emergency_call"]
    service: Literal["police", "ambulance", "emergency-services", "mental-health-crisis-team", "foreign-office"]
    called_at_step: str | None = None
    reference_step: str | None = None
    location_step: str | None = None


class OpenDisclosureDecision(_Effect):
    """Domain brief 2: every sharing of personal data is a recorded decision."""

    type: Literal["open_disclosure_decision"]
    recipient: Text = Field(description="Who the data goes to, e.g. 'police'.")
    purpose: Text = Field(description="Why, e.g. 'threat to life'.")
    items: list[Text] = Field(min_length=1, description="What is shared (data minimisation).")
    emergency: bool = Field(False, description="Decided alone in an emergency: flagged for retrospective review.")


class CreateTask(_Effect):
    type: Literal["create_task"]
    title: Text
    due_working_days: int = Field(ge=0, description="Deadline in working days (UK calendar of the nation).")
    assignee: Assignee


class ReportThreat(_Effect):
    """DA Plan, Review: a Report Threat activity allocated to the worker's team leader."""

    type: Literal["report_threat"]
    marker: Text = Field(description="e.g. 'DOMESTIC ABUSE RISK'.")
    assignee: Literal["team-leader"] = "team-leader"
    called_at_step: str | None = None
    reference_step: str | None = None
    overview_step: str | None = None


class AddMarker(_Effect):
    type: Literal["add_marker"]
    marker: Text


class Signpost(_Effect):
    """DA Plan, Section C: support organisations from the directory, by category."""

    type: Literal["signpost"]
    categories: list[Text] = Field(min_length=1)
    offer_message: bool = Field(False, description="Offer to send the list to the customer by message.")


class OfferReferral(_Effect):
    type: Literal["offer_referral"]
    form: Literal["acssl", "senior-safeguarding-leader", "ucb-report"]


Effect = Annotated[
    SummonSupportPartner
    | RecordEmergencyCall
    | OpenDisclosureDecision
    | CreateTask
    | ReportThreat
    | AddMarker
    | Signpost
    | OfferReferral,
    Field(discriminator="type"),
]
EFFECT_TYPES = (
    SummonSupportPartner,
    RecordEmergencyCall,
    OpenDisclosureDecision,
    CreateTask,
    ReportThreat,
    AddMarker,
    Signpost,
    OfferReferral,
)
