"""Realistic synthetic customers for demos, scale tests and benchmarks (seed_customers).

Names follow UK frequencies (a few very common surnames, a long tail of rare ones),
people live mostly near the demo organisation's Newcastle office, and the mix of previous
names, references, markers, safe-contact and privacy needs is what a caseload looks
like. The same seed gives the same customers; only marker review dates follow the day
it runs, so they stay in the future.
"""

import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from people import identifiers
from people.bulk import NewCustomer, NewMarker
from people.synthetic_names import (
    GIVEN_NAMES_FEMALE,
    GIVEN_NAMES_MALE,
    OTHER_SURNAMES,
    POSTCODE_AREAS,
    STREETS,
    SURNAME_ENDS,
    SURNAME_STARTS,
    SURNAMES,
)

# Dates of birth and history are drawn back from this day, so a seed always gives the
# same people whatever day it runs.
ANCHOR = date(2026, 1, 1)
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in the inward part of a postcode
_NI_FIRST = list("ABCEGHJKLMNOPRSTWXYZ")
_NI_SECOND = list("ABCEGHJKLMNPRSTWXYZ")
_NI_PREFIXES = [a + b for a in _NI_FIRST for b in _NI_SECOND if a + b not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}]

# (marker code, share of customers, reasons a worker might write)
MARKERS = (
    (
        "domestic-abuse-risk",
        0.03,
        (
            "Disclosed domestic abuse on a call; partner controls finances.",
            "Report Threat raised after a call; ex-partner has found the address.",
            "Refuge worker told us the customer is fleeing abuse.",
        ),
    ),
    (
        "mental-health-condition",
        0.05,
        ("Told us they have severe depression and find calls hard.", "Bipolar disorder; CPN involved."),
    ),
    ("learning-difficulty", 0.02, ("Needs letters explained; appointee helps.", "Finds forms hard to follow.")),
    ("risk-to-staff", 0.005, ("Threatened staff at the jobcentre.", "Abusive on calls; do not visit alone.")),
    ("lone-parent-child-under-one", 0.015, ("Baby born recently; lone parent.", "Lone parent with a newborn.")),
)
ADJUSTMENTS = ("Needs a BSL interpreter.", "Large print letters.", "Calls in the morning only.", "Needs a quiet room.")
AVOID = ("Evenings and weekends, when their partner is at home.", "After 3pm (school run).", "Before 10am.")
NOTES = ("Ask for the customer by first name only.", "Use the mobile only; the landline is shared.")


def _weighted(table: str) -> tuple[list[str], list[int]]:
    pairs = [item.rsplit(":", 1) for item in table.split()]
    return [name for name, _ in pairs], list(accumulate(int(weight) for _, weight in pairs))


class _Picker:
    """Weighted choices by bisecting cumulative weights: fast enough for millions."""

    def __init__(self, rng: random.Random, names: list[str], cumulative: list[int]) -> None:
        self.rng, self.names, self.cumulative, self.total = rng, names, cumulative, cumulative[-1]

    def __call__(self) -> str:
        return self.names[bisect(self.cumulative, self.rng.random() * self.total)]


