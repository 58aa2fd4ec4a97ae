"""The lawful-basis rules for sharing a customer's personal data with a third party.

Pure Python (no Django): facts about the decision in, a verdict out. `RULES` below is the
one table of valid combinations; each row cites its provision, so a data protection
officer can read and review it here or on the page that renders it (/disclosures/lawful-basis).

Sources: UK GDPR Articles 6(1), 9(1) and 9(2); Data Protection Act 2018 Schedule 1
paragraphs 10 and 18, and Schedule 2 paragraph 2 (an exemption, never a basis); the
domain brief section 2 and seed `000_cd29463b30afe603.txt` (risk to health and safety,
prevention or detection of crime, the client's explicit wish).

A combination is accepted only if some row names exactly its Article 6 basis, Article 9
condition and Schedule 1 condition, and every test on that row holds for the facts.
Anything else is refused with messages that name the rule broken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Consent(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not-sought"  # asking would prejudice the protection
    NOT_OBTAINABLE = "not-obtainable"


class Article6(StrEnum):
    CONSENT = "6-1-a"
    CONTRACT = "6-1-b"
    LEGAL_OBLIGATION = "6-1-c"
    VITAL_INTERESTS = "6-1-d"
    PUBLIC_TASK = "6-1-e"


class Article9(StrEnum):
    NONE = ""
    EXPLICIT_CONSENT = "9-2-a"
    VITAL_INTERESTS = "9-2-c"
    SUBSTANTIAL_PUBLIC_INTEREST = "9-2-g"


class Schedule1(StrEnum):
    NONE = ""
    UNLAWFUL_ACTS = "sch1-10"
    SAFEGUARDING = "sch1-18"


class Exemption(StrEnum):
    NONE = ""
    CRIME = "sch2-2"


class Protection(StrEnum):
    """Para 18(1)(a): what the sharing is necessary for."""

    NONE = ""
    HARM = "harm"  # (i) protecting from neglect or physical, mental or emotional harm
    WELL_BEING = "well-being"  # (ii) protecting physical, mental or emotional well-being


class Para18Reason(StrEnum):
    """Para 18(2): why the sharing goes ahead without consent."""

    NONE = ""
    CANNOT_BE_GIVEN = "cannot-be-given"  # (a)
    CANNOT_REASONABLY_OBTAIN = "cannot-reasonably-obtain"  # (b)
    WOULD_PREJUDICE = "would-prejudice"  # (c)


LABELS: dict[str, str] = {
    Consent.GIVEN: "Given",
    Consent.REFUSED: "Refused",
    Consent.NOT_SOUGHT: "Not sought: asking would prejudice the protection",
    Consent.NOT_OBTAINABLE: "Could not be obtained",
    Article6.CONSENT: "UK GDPR Art. 6(1)(a): consent",
    Article6.CONTRACT: "UK GDPR Art. 6(1)(b): contract with the person",
    Article6.LEGAL_OBLIGATION: "UK GDPR Art. 6(1)(c): legal obligation",
    Article6.VITAL_INTERESTS: "UK GDPR Art. 6(1)(d): vital interests of the person or of another",
    Article6.PUBLIC_TASK: "UK GDPR Art. 6(1)(e): public task",
    Article9.EXPLICIT_CONSENT: "UK GDPR Art. 9(2)(a): explicit consent",
    Article9.VITAL_INTERESTS: "UK GDPR Art. 9(2)(c): vital interests, person incapable of consenting",
    Article9.SUBSTANTIAL_PUBLIC_INTEREST: "UK GDPR Art. 9(2)(g): substantial public interest (with Schedule 1)",
    Schedule1.UNLAWFUL_ACTS: "DPA 2018 Sch. 1 para 10: preventing or detecting unlawful acts",
    Schedule1.SAFEGUARDING: "DPA 2018 Sch. 1 para 18: safeguarding of children and of individuals at risk",
    Exemption.CRIME: "DPA 2018 Sch. 2 para 2: crime exemption (not a lawful basis)",
    Protection.HARM: "Protecting someone from neglect or physical, mental or emotional harm",
    Protection.WELL_BEING: "Protecting someone's physical, mental or emotional well-being",
    Para18Reason.CANNOT_BE_GIVEN: "18(2)(a): consent cannot be given by the person",
    Para18Reason.CANNOT_REASONABLY_OBTAIN: "18(2)(b): we cannot reasonably be expected to obtain consent",
    Para18Reason.WOULD_PREJUDICE: "18(2)(c): obtaining consent would prejudice the protection",
}


def label(code: str) -> str:
    return LABELS.get(code, "None") if code else "None"


@dataclass(frozen=True)
class Facts:
    """What the decider records about the sharing. Codes are the enums' string values, so
    a form or an API payload can be checked as it arrives (an unknown code is refused)."""

    consent: str
    article_6: str
    article_9: str = ""
    schedule_1: str = ""
    exemption: str = ""
    special_category: bool = False  # health or other special-category data is shared
    consent_explicit: bool = False  # the person expressly agreed to this sharing, in words
    incapable_of_consent: bool = False  # physically or legally incapable of giving consent
    risk_to_life: bool = False  # a risk to life or of serious injury (vital interests)
    legal_duty: bool = False  # a law requires this sharing (e.g. a court order)
    prevent_or_detect_crime: bool = False
    protection: str = ""
    under_18: bool = False  # the individual at risk is under 18
    needs_care_and_support: bool = False  # 18(3)(a)
    experiencing_or_at_risk_of_harm: bool = False  # 18(3)(b)
    unable_to_protect_self: bool = False  # 18(3)(c)
    para_18_reason: str = ""


@dataclass(frozen=True)
class Test:
    """One requirement of a row: the field a failure belongs beside, and the message that
    names the rule."""

    field: str
    message: str
    holds: Callable[[Facts], bool]


@dataclass(frozen=True)
class Rule:
    """One valid combination of Article 6 basis, Article 9 condition and Schedule 1
    condition, and the tests the facts must pass for it."""

    article_6: Article6
    article_9: Article9
    schedule_1: Schedule1
    cites: str
    when: str
    tests: tuple[Test, ...] = field(default=())


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass(frozen=True)
class Verdict:
    problems: tuple[Problem, ...]
    rule: Rule | None = None

    @property
    def accepted(self) -> bool:
        return not self.problems and self.rule is not None


# --- The tests rows are built from -------------------------------------------------------

CONSENT_GIVEN = Test(
    "consent",
    "UK GDPR Art. 6(1)(a) needs the person's consent to this sharing: their consent must be recorded as given",
    lambda f: f.consent == Consent.GIVEN,
)
EXPLICIT = Test(
    "consent_explicit",
    "UK GDPR Art. 9(2)(a) needs explicit consent: the person must have expressly agreed to this sharing",
    lambda f: f.consent == Consent.GIVEN and f.consent_explicit,
)
LIFE = Test(
    "risk_to_life",
    "Vital interests (UK GDPR Art. 6(1)(d) and 9(2)(c)) need a risk to someone's life or of serious injury",
    lambda f: f.risk_to_life,
)
LEGAL_DUTY = Test(
    "legal_duty",
    "UK GDPR Art. 6(1)(c) needs a law that requires this sharing",
    lambda f: f.legal_duty,
)
INCAPABLE = Test(
    "incapable_of_consent",
    "UK GDPR Art. 9(2)(c) holds only where the person is physically or legally incapable of consenting, "
    "never over a refusal by someone with capacity",
    lambda f: f.incapable_of_consent and f.consent != Consent.GIVEN,
)
WITHOUT_CONSENT_18 = Test(
    "consent",
    "DPA 2018 Sch. 1 para 18(1)(c) applies only to sharing without consent: with consent, use explicit consent "
    "(UK GDPR Art. 9(2)(a))",
    lambda f: f.consent != Consent.GIVEN,
)
PROTECTION = Test(
    "protection",
    "DPA 2018 Sch. 1 para 18(1)(a) needs the sharing to be necessary to protect someone from neglect or harm, "
    "or to protect their well-being",
    lambda f: f.protection in (Protection.HARM, Protection.WELL_BEING),
)
CHILD_OR_ADULT_AT_RISK = Test(
    "under_18",
    "DPA 2018 Sch. 1 para 18(1)(b) needs the person to be under 18, or an adult at risk: all three limbs of "
    "18(3) (needs for care and support; experiencing or at risk of neglect or harm; unable to protect "
    "themselves because of those needs)",
    lambda f: f.under_18
    or (f.needs_care_and_support and f.experiencing_or_at_risk_of_harm and f.unable_to_protect_self),
)
PARA_18_REASON = Test(
    "para_18_reason",
    "DPA 2018 Sch. 1 para 18(1)(c) needs one of 18(2)'s reasons for going ahead without consent",
    lambda f: f.para_18_reason
    in (Para18Reason.CANNOT_BE_GIVEN, Para18Reason.CANNOT_REASONABLY_OBTAIN, Para18Reason.WOULD_PREJUDICE),
)
CRIME = Test(
    "prevent_or_detect_crime",
    "DPA 2018 Sch. 1 para 10(1)(a) needs the sharing to be necessary to prevent or detect an unlawful act",
    lambda f: f.prevent_or_detect_crime,
)
WITHOUT_CONSENT_10 = Test(
    "consent",
    "DPA 2018 Sch. 1 para 10(1)(b) applies only where the sharing must happen without consent so as not to "
    "prejudice preventing or detecting the unlawful act",
    lambda f: f.consent != Consent.GIVEN,
)
NOT_SPECIAL = Test(
    "special_category",
    "UK GDPR Art. 9(1): health or other special-category data needs an Article 9 condition as well",
    lambda f: not f.special_category,
)

_A6, _A9, _S1 = Article6, Article9, Schedule1
_SAFEGUARDING = (WITHOUT_CONSENT_18, PROTECTION, CHILD_OR_ADULT_AT_RISK, PARA_18_REASON)
_UNLAWFUL = (CRIME, WITHOUT_CONSENT_10)

# --- The table: every valid combination, each citing its provision ------------------------

RULES: tuple[Rule, ...] = (
    # Ordinary personal data: an Article 6 basis alone.
    Rule(_A6.CONSENT, _A9.NONE, _S1.NONE, "UK GDPR Art. 6(1)(a)", "The person agreed to this sharing.",
         (CONSENT_GIVEN, NOT_SPECIAL)),
    Rule(_A6.CONTRACT, _A9.NONE, _S1.NONE, "UK GDPR Art. 6(1)(b)",
         "Necessary for a contract with the person (rare for sharing with a third party).", (NOT_SPECIAL,)),
    Rule(_A6.LEGAL_OBLIGATION, _A9.NONE, _S1.NONE, "UK GDPR Art. 6(1)(c)",
         "A law requires the sharing (e.g. a court order).", (LEGAL_DUTY, NOT_SPECIAL)),
    Rule(_A6.VITAL_INTERESTS, _A9.NONE, _S1.NONE, "UK GDPR Art. 6(1)(d)",
         "Necessary to protect the life of the person or of another.", (LIFE, NOT_SPECIAL)),
    Rule(_A6.PUBLIC_TASK, _A9.NONE, _S1.NONE, "UK GDPR Art. 6(1)(e)",
         "Necessary for our public task (e.g. safeguarding a customer).", (NOT_SPECIAL,)),
    # Information about an offence (a threat to hurt someone): UK GDPR Art. 10 with DPA 2018 s.10(5).
    Rule(_A6.PUBLIC_TASK, _A9.NONE, _S1.UNLAWFUL_ACTS, "UK GDPR Art. 6(1)(e), Art. 10; DPA 2018 Sch. 1 para 10",
         "Information about a crime or threatened crime, shared to prevent or detect it.",
         (*_UNLAWFUL, NOT_SPECIAL)),
    # Health or other special-category data: an Article 6 basis and an Article 9 condition.
    Rule(_A6.CONSENT, _A9.EXPLICIT_CONSENT, _S1.NONE, "UK GDPR Art. 6(1)(a) and 9(2)(a)",
         "The person expressly asked for or agreed to this sharing (e.g. a warning to be sent).",
         (CONSENT_GIVEN, EXPLICIT)),
    Rule(_A6.PUBLIC_TASK, _A9.EXPLICIT_CONSENT, _S1.NONE, "UK GDPR Art. 6(1)(e) and 9(2)(a)",
         "Our public task, with the person's explicit consent to the health details.", (EXPLICIT,)),
    Rule(_A6.VITAL_INTERESTS, _A9.VITAL_INTERESTS, _S1.NONE, "UK GDPR Art. 6(1)(d) and 9(2)(c)",
         "A risk to life, and the person is physically or legally incapable of consenting "
         "(e.g. unconscious, or lacks capacity).", (LIFE, INCAPABLE)),
    Rule(_A6.VITAL_INTERESTS, _A9.SUBSTANTIAL_PUBLIC_INTEREST, _S1.SAFEGUARDING,
         "UK GDPR Art. 6(1)(d) and 9(2)(g); DPA 2018 Sch. 1 para 18",
         "A risk to life; safeguarding a child or an adult at risk without consent.", (LIFE, *_SAFEGUARDING)),
    Rule(_A6.PUBLIC_TASK, _A9.SUBSTANTIAL_PUBLIC_INTEREST, _S1.SAFEGUARDING,
         "UK GDPR Art. 6(1)(e) and 9(2)(g); DPA 2018 Sch. 1 para 18",
         "Safeguarding a child or an adult at risk without consent.", _SAFEGUARDING),
    Rule(_A6.PUBLIC_TASK, _A9.SUBSTANTIAL_PUBLIC_INTEREST, _S1.UNLAWFUL_ACTS,
         "UK GDPR Art. 6(1)(e) and 9(2)(g); DPA 2018 Sch. 1 para 10",
         "Health details shared to prevent or detect an unlawful act, without consent.", _UNLAWFUL),
    Rule(_A6.LEGAL_OBLIGATION, _A9.SUBSTANTIAL_PUBLIC_INTEREST, _S1.UNLAWFUL_ACTS,
         "UK GDPR Art. 6(1)(c) and 9(2)(g); DPA 2018 Sch. 1 para 10",
         "A law requires sharing health details to prevent or detect an unlawful act.", (LEGAL_DUTY, *_UNLAWFUL)),
)

# DPA 2018 Sch. 2 para 2 exempts us from telling the person (UK GDPR Arts. 13-15) where that
# would prejudice preventing or detecting crime. It is recorded beside the basis, never as one.
EXEMPTION_NOTE = (
    "DPA 2018 Sch. 2 para 2 is an exemption, not a lawful basis: it can excuse not telling the person "
    "where telling them would prejudice preventing or detecting crime, but the sharing still needs a basis above."
)
CRIME_EXEMPTION = Test(
    "exemption",
    "DPA 2018 Sch. 2 para 2 applies only where the sharing is for preventing or detecting crime",
    lambda f: f.prevent_or_detect_crime,
)

_KNOWN: dict[str, frozenset[str]] = {
    "consent": frozenset(Consent),
    "article_6": frozenset(Article6),
    "article_9": frozenset(Article9),
    "schedule_1": frozenset(Schedule1),
    "exemption": frozenset(Exemption),
    "protection": frozenset(Protection),
    "para_18_reason": frozenset(Para18Reason),
}


def _unknown_codes(facts: Facts) -> list[Problem]:
    problems = []
    for name, known in _KNOWN.items():
        value = getattr(facts, name)
        if value in known:
            continue
        if name == "article_6" and value == Exemption.CRIME:
            problems.append(Problem("article_6", EXEMPTION_NOTE))
        else:
            problems.append(Problem(name, f"Choose a {name.replace('_', ' ')} from the list"))
    return problems


def _consistency(facts: Facts) -> list[Problem]:
    problems = []
    if facts.incapable_of_consent and facts.consent == Consent.GIVEN:
        problems.append(
            Problem("incapable_of_consent", "A person who is incapable of consenting cannot have given consent")
        )
    if facts.special_category and facts.article_9 == Article9.NONE:
        problems.append(Problem("article_9", NOT_SPECIAL.message))
    if facts.exemption == Exemption.CRIME and not CRIME_EXEMPTION.holds(facts):
        problems.append(Problem(CRIME_EXEMPTION.field, CRIME_EXEMPTION.message))
    return problems


def rule_for(facts: Facts) -> Rule | None:
    for rule in RULES:
        if (rule.article_6, rule.article_9, rule.schedule_1) == (facts.article_6, facts.article_9, facts.schedule_1):
            return rule
    return None


def _no_row(facts: Facts) -> Problem:
    if facts.schedule_1 and facts.article_9 not in (Article9.NONE, Article9.SUBSTANTIAL_PUBLIC_INTEREST):
        message = "A DPA 2018 Schedule 1 condition goes only with UK GDPR Art. 9(2)(g) (or Art. 10 for crime)"
    elif facts.article_9 == Article9.SUBSTANTIAL_PUBLIC_INTEREST and not facts.schedule_1:
        message = "UK GDPR Art. 9(2)(g) needs a DPA 2018 Schedule 1 condition: para 10 or para 18"
    else:
        message = (
            f"{label(facts.article_6)} with {label(facts.article_9)} and {label(facts.schedule_1)} is not a valid "
            "combination: see the table of lawful bases"
        )
    return Problem("article_6", message)


def check(facts: Facts) -> Verdict:
    """Accepts the facts if their combination is a row of `RULES` and every test of that
    row holds; otherwise every problem found, each naming the rule it breaks."""
    problems = _unknown_codes(facts)
    if problems:
        return Verdict(tuple(problems))
    problems = _consistency(facts)
    rule = rule_for(facts)
    if rule is None:
        problems.append(_no_row(facts))
    else:
        seen = {problem.field for problem in problems}
        for test in rule.tests:
            if not test.holds(facts) and test.field not in seen:
                problems.append(Problem(test.field, test.message))
                seen.add(test.field)
    return Verdict(tuple(problems), rule)


def table() -> list[dict[str, object]]:
    """The rules as rows a person can read (the DPO's page and the API)."""
    return [
        {
            "article_6": label(rule.article_6),
            "article_9": label(rule.article_9),
            "schedule_1": label(rule.schedule_1),
            "cites": rule.cites,
            "when": rule.when,
            "requires": [test.message for test in rule.tests],
        }
        for rule in RULES
    ]
