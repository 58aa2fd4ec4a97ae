"""Which plan to propose when a worker starts an incident (pure: no Django).

Haven proposes and the worker confirms (issue 8). The proposal reads what the worker
typed that the customer said, then the customer's markers, then the channel; it never
decides on its own, so a wrong guess costs one click. Phrases are matched as whole
words, lower case, so "therapist" never matches "the rapist".
"""

import re
from dataclasses import dataclass

DOMESTIC_ABUSE = "domestic-abuse"
SUICIDE_SELF_HARM = "suicide-self-harm"
THREAT_TO_OTHERS = "threat-to-others"

# Checked in this order: words about harming oneself first, because "he'll kill me if I
# tell" and "I'll kill myself" both say "kill", and the self-harm plan is the urgent one
# when both appear; then threats the customer makes to someone else; then abuse.
PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        SUICIDE_SELF_HARM,
        (
            "kill myself",
            "end my life",
            "end it all",
            "take my own life",
            "suicide",
            "suicidal",
            "self-harm",
            "self harm",
            "hurt myself",
            "harm myself",
            "overdose",
            "tablets",
            "cut myself",
            "not be here",
            "don't want to live",
            "better off dead",
            "jump",
        ),
    ),
    (
        THREAT_TO_OTHERS,
        (
            "i'll hurt",
            "i will hurt",
            "i'll kill",
            "i will kill",
            "going to hurt",
            "going to kill",
            "i'll get",
            "i'll smash",
            "i'll stab",
            "i'll find",
            "sort him out",
            "sort her out",
            "bailiff",
            "make them pay",
            "make him pay",
            "make her pay",
        ),
    ),
    (
        DOMESTIC_ABUSE,
        (
            "not safe",
            "won't be safe",
            "wont be safe",
            "abuse",
            "abusive",
            "hits me",
            "hit me",
            "hurts me",
            "scared of him",
            "scared of her",
            "afraid of him",
            "afraid of her",
            "controlling",
            "my ex",
            "partner",
            "he'll find",
            "she'll find",
            "threatened me",
            "domestic",
            "refuge",
            "violent",
        ),
    ),
)

MARKERS = {"domestic-abuse-risk": DOMESTIC_ABUSE, "risk-to-staff": THREAT_TO_OTHERS}
CHANNELS = {"third-party": SUICIDE_SELF_HARM, "social-media": SUICIDE_SELF_HARM}


@dataclass(frozen=True)
class Proposal:
    protocol_id: str | None
    reason: str


def _has(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w'])" + re.escape(phrase) + r"(?![\w'])", text) is not None


def propose(said: str = "", marker_codes: frozenset[str] | set[str] = frozenset(), channel: str = "") -> Proposal:
    text = " ".join((said or "").lower().replace("’", "'").split())
    for protocol_id, phrases in PHRASES:
        for phrase in phrases:
            if _has(text, phrase):
                return Proposal(protocol_id, f'They said "{phrase}"')
    for code, protocol_id in MARKERS.items():
        if code in marker_codes:
            return Proposal(protocol_id, "The customer's markers")
    if channel in CHANNELS:
        return Proposal(CHANNELS[channel], "Declarations through this channel usually follow the Six Point Plan")
    return Proposal(None, "Nothing yet suggests a plan: choose the one that fits what they told you")