class _Generator:
    def __init__(self, *, seed: int, staff_ids: list[int], taken_case_numbers: set[str], today: date) -> None:
        self.rng = rng = random.Random(seed)  # noqa: S311  made-up data, repeatable by seed
        self.staff_ids, self.today = staff_ids, today
        self.case_numbers = set(taken_case_numbers)
        self.ni_numbers: set[str] = set()
        self.common_surname = _Picker(rng, *_weighted(SURNAMES))
        self.female = _Picker(rng, *_weighted(GIVEN_NAMES_FEMALE))
        self.male = _Picker(rng, *_weighted(GIVEN_NAMES_MALE))
        areas = list(POSTCODE_AREAS)
        self.area = _Picker(rng, areas, list(accumulate(POSTCODE_AREAS[a][2] for a in areas)))

    def surname(self) -> str:
        rng = self.rng
        # The common surnames' weights are shares per 10,000 people; the rest is the tail.
        if rng.random() < self.common_surname.total / 10_000:
            return self.common_surname()
        if rng.random() < 0.8:
            return rng.choice(SURNAME_STARTS) + rng.choice(SURNAME_ENDS)
        return rng.choice(OTHER_SURNAMES)

    def family_name(self) -> str:
        if self.rng.random() < 0.015:
            return f"{self.surname()}-{self.surname()}"
        return self.surname()

    def given_names(self, female: bool) -> str:
        pick = self.female if female else self.male
        first = pick()
        if self.rng.random() < 0.35:
            second = pick()
            if second != first:
                return f"{first} {second}"
        return first

    def case_number(self) -> str:
        while True:
            number = f"HVN-{self.rng.getrandbits(32):08X}"
            if number not in self.case_numbers:
                self.case_numbers.add(number)
                return number

    def ni_number(self) -> str:
        rng = self.rng
        while True:
            number = f"{rng.choice(_NI_PREFIXES)}{rng.randrange(1_000_000):06d}{rng.choice('ABCD')}"
            if number not in self.ni_numbers:
                self.ni_numbers.add(number)
                return number

    def address(self) -> dict:
        rng = self.rng
        area = self.area()
        town, nation, _, districts = POSTCODE_AREAS[area]
        unit = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
        street = f"{rng.randrange(1, 240)} {rng.choice(STREETS)}"
        flat = f"Flat {rng.randrange(1, 40)}" if rng.random() < 0.15 else ""
        return {
            "address_line_1": flat or street,
            "address_line_2": street if flat else "",
            "town": town,
            "postcode": f"{area}{rng.randrange(1, districts + 1)} {rng.randrange(10)}{unit}",
            "nation": nation,
        }

    def day_before_anchor(self, most_days: int) -> date:
        return ANCHOR - timedelta(days=self.rng.randrange(1, most_days))

    def customer(self) -> NewCustomer:
        rng = self.rng
        female = rng.random() < 0.52
        given, family = self.given_names(female), self.family_name()
        age_days = int((16 + rng.betavariate(2, 3) * 74) * 365.25)
        identity = {
            "given_names": given,
            "family_name": family,
            "date_of_birth": ANCHOR - timedelta(days=age_days),
            "ni_number": self.ni_number() if rng.random() < 0.85 else "",
            "phone": f"07{rng.randrange(100, 1000)} {rng.randrange(1_000_000):06d}" if rng.random() < 0.75 else "",
            **self.address(),
        }
        if rng.random() < 0.45:
            local = ".".join(identifiers.fold(f"{given.split()[0]} {family}").split())
            identity["email"] = f"{local}{rng.randrange(100)}@example.com"
        new = NewCustomer(identity=identity, case_number=self.case_number())
        self.add_history(new, female=female, age_days=age_days)
        self.add_needs(new)
        return new

    def add_history(self, new: NewCustomer, *, female: bool, age_days: int) -> None:
        rng = self.rng
        if female and age_days > 25 * 365 and rng.random() < 0.18:
            until = self.day_before_anchor(min(age_days - 18 * 365, 30 * 365))
            new.other_names.append((new.identity["given_names"], self.surname(), "previous", until))
        if rng.random() < 0.01:
            new.other_names.append((self.given_names(female), new.identity["family_name"], "alias", None))
        if rng.random() < 0.35:
            new.references.append(("benefit", f"UC{rng.randrange(10**8):08d}"))
        if rng.random() < 0.12:
            new.references.append(("claim", f"CLM-{rng.randrange(10**7):07d}"))
        if rng.random() < 0.03:
            new.references.append(("other", f"HB/{rng.randrange(10**5):05d}"))
        for code, share, reasons in MARKERS:
            if rng.random() < share:
                new.markers.append(self.marker(code, reasons))

    def marker(self, code: str, reasons: tuple[str, ...]) -> NewMarker:
        rng = self.rng
        set_on = self.day_before_anchor(3 * 365)
        review_on = self.today + timedelta(days=rng.randrange(30, 365)) if rng.random() < 0.4 else None
        marker = NewMarker(
            marker_code=code,
            reason=rng.choice(reasons),
            set_on=set_on,
            set_by_id=rng.choice(self.staff_ids),
            review_on=review_on,
        )
        if rng.random() < 0.15:
            removed = datetime.combine(set_on + timedelta(days=rng.randrange(1, 300)), datetime.min.time(), UTC)
            marker = replace(
                marker,
                review_on=None,
                removed_at=removed,
                removed_by_id=rng.choice(self.staff_ids),
                removal_reason="Reviewed with the customer; no longer applies.",
            )
        return marker

    def add_needs(self, new: NewCustomer) -> None:
        rng = self.rng
        abuse = any(marker.marker_code == "domestic-abuse-risk" and marker.removed_at is None for marker in new.markers)
        chance = 0.6 if abuse else 0.05
        new.safe_contact.update(
            safe_to_call=rng.random() < (0.4 if abuse else 0.75),
            safe_to_text=rng.random() < (0.3 if abuse else 0.55),
            safe_to_email=rng.random() < 0.3,
            safe_to_write=rng.random() < (0.2 if abuse else 0.7),
            no_voicemail=rng.random() < (0.7 if abuse else 0.05),
            do_not_disclose_address=abuse and rng.random() < 0.8,
            do_not_disclose_new_name=abuse and bool(new.other_names),
        )
        if rng.random() < chance:
            new.safe_contact["times_to_avoid"] = rng.choice(AVOID)
        if rng.random() < chance:
            new.safe_contact["note"] = rng.choice(NOTES)
        new.privacy_needs.update(
            needs_private_room=rng.random() < (0.7 if abuse else 0.1),
            phone_only_when_private=rng.random() < (0.7 if abuse else 0.05),
        )
        if rng.random() < 0.04:
            new.privacy_needs["other_adjustments"] = rng.choice(ADJUSTMENTS)


def synthetic_customers(
    count: int, *, staff_ids: list[int], seed: int = 1, taken_case_numbers: set[str] = frozenset(), today: date
) -> Iterator[NewCustomer]:
    """`count` customers, one at a time (a million are never all in memory at once).
    `staff_ids` set and remove markers; `taken_case_numbers` are never given again."""
    generator = _Generator(seed=seed, staff_ids=staff_ids, taken_case_numbers=taken_case_numbers, today=today)
    for _ in range(count):
        yield generator.customer()
