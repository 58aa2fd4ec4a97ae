"""The policy rule behind a task: a stable code, and where the rule comes from in words a
person recognises. Modules that create tasks declare their rules here or beside them."""

from dataclasses import dataclass

_registry: dict[str, "Rule"] = {}


@dataclass(frozen=True)
class Rule:
    code: str  # stable, for filters and reports: "da-plan.review"
    source: str  # for people: "DA Plan, review within a day or two"

    def __post_init__(self) -> None:
        # Declared rules fill the queue pages' rule filter without scanning the tasks.
        _registry.setdefault(self.code, self)


def known_rules() -> list[Rule]:
    return sorted(_registry.values(), key=lambda rule: rule.code)


DA_PLAN_REVIEW = Rule("da-plan.review", "DA Plan, review within a day or two")
CORE_VISIT_FOLLOW_UP = Rule("visits.core-follow-up", "Core visit follow-up after 10 working days")
INEFFECTIVE_VISIT_FOLLOW_UP = Rule("visits.ineffective-follow-up", "5 working days after an ineffective visit")
MANUAL = Rule("work.manual", "Set by a member of staff")
