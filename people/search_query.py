"""Understanding what a worker typed into the customer search box. Pure Python.

One box takes any mix of: a name (or part of one), a date of birth, an NI number, a
postcode, a case number or benefit reference. Each piece narrows the search."""

import re
from dataclasses import dataclass, field
from datetime import date

from people import identifiers

_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"),  # 31/01/1980
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # 1980-01-31
)
_POSTCODE = re.compile(r"\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})\b")
_NI = re.compile(r"\b([A-Za-z]{2})\s*(\d{2})\s*(\d{2})\s*(\d{2})\s*([A-Da-d])\b")


@dataclass
class SearchQuery:
    name_tokens: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    ni_number: str = ""
    postcode: str = ""
    references: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name_tokens or self.date_of_birth or self.ni_number or self.postcode or self.references)


def _parse_date(text: str) -> date | None:
    for index, pattern in enumerate(_DATE_PATTERNS):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()]
            day, month, year = parts if index == 0 else (parts[2], parts[1], parts[0])
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def parse(text: str) -> SearchQuery:
    query = SearchQuery()
    remaining = (text or "").strip()
    ni = _NI.search(remaining)
    if ni and identifiers.ni_number_problem("".join(ni.groups())) is None:
        query.ni_number = identifiers.normalise_ni_number("".join(ni.groups()))
        remaining = remaining.replace(ni.group(0), " ")
    postcode = _POSTCODE.search(remaining)
    if postcode:
        candidate = f"{postcode.group(1)} {postcode.group(2)}"
        if identifiers.postcode_problem(candidate) is None:
            query.postcode = identifiers.normalise_postcode(candidate).replace(" ", "")
            remaining = remaining.replace(postcode.group(0), " ")
    for word in remaining.split():
        parsed = _parse_date(word)
        if parsed is not None:
            query.date_of_birth = parsed
        elif _DATE_PATTERNS[0].match(word) or _DATE_PATTERNS[1].match(word):
            query.problem = f"{word} is not a real date. Enter a date of birth like 31/01/1980"
        elif any(ch.isdigit() for ch in word):
            query.references.append(identifiers.normalise_reference(word))
        else:
            query.name_tokens.extend(identifiers.name_tokens(word))
    query.name_tokens = list(dict.fromkeys(query.name_tokens))[:4]
    return query
