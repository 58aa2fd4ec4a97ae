"""Checking and normalising the identifiers people are found by. Pure Python: no Django.

National Insurance number rules are HMRC's (NIM39110): two prefix letters, six digits,
a suffix A-D. Postcode rules are the Royal Mail format as the ONS directory writes it.
"""

import re
import unicodedata

_NI_INVALID_FIRST = set("DFIQUV")
_NI_INVALID_SECOND = set("DFIQUVO")
_NI_INVALID_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_NI_SHAPE = re.compile(r"^([A-Z]{2})(\d{6})([A-D])$")
_POSTCODE_SHAPE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")


def normalise_ni_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def ni_number_problem(value: str) -> str | None:
    """None if the NI number is valid, else the message to show beside the field."""
    ni = normalise_ni_number(value)
    match = _NI_SHAPE.match(ni)
    if not match:
        return "Enter a National Insurance number in the correct format, like QQ 12 34 56 C"
    prefix = match.group(1)
    if prefix[0] in _NI_INVALID_FIRST or prefix[1] in _NI_INVALID_SECOND or prefix in _NI_INVALID_PREFIXES:
        return "Enter a real National Insurance number: the two letters at the start are not used"
    return None


def format_ni_number(value: str) -> str:
    ni = normalise_ni_number(value)
    if len(ni) != 9:
        return ni
    return f"{ni[0:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}"


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: 'sw1a1aa' -> 'SW1A 1AA'."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_problem(value: str) -> str | None:
    if not _POSTCODE_SHAPE.match(normalise_postcode(value)):
        return "Enter a full UK postcode, like SW1A 1AA"
    return None


def normalise_reference(value: str) -> str:
    return re.sub(r"[\s/-]+", "", value or "").upper()


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens dropped: 'O'Brien-Núñez' -> 'obrien nunez'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = re.sub(r"['’`]", "", plain)
    plain = re.sub(r"[^a-z0-9]+", " ", plain)
    return plain.strip()


def name_tokens(*names: str) -> list[str]:
    tokens: list[str] = []
    for name in names:
        for token in fold(name).split():
            if token not in tokens:
                tokens.append(token)
    return tokens


_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(token: str) -> str:
    """American Soundex: names that sound alike share a code ('Jonson', 'Johnson' -> J525),
    so a misheard or mistyped name on a phone call still finds the person."""
    letters = [ch for ch in fold(token) if ch.isalpha()]
    if not letters:
        return ""
    first = letters[0]
    code = [first.upper()]
    previous = _SOUNDEX_CODES.get(first, "")
    for ch in letters[1:]:
        digit = _SOUNDEX_CODES.get(ch, "")
        if digit and digit != previous:
            code.append(digit)
        if ch not in "hw":
            previous = digit
        if len(code) == 4:
            break
    return "".join(code).ljust(4, "0")
