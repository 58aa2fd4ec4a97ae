"""From a postcode to its council and UK nation, offline (issue 6: "there is no internet
at run time").

Pure Python, no Django. Postcodes are checked against the ONS Postcode Directory list that
the `uk-postcodes-parsing` package ships inside its wheel (every live postcode, ONSPD
February 2025, one small module per outcode). The council, and from it the nation, come
from the ONSPD columns another package ships (directory/councils.py). A live postcode that
those columns lack (newer than them, or with no council) falls back to the nation of its
postcode area, with the districts that straddle a border named below. See docs/decisions.md.
"""

import importlib
import re
from dataclasses import dataclass

from uk_postcodes_parsing import postcode_utils

from directory import councils

ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND = "england", "wales", "scotland", "northern-ireland"

SCOTTISH_AREAS = frozenset(
    ["AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"]
)
WELSH_AREAS = frozenset(["CF", "LD", "LL", "NP", "SA"])
CROWN_DEPENDENCIES = {"GY": "Guernsey", "JE": "Jersey", "IM": "the Isle of Man"}

# Districts whose postcodes lie in two nations: the nation most of them are in, and a
# flag that the worker should confirm it with the customer.
CROSS_BORDER = {
    "CH4": ENGLAND, "CH5": WALES, "CH6": WALES, "CH7": WALES, "CH8": WALES,
    "SY10": ENGLAND, "SY13": ENGLAND, "SY14": ENGLAND,
    "LD7": WALES, "LD8": WALES,
    "NP7": WALES, "NP16": WALES, "NP25": WALES,
    "HR2": ENGLAND, "HR3": ENGLAND, "HR5": ENGLAND,
    "TD9": SCOTLAND, "TD12": SCOTLAND, "TD15": ENGLAND,
    "CA6": ENGLAND, "DG16": SCOTLAND,
}  # fmt: skip
# Whole districts in Wales inside otherwise English areas.
WELSH_DISTRICTS = frozenset(["SY15", "SY16", "SY17", "SY18", "SY19", "SY20", "SY21", "SY22", "SY23", "SY24", "SY25"])

MALFORMED = "Enter a real postcode, like CF10 1EP"
_SPACES = re.compile(r"\s+")


class PostcodeProblem(ValueError):
    """The postcode cannot be used; the message says why, in words for the worker."""


@dataclass(frozen=True)
class Place:
    postcode: str  # "CF10 1EP"
    outcode: str  # "CF10"
    area: str  # "CF"
    nation: str
    nation_certain: bool
    council_code: str = ""  # the ONS code, like W06000015

    @property
    def council_name(self) -> str:
        """The council's name, like Cardiff; empty where the council or its name is unknown."""
        return councils.council_name(self.council_code) or ""

    @property
    def note(self) -> str:
        if self.nation_certain:
            return ""
        return f"Postcodes in {self.outcode} are in more than one nation: check with the customer where they live."


def normalise(text: str) -> str:
    """Upper case with one space before the last three characters ("cf101ep" -> "CF10 1EP")."""
    squashed = _SPACES.sub("", text or "").upper()
    if len(squashed) < 5:
        return squashed
    return f"{squashed[:-3]} {squashed[-3:]}"


def nation_of_district(outcode: str) -> tuple[str, bool]:
    """The nation of a postcode district ("CF10"), and whether all of it is in that nation."""
    outcode = outcode.upper()
    if outcode in CROSS_BORDER:
        return CROSS_BORDER[outcode], False
    if outcode in WELSH_DISTRICTS:
        return WALES, True
    area = re.match(r"[A-Z]*", outcode).group(0)
    if area == "BT":
        return NORTHERN_IRELAND, True
    if area in SCOTTISH_AREAS:
        return SCOTLAND, True
    if area in WELSH_AREAS:
        return WALES, True
    return ENGLAND, True


def in_ons_directory(postcode: str) -> bool:
    outcode, incode = postcode.split(" ")
    try:
        module = importlib.import_module(f"uk_postcodes_parsing.outcodes.{outcode.lower()}")
    except ImportError:
        return False
    return incode in getattr(module, "INCODES", ())


def warm() -> int:
    """Loads every outcode's postcode list and every council letter, so a web process
    pays for them once at start (about 4 s and 150 MiB) and not in the first request that
    meets each area: on a national caseload a new worker otherwise spends its first
    minutes loading them, 100 ms or more for a letter, inside customers' pages. Returns
    how many outcodes were loaded."""
    import pkgutil

    from uk_postcodes_parsing import outcodes

    names = [module.name for module in pkgutil.iter_modules(outcodes.__path__)]
    for name in names:
        importlib.import_module(f"uk_postcodes_parsing.outcodes.{name}")
    councils.load_all()
    return len(names)


def lookup(text: str) -> Place:
    """The place of a postcode, or PostcodeProblem with a message to show beside the field."""
    postcode = normalise(text)
    if not postcode:
        raise PostcodeProblem("Enter the customer's postcode")
    if not postcode_utils.is_valid(postcode):
        raise PostcodeProblem(MALFORMED)
    outcode, _ = postcode.split(" ")
    area = re.match(r"[A-Z]+", outcode).group(0)
    if area in CROWN_DEPENDENCIES:
        raise PostcodeProblem(
            f"{postcode} is in {CROWN_DEPENDENCIES[area]}, which is not in England, Wales, Scotland or "
            "Northern Ireland: choose the nation instead"
        )
    if not in_ons_directory(postcode):
        raise PostcodeProblem(
            f"{postcode} is not in the ONS postcode directory: check it with the customer, or choose their nation"
        )
    council = councils.council_code(postcode)
    nation = councils.nation_of_council(council) if council else None
    if nation:
        certain = True
    else:
        council, (nation, certain) = None, nation_of_district(outcode)
    return Place(
        postcode=postcode, outcode=outcode, area=area, nation=nation, nation_certain=certain, council_code=council or ""
    )


def district_or_area(text: str) -> str | None:
    """A postcode district ("CF10"), area ("CF") or council code ("W06000015") as typed
    for a local entry, or None."""
    value = (text or "").strip().upper()
    if re.fullmatch(r"[A-Z]{1,2}", value):
        return value
    if postcode_utils.is_valid_outcode(value) or councils.is_council_code(value):
        return value
    return None


def served_areas(text: str) -> tuple[list[str], list[str]]:
    """The councils, districts and areas a local entry serves, as typed ("Cardiff, Vale of
    Glamorgan, CF10 CF11"), as tokens (["W06000015", "W06000014", "CF10", "CF11"]), and
    the parts that are none of these. Commas separate council names, which have spaces."""
    good, bad = [], []
    for chunk in (text or "").split(","):
        council = councils.council_from_words(chunk)
        if council:
            good.append(council)
            continue
        for part in chunk.split():
            value = district_or_area(part)
            (good if value else bad).append(value or part)
    return list(dict.fromkeys(good)), bad


def area_label(token: str) -> str:
    """How a served area reads: a council by its name where known ("Cardiff"), else as typed."""
    if councils.is_council_code(token):
        return councils.council_name(token) or f"council {token}"
    return token


def areas_as_typed(tokens: list[str]) -> str:
    """Served areas back as a person would type them, which served_areas reads again:
    "Cardiff, Vale of Glamorgan, CF10 CF11"."""
    named = [councils.council_name(token) for token in tokens if councils.is_council_code(token)]
    named = [name for name in named if name]
    rest = [token for token in tokens if not (councils.is_council_code(token) and councils.council_name(token))]
    return ", ".join([*named, " ".join(rest)] if rest else named)
