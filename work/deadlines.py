"""Haven's deadline rules, one function each, with the policy each comes from.

Pure: dates in, dates out, no Django. Dates are London dates (see work.calendar). Where a
rule counts working days the jurisdiction is the person's or the office's (the caller
decides which, through `work.calendar.jurisdiction_for_nation`).

Seeds cited: DA Plan (`001_89391ab191328d0a.txt`), the representatives' thread
(`002_9b0c2bd747a9209a.txt`), Annex A "Core Visits" and Annex B "Six Point Plan"
(`003_87a428310e492a90.txt`); see docs/domain.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from work.calendar import Jurisdiction, add_calendar_months, add_working_days

REVIEW_WORKING_DAYS = 2
CORE_VISIT_FOLLOW_UP_WORKING_DAYS = 10
INEFFECTIVE_VISIT_CONTACT_WORKING_DAYS = 5
RETENTION_YEARS = 6
APPEAL_MONTHS = 1
LATE_APPEAL_EXTENSION_MONTHS = 12
DEFAULT_REMINDER_OFFSETS = (10, 5, 2)
# No rule fixes when to chase a missing MRN; four weeks is a judgement an organisation can change.
DEFAULT_CHASE_MRN_AFTER_DAYS = 28


def review_due(incident_on: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """The incident review with the team leader or line manager: 2 working days after it.

    Source: DA Plan ("Review the incident with the team leader within a day or two") and
    Six Point Plan, Annex B (review discussion "within a day or two"). Issue 5 reads
    "a day or two" as its outer bound, 2 working days, so a Friday incident is reviewed by
    Tuesday rather than on a weekend.
    """
    return add_working_days(incident_on, REVIEW_WORKING_DAYS, jurisdiction)


def core_visit_follow_up_due(referred_on: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """Follow up a Core Visit referral 10 working days after it was made.

    Source: Annex A "Core Visits" ("Follow-up 10 working days after referral").
    """
    return add_working_days(referred_on, CORE_VISIT_FOLLOW_UP_WORKING_DAYS, jurisdiction)


def ineffective_visit_contact_due(visited_on: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """After a first ineffective visit, the customer has 5 working days to make contact;
    with no contact by then, a second visit follows.

    Source: Annex A "Core Visits" (not at home, refused or unsafe area: "letter asking for
    contact within 5 working days; no contact: second visit"). Counted from the visit, as
    the letter is left or sent that day.
    """
    return add_working_days(visited_on, INEFFECTIVE_VISIT_CONTACT_WORKING_DAYS, jurisdiction)


def retain_until(closed_on: dt.date) -> dt.date:
    """The last day a closed record is kept: six calendar years after it was closed.

    Source: DA Plan ("Records are kept for six years"); Six Point Plan, Annex B ("all kept
    six years"). A record closed on 29 February is kept until 28 February six years on.
    """
    return add_calendar_months(closed_on, RETENTION_YEARS * 12)


def appeal_due(mrn_sent_on: dt.date) -> dt.date:
    """The SSCS1 appeal deadline: one calendar month after the date the MRN was sent.

    Source: the representatives' thread (`002`: "An appeal (SSCS1) is due within one month
    of the MRN"); the First-tier Tribunal's Social Entitlement Chamber rules (rule 22) set
    the month from the date the notice was sent, not the date it was seen. An MRN sent
    on 31 January gives 28 February (29 in a leap year).

    Deliberately not moved to the next working day when it falls at a weekend or on a
    bank holiday: the Tribunal may accept an act done on the next working day, but Haven
    aims at the earlier date so that leeway stays a margin, not the plan.
    """
    return add_calendar_months(mrn_sent_on, APPEAL_MONTHS)


def latest_late_appeal(mrn_sent_on: dt.date) -> dt.date:
    """The last day a late appeal can be accepted at all: 13 months after the MRN was sent.

    Source: issue 5 ("never more than 13 months after it"), from the Tribunal's rule that
    time may be extended by no more than 12 months beyond the time allowed (rule 22(8)).
    Computed as 12 months after `appeal_due`, which is 13 months after the MRN except
    where the first month was clamped at February's end: an MRN sent on 29, 30 or 31
    January 2027 gives 28 February 2028, not the 29th. That is the safer of the readings.
    """
    return add_calendar_months(appeal_due(mrn_sent_on), LATE_APPEAL_EXTENSION_MONTHS)


def chase_mrn_on(mr_lodged_on: dt.date, after_days: int = DEFAULT_CHASE_MRN_AFTER_DAYS) -> dt.date:
    """When to chase a Mandatory Reconsideration Notice that has not appeared: a set number
    of calendar days after the MR was lodged.

    Source: the representatives' thread (`002`): MRNs arrive only in the client's journal,
    so nobody is told; issue 5 asks for a "chase MRN" task after a configurable number of
    days. Calendar days, not working days: the DWP's clock does not stop for weekends.
    """
    if after_days < 1:
        raise ValueError("after_days must be at least 1")
    return mr_lodged_on + dt.timedelta(days=after_days)


def reminder_dates(
    due_on: dt.date,
    jurisdiction: Jurisdiction | str,
    *,
    today: dt.date,
    offsets: Iterable[int] = DEFAULT_REMINDER_OFFSETS,
) -> list[dt.date]:
    """The days to remind someone of a deadline, earliest first, none of them before today.

    Each offset is a number of working days before `due_on` (default 10, 5 and 2, from
    issue 5's MR tracker). Reminders that would already be in the past, because the
    deadline became known late (an MRN seen weeks after it was sent), collapse into one
    reminder today: a late warning is still a warning. Nothing is returned once the
    deadline has passed; overdue work is escalated instead. Offsets must be positive.
    """
    offsets = list(offsets)
    if any(offset < 1 for offset in offsets):
        raise ValueError("Reminder offsets must be whole working days before the deadline, at least 1")
    if today > due_on:
        return []
    return sorted({max(add_working_days(due_on, -offset, jurisdiction), today) for offset in offsets})
