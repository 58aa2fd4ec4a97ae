"""A protocol definition in plain words, for the review pages (issue 4: "shows each as a
readable diagram"). Pure Python like the engine, so it is tested without Django.

`flow(definition)` gives every step in the order the author wrote it, numbered, with
where each answer leads and what each effect does ("Summons a support partner"), so a
safeguarding lead can check a version against the policy without reading YAML.
`field_lines` says one field of a step in words, for the comparison page.
"""

from dataclasses import dataclass

from protocols.engine.conditions import AllOf, AnswerTest, AnyOf, Condition, answer_tests, holds
from protocols.engine.schema import Contact, Definition, Guidance, Option, Record

KIND_LABELS = {
    "question": "Question",
    "instruction": "Instruction",
    "information": "Information",
    "decision": "Decision",
    "end": "End",
}
# GOV.UK tag colours, so the kinds of step can be told apart at a glance.
KIND_TAGS = {
    "question": "govuk-tag--blue",
    "instruction": "govuk-tag--purple",
    "information": "govuk-tag--turquoise",
    "decision": "govuk-tag--orange",
    "end": "govuk-tag--grey",
}
KIND_WORDS = {
    "question": "Question for the customer",
    "instruction": "Instruction: the worker does this and confirms it is done",
    "information": "Information to give the customer, then confirm it was given",
    "end": "End of the protocol: its records are required and its effects raised when it is reached",
}
ROLE_WORDS = {
    "worker": "the worker",
    "team-leader": "the team leader",
    "deputy-manager": "the deputy manager",
    "safeguarding-lead": "the safeguarding lead",
}
SERVICE_WORDS = {
    "police": "the police",
    "ambulance": "the ambulance service",
    "emergency-services": "the emergency services",
    "mental-health-crisis-team": "the mental health crisis team",
    "foreign-office": "the Foreign Office",
}
REFERRAL_WORDS = {
    "acssl": "Offers a referral to an Advanced Customer Support Senior Leader (ACSSL)",
    "senior-safeguarding-leader": "Offers a referral to the Senior Safeguarding Leader",
    "ucb-report": "Offers an Unacceptable Customer Behaviour (UCB) report",
}
# Fields ending in _step name the question whose answer fills them (effects.py).
FILLED_WORDS = {
    "called_at_step": "the time of the call",
    "reference_step": "the reference",
    "location_step": "the location",
    "overview_step": "the overview",
}
SHORT = 70


@dataclass(frozen=True)
class Route:
    """One way out of a step: `label` says when ("If 'Safe'", "Then", "Otherwise")."""

    label: str
    target: str
    number: int
    text: str


@dataclass(frozen=True)
class EffectView:
    words: str
    only_if: str | None


@dataclass(frozen=True)
class StepView:
    number: int
    id: str
    kind: str
    kind_label: str
    kind_tag: str
    kind_words: str
    text: str
    note: str | None
    do: list[str]
    dont: list[str]
    policy: str
    answer_words: str | None
    options: list[Option]  # listed with the answer unless `routes` already name each one
    routes: list[Route]
    records: list[Record]
    contacts: list[Contact]
    effects: list[EffectView]


def flow(definition: Definition) -> list[StepView]:
    numbers = step_numbers(definition)
    records = definition.record_map
    contacts = {contact.id: contact for contact in definition.contacts}
    views = []
    for step in definition.steps:
        note, do, dont = guidance_parts(step.guidance)
        views.append(
            StepView(
                number=numbers[step.id],
                id=step.id,
                kind=step.kind,
                kind_label=KIND_LABELS[step.kind],
                kind_tag=KIND_TAGS[step.kind],
                kind_words=kind_words(step),
                text=step.text,
                note=note,
                do=do,
                dont=dont,
                policy=step.policy,
                answer_words=answer_words(step),
                options=[] if _routed_by_answer(step) else list(step.options()),
                routes=routes(definition, step),
                records=[records[r] for r in step.records if r in records],
                contacts=[contacts[c] for c in step.contacts if c in contacts],
                effects=[effect_view(definition, effect, step.id) for effect in step.effects],
            )
        )
    return views


def step_numbers(definition: Definition) -> dict[str, int]:
    return {step.id: number for number, step in enumerate(definition.steps, start=1)}


