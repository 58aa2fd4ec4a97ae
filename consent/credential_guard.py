"""The credential guard: does a piece of free text look like it holds a password, PIN,
memorable word or security answer? Pure Python, no Django (style.md).

Haven never stores a client's password or security answers, not even in a note (domain
brief section 3; seed 002: advisers must never hold the client's log-in). Every free-text
input asks `find_credential` before it is saved.

The rule has two shapes, each anchored on a credential word ("password", "PIN",
"memorable word", "security answer"...):

1. a disclosure: the word, then "is", "was", ":", "=", "set to"... and then a value that
   is not an ordinary word of a case note ("her password is Sunshine1" is caught, "her
   password is wrong" and "the PIN was reset" are not);
2. a bare value: the word followed straight away by something that only a secret looks
   like, quoted or mixing letters and digits ("pw Fluffy2019", "PIN 4821").

So talk *about* credentials ("client forgot her password and was locked out") passes.
The corpus in consent/tests/credential_corpus.py keeps precision and recall at 1.0.
"""

import re
from dataclasses import dataclass

# The words that name a credential. Longest alternatives first, so "pin number" is one
# keyword, not "pin" followed by the value "number".
_KEYWORD = (
    r"(?:"
    r"(?:one[\s-]?time\s+)?pass\s?(?:words?|codes?|phrases?)"
    r"|passwd|pwd|p/w|pword|pw"
    r"|pin(?:\s+(?:number|no\.?|code))?"
    r"|memorable\s+(?:word|words|phrase|answer|information|info|date|name|place)"
    r"|security\s+(?:answers?|words?|phrases?|questions?(?:\s+answers?)?|details)"
    r"|secret\s+(?:answers?|words?|questions?)"
    r"|(?:mother|mum|mom)(?:'s|s)?\s+maiden\s+name"
    r"|log[\s-]?in\s+details|sign[\s-]?in\s+details|log[\s-]?on\s+details"
    r"|access\s+code|security\s+code|verification\s+code|authenticator\s+code"
    r")"
)

# What may come between the word and its connector: "password for her UC account is...".
_FILLER = r"(?:\s+(?:for|to|on|of|into|in)(?:\s+[\w'’-]+){1,3}?)?"

# The words that introduce a value.
_CONNECTOR = (
    r"(?:\s*(?::|=|-|–|—|→|>)\s*"
    r"|,?\s+(?:(?:is|was|are|were|has\s+been|had\s+been|will\s+be)\s+"
    r"(?:now\s+|still\s+|just\s+)?(?:(?:changed|set|reset|updated)\s+to\s+)?"
    r"|(?:changed|set|reset|updated)\s+(?:it\s+)?to\s+"
    r"|(?:which|that)\s+(?:is|was)\s+"
    r"|of\s+|as\s+|being\s+|reads\s+|says\s+))"
)

_VALUE = r"(?P<value>[\"'“‘(\[]?[^\s\"”’)\],;]+)"

# Texts are lower-cased before matching (faster than re.IGNORECASE on long notes).
_DISCLOSURE = re.compile(r"\b" + _KEYWORD + r"\b" + _FILLER + _CONNECTOR + _VALUE)

# A secret's look: quoted, or letters and digits mixed, or a run of digits (a PIN).
_BARE = re.compile(
    r"\b" + _KEYWORD + r"\s+(?P<value>[\"'“‘][^\"”’]+[\"”’]|(?=[^\s]*\d)[^\s,;.]{3,})",
)

# Every keyword starts with one of these: a note with none of them is passed at once.
_FIRST_WORDS = re.compile(
    r"\b(?:one|pass|pw|pwd|p/w|pin|memorable|security|secret|mother|mum|mom|log|sign|access|verification|authenticator)"
)

# Ordinary words that follow "password is" in a case note without being the password.
STOP_WORDS = frozenset(
    """
    a an the this that these those it its it's her his their my your our him them she he they we you i me
    not no never none nothing something anything same different new old
    wrong incorrect invalid expired locked blocked forgotten forgot lost unknown missing needed required
    reset changed correct right working broken valid case-sensitive too very still now being been going
    on in at with by from for to and or but so also only just about up out off over under after before
    when if because as via per into onto than then there here yet already again
    stored saved kept held written shared given known secret private confidential safe sent due
    protected strong weak long short simple easy hard difficult used needs need will would should could can
    cannot can't won't wont isn't wasn't doesn't didn't don't aren't weren't always available requested
    issued recorded unclear confusing entered typed accepted rejected refused denied done ok okay fine
    having has had have be set asked what which who why how where unchanged please see
    reminder hint field box screen page letter text sms email post details number numbers
    compromised suspended disabled deactivated active inactive ready unavailable pending
    sorted fixed resolved problem problems issue issues trouble
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

# A value made only of masking characters ("****") says nothing.
_MASK = re.compile(r"^[*x•.#_-]+$", re.IGNORECASE)

_QUOTES = "\"'“”‘’()[]"


@dataclass(frozen=True)
class Finding:
    """Where the text looks like a credential: the span and the words that gave it away."""

    start: int
    end: int
    keyword_and_value: str


def _normalise(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).lower()


def _is_value(raw: str) -> bool:
    value = raw.strip(_QUOTES).rstrip(".!?:").lower()
    if not value or _MASK.match(value):
        return False
    return value not in STOP_WORDS


def find_credential(text: str) -> Finding | None:
    """The first place in `text` that looks like a password, PIN, memorable word or
    security answer, or None when the text is an ordinary note."""
    if not text:
        return None
    normal = _normalise(text)
    if not _FIRST_WORDS.search(normal):
        return None
    for pattern in (_DISCLOSURE, _BARE):
        for match in pattern.finditer(normal):
            if _is_value(match.group("value")):
                return Finding(start=match.start(), end=match.end(), keyword_and_value=match.group(0))
    return None


def looks_like_credential(text: str) -> bool:
    return find_credential(text) is not None
