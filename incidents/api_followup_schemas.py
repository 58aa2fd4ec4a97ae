"""What the follow-up API sends and receives."""

import datetime as dt

from ninja import Schema


class RecordSummaryOut(Schema):
    record_id: str
    title: str
    state: str  # to-do, draft, complete
    version: int | None


class RecordOut(Schema):
    record_id: str
    title: str
    items: list[str]
    values: list[str]
    version: int
    completed_at: dt.datetime | None
    completed_by: str | None
    keep_until: dt.date | None


class RecordIn(Schema):
    values: list[str]
    version: int | None = None


class ReviewOut(Schema):
    how_handled: str
    procedures_worked: str
    lessons: str
    mental_health_first_aider: str
    support_agreed: str
    version: int
    due_on: dt.date | None
    completed_at: dt.datetime | None
    reviewed_by: str | None
    copied_to: str | None


class ReviewIn(Schema):
    how_handled: str = ""
    procedures_worked: str = ""
    lessons: str = ""
    mental_health_first_aider: str = ""
    support_agreed: str = ""
    version: int | None = None


class ContactOut(Schema):
    name: str
    phone: str | None = None
    website: str | None = None
    note: str | None = None


class WellbeingOut(Schema):
    user_id: int
    eap_shown_at: dt.datetime
    time_away_agreed: bool
    eap: list[ContactOut]


class TimeAwayIn(Schema):
    user_id: int
    details: str


class UCBIn(Schema):
    what_happened: str


class UCBOut(Schema):
    id: int
    reported_at: dt.datetime


class ReferralIn(Schema):
    kind: str
    reason: str
    referred_to_id: int


class OutcomeIn(Schema):
    outcome: str
    note: str = ""
    version: int | None = None


class ReferralOut(Schema):
    id: int
    kind: str
    referred_to_id: int | None
    referred_at: dt.datetime
    outcome: str
    outcome_at: dt.datetime | None
    version: int