def shorten(text: str, limit: int = SHORT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def quoted(text: str) -> str:
    return f"‘{text}’"


def guidance_parts(guidance) -> tuple[str | None, list[str], list[str]]:
    if guidance is None:
        return None, [], []
    if isinstance(guidance, Guidance):
        return guidance.note, list(guidance.do), list(guidance.dont)
    return str(guidance), [], []


def roles_words(roles) -> str:
    names = [ROLE_WORDS.get(role, role) for role in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def kind_words(step) -> str:
    if step.kind == "decision":
        return f"Decision reserved to {roles_words(step.roles)}"
    return KIND_WORDS[step.kind]


def answer_words(step) -> str | None:
    if step.kind == "decision":
        reason = "with the reason for it" if step.reason_required else "a reason is optional"
        return f"One of {len(step.outcomes)} outcomes, {reason}"
    if step.kind != "question":
        return None
    answer = step.answer
    words = {
        "yes_no": "Yes, no or don't know",
        "time": "A time, or a date and time",
        "location": "Where the customer is: a description, and a postcode if known",
    }.get(answer.type)
    if answer.type == "choice":
        words = f"One of {len(answer.options)} answers"
    elif answer.type == "text":
        words = f"Free text, up to {answer.max_length:,} characters"
    elif answer.type == "number":
        words = _number_words(answer)
    if step.optional:
        words += ". The worker may go on without an answer"
    return words


def _number_words(answer) -> str:
    words = "A whole number" if answer.whole else "A number"
    low, high = answer.minimum, answer.maximum
    if low is not None and high is not None:
        words += f" from {_number(low)} to {_number(high)}"
    elif low is not None:
        words += f", at least {_number(low)}"
    elif high is not None:
        words += f", at most {_number(high)}"
    return f"{words} ({answer.unit})" if answer.unit else words


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# Where each answer leads ----------------------------------------------------------------


def routes(definition: Definition, step) -> list[Route]:
    transitions = list(getattr(step, "next", []))
    if not transitions:
        return []
    if len(transitions) == 1 and transitions[0].when is None:
        return [_route(definition, "Then", transitions[0].goto)]
    if _routed_by_answer(step):
        return _routes_by_answer(definition, step, transitions, step.options())
    found = []
    for index, transition in enumerate(transitions):
        if transition.when is None:
            label = "Otherwise" if index else "Then"
        else:
            label = "If " + condition_words(definition, transition.when, step.id)
        found.append(_route(definition, label, transition.goto))
    return found


def _routes_by_answer(definition: Definition, step, transitions, options) -> list[Route]:
    """One route per answer, when the transitions test only this step's own answer."""
    found = []
    word = "decision" if step.kind == "decision" else "answer"
    cases = [(f"If the {word} is {quoted(o.label)}", {step.id: o.value}) for o in options]
    if getattr(step, "optional", False):
        cases.append(("If there is no answer", {}))
    for label, answers in cases:
        target = next((t.goto for t in transitions if t.when is None or holds(t.when, answers)), None)
        if target is not None:
            found.append(_route(definition, label, target))
    return found


def _routed_by_answer(step) -> bool:
    """Whether the way forward depends only on this step's own answer among its options,
    so it can be said answer by answer."""
    transitions = list(getattr(step, "next", []))
    if not step.options() or all(t.when is None for t in transitions):
        return False
    return all(t.when is None or _tests_only(t.when, step.id) for t in transitions)


def _tests_only(condition: Condition, step_id: str) -> bool:
    return all(test.answer == step_id for test, _ in answer_tests(condition))


def _route(definition: Definition, label: str, target: str) -> Route:
    step = definition.step_map.get(target)
    number = step_numbers(definition).get(target, 0)
    return Route(label=label, target=target, number=number, text=step.text if step else target)


def condition_words(definition: Definition, condition: Condition, holder: str) -> str:
    """A condition in words: "the answer to 'Are you safe at the moment?' is 'Safe'"."""
    if isinstance(condition, AnswerTest):
        return _test_words(definition, condition, holder)
    if isinstance(condition, AllOf | AnyOf):
        parts, joiner = (condition.all, " and ") if isinstance(condition, AllOf) else (condition.any, " or ")
        return joiner.join(_grouped(definition, part, holder) for part in parts)
    return f"not {_grouped(definition, condition.not_, holder)}"


def _grouped(definition: Definition, condition: Condition, holder: str) -> str:
    words = condition_words(definition, condition, holder)
    return words if isinstance(condition, AnswerTest) else f"({words})"


def _test_words(definition: Definition, test: AnswerTest, holder: str) -> str:
    target = definition.step_map.get(test.answer)
    decision = target is not None and target.kind == "decision"
    if test.answer == holder:
        subject = "the decision" if decision else "the answer"
    else:
        subject = f"{'the decision on' if decision else 'the answer to'} "
        subject += quoted(shorten(target.text)) if target else test.answer
    if test.at_least is not None:
        return f"{subject} is at least {_number(test.at_least)}"
    if test.below is not None:
        return f"{subject} is below {_number(test.below)}"
    labels = {o.value: o.label for o in target.options()} if target else {}
    return f"{subject} is " + " or ".join(quoted(labels.get(value, value)) for value in test.values())


# Effects ----------------------------------------------------------------------------------


def effect_view(definition: Definition, effect, holder: str = "") -> EffectView:
    only_if = condition_words(definition, effect.when, holder) if effect.when is not None else None
    return EffectView(words=effect_words(definition, effect), only_if=only_if)


def effect_words(definition: Definition, effect) -> str:
    kind = effect.type
    if kind == "summon_support_partner":
        words = f"Summons a support partner, who is told: {effect.reason}"
    elif kind == "record_emergency_call":
        words = f"Records a call to {SERVICE_WORDS.get(effect.service, effect.service)}"
    elif kind == "open_disclosure_decision":
        words = f"Opens a decision to share personal data with {effect.recipient}, because: {effect.purpose}"
        words += ". What is shared: " + "; ".join(effect.items)
        if effect.emergency:
            words += ". Decided alone in an emergency, so it is flagged for a review afterwards"
    elif kind == "create_task":
        words = f"Creates a task due in {_days(effect.due_working_days)} for {ROLE_WORDS[effect.assignee]}: "
        words += quoted(effect.title)
    elif kind == "report_threat":
        words = f"Creates a Report Threat activity for the team leader, with the marker {effect.marker}"
    elif kind == "add_marker":
        words = f"Adds the marker {effect.marker} to the customer's record"
    elif kind == "signpost":
        words = "Signposts the customer to support organisations for: " + ", ".join(
            category.replace("-", " ") for category in effect.categories
        )
        if effect.offer_message:
            words += ", and offers to send the list by message"
    else:
        words = REFERRAL_WORDS.get(effect.form, f"Offers the {effect.form} form")
    return words + _filled_words(definition, effect)


def _days(days: int) -> str:
    if days == 0:
        return "0 working days (the same day)"
    return f"{days} working day{'s' if days != 1 else ''}"


def _filled_words(definition: Definition, effect) -> str:
    filled = []
    for field, step_id in effect.answer_refs().items():
        step = definition.step_map.get(step_id)
        source = quoted(shorten(step.text)) if step else step_id
        filled.append(f"{FILLED_WORDS.get(field, field.removesuffix('_step').replace('_', ' '))} from {source}")
    return "; with " + ", ".join(filled) if filled else ""


# One field of a step, for the comparison page --------------------------------------------


def field_lines(definition: Definition, step, field: str) -> list[str]:
    """The field in words, one line per item; [] if this kind of step has no such field."""
    words = _FIELD_WORDS.get(field)
    if words is not None:
        return words(definition, step)
    value = getattr(step, field, None)
    return [] if value is None else [str(value)]


def _guidance_lines(definition: Definition, step) -> list[str]:
    note, do, dont = guidance_parts(step.guidance)
    return ([note] if note else []) + [f"Do: {d}" for d in do] + [f"Don't: {d}" for d in dont]


def _answer_lines(definition: Definition, step) -> list[str]:
    if step.kind != "question":
        return []
    return [answer_words(step) or ""] + [quoted(o.label) for o in step.options()]


def _effect_lines(definition: Definition, step) -> list[str]:
    views = [effect_view(definition, effect, step.id) for effect in step.effects]
    return [v.words + (f" (only if {v.only_if})" if v.only_if else "") for v in views]


def _contact_lines(definition: Definition, step) -> list[str]:
    names = {c.id: c.name for c in definition.contacts}
    return [names.get(c, c) for c in step.contacts]


_FIELD_WORDS = {
    "kind": lambda d, step: [kind_words(step)],
    "guidance": _guidance_lines,
    "answer": _answer_lines,
    "outcomes": lambda d, step: [quoted(o.label) for o in getattr(step, "outcomes", [])],
    "roles": lambda d, step: [roles_words(step.roles)] if getattr(step, "roles", None) else [],
    # Both say whether an answer or reason is needed, which answer_words puts in words.
    "optional": lambda d, step: [answer_words(step) or ""] if hasattr(step, "optional") else [],
    "reason_required": lambda d, step: [answer_words(step) or ""] if hasattr(step, "reason_required") else [],
    "records": lambda d, step: [d.record_map[r].title if r in d.record_map else r for r in step.records],
    "contacts": _contact_lines,
    "effects": _effect_lines,
    "next": lambda d, step: [f"{r.label} → {quoted(shorten(r.text))}" for r in routes(d, step)],
}


def item_lines(item, field: str) -> list[str]:
    """One field of a record or contact in words (lists one line per item)."""
    value = getattr(item, field, None)
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]
