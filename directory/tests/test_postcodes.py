"""Postcode to council and nation, offline, from the ONS postcode directory the packages ship."""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory import councils, postcodes


@pytest.mark.parametrize(
    ("typed", "postcode", "nation", "council", "name"),
    [
        ("sw1a 1aa", "SW1A 1AA", "england", "E09000033", "Westminster"),
        ("NE1 4XF", "NE1 4XF", "england", "E08000021", "Newcastle upon Tyne"),
        ("cf10 1ep", "CF10 1EP", "wales", "W06000015", "Cardiff"),
        ("LL57 2DG", "LL57 2DG", "wales", "W06000002", "Gwynedd"),
        # The shipped names cover England and Wales: Scottish and Northern Irish councils by code.
        ("EH1 1YZ", "EH1 1YZ", "scotland", "S12000036", ""),
        ("g2 1dy", "G2 1DY", "scotland", "S12000049", ""),
        ("BT1 5GS", "BT1 5GS", "northern-ireland", "N09000003", ""),
        ("bt48 6dq", "BT48 6DQ", "northern-ireland", "N09000005", ""),
    ],
)
def test_a_postcode_in_each_of_the_four_nations_gives_its_council_and_nation(typed, postcode, nation, council, name):
    place = postcodes.lookup(typed)
    assert (place.postcode, place.nation, place.nation_certain) == (postcode, nation, True)
    assert (place.council_code, place.council_name) == (council, name)
    assert place.note == ""


@pytest.mark.parametrize(
    ("postcode", "nation", "council"),
    [
        ("TD15 1AA", "england", "E06000057"),  # Berwick-upon-Tweed, Northumberland
        ("TD15 1BT", "scotland", "S12000026"),  # the same district, in the Scottish Borders
        ("CH4 7AB", "england", "E06000050"),  # Cheshire West and Chester
        ("CH4 0AA", "wales", "W06000005"),  # Flintshire
        ("NP16 7AA", "england", "E07000080"),  # Forest of Dean
        ("NP16 5AA", "wales", "W06000021"),  # Monmouthshire
    ],
)
def test_a_postcode_in_a_district_that_straddles_a_border_gets_its_own_council_and_nation(postcode, nation, council):
    place = postcodes.lookup(postcode)
    assert (place.nation, place.council_code, place.nation_certain, place.note) == (nation, council, True, "")


def test_without_a_council_a_border_district_falls_back_to_its_usual_nation_and_says_to_check(monkeypatch):
    # A live postcode newer than the council columns the package ships has no council there.
    monkeypatch.setattr(councils, "council_code", lambda postcode: None)
    place = postcodes.lookup("TD15 1AA")
    assert (place.nation, place.council_code, place.nation_certain) == ("england", "", False)
    assert "more than one nation" in place.note
    assert postcodes.lookup("CF10 1EP").nation == "wales"


def test_welsh_districts_of_an_english_postcode_area_are_in_wales():
    assert postcodes.nation_of_district("SY23") == ("wales", True)
    assert postcodes.nation_of_district("SY1") == ("england", True)


@pytest.mark.parametrize("typed", ["nonsense", "12345", "SW1A", "QQ", "W1 1"])
def test_a_malformed_postcode_gets_a_clear_message(typed):
    with pytest.raises(postcodes.PostcodeProblem, match="Enter a real postcode, like CF10 1EP"):
        postcodes.lookup(typed)


def test_a_well_formed_postcode_that_does_not_exist_is_named_as_not_in_the_ons_directory():
    with pytest.raises(postcodes.PostcodeProblem, match="SW1A 9ZZ is not in the ONS postcode directory"):
        postcodes.lookup("SW1A 9ZZ")


def test_an_empty_postcode_asks_for_one():
    with pytest.raises(postcodes.PostcodeProblem, match="Enter the customer's postcode"):
        postcodes.lookup("  ")


def test_a_crown_dependency_postcode_says_it_is_not_in_a_uk_nation():
    with pytest.raises(postcodes.PostcodeProblem, match="Jersey, which is not in England, Wales"):
        postcodes.lookup("JE2 3AB")


def test_postcode_districts_and_areas_for_local_entries_are_recognised():
    assert postcodes.district_or_area("cf10") == "CF10"
    assert postcodes.district_or_area(" G ") == "G"
    assert postcodes.district_or_area("CF10 1EP") is None
    assert postcodes.district_or_area("1234") is None


def test_a_local_entry_can_serve_councils_by_name_or_code_as_well_as_districts_and_areas():
    tokens, bad = postcodes.served_areas("Cardiff, vale of glamorgan, s12000049 CF10 cf11, G, nowhere")
    assert tokens == ["W06000015", "W06000014", "S12000049", "CF10", "CF11", "G"]
    assert bad == ["nowhere"]
    labels = [postcodes.area_label(token) for token in tokens[:3]]
    assert labels == ["Cardiff", "Vale of Glamorgan", "council S12000049"]


def test_served_areas_read_back_for_editing_as_a_person_types_them():
    assert postcodes.areas_as_typed(["W06000015", "S12000049", "CF10"]) == "Cardiff, S12000049 CF10"
    assert postcodes.areas_as_typed(["W06000015", "W06000014"]) == "Cardiff, Vale of Glamorgan"


_AREA_TOKENS = st.sampled_from(
    ["W06000015", "W06000014", "E09000033", "E06000063", "S12000049", "N09000003", "CF10", "CF", "G", "BT48", "SW1A"]
)


@given(st.lists(_AREA_TOKENS, unique=True, max_size=8))
def test_served_areas_survive_being_shown_for_editing_and_saved_again(tokens):
    again, bad = postcodes.served_areas(postcodes.areas_as_typed(tokens))
    assert bad == []
    assert sorted(again) == sorted(tokens)


def test_the_live_postcodes_of_a_district_in_each_nation_have_councils_in_that_nation():
    # The live list and the council columns come from different ONSPD releases in two
    # packages: across the UK 1,560 of 1,799,395 live postcodes have no council there (182 of
    # them in BT1) and fall back to the nation of their postcode area.
    import importlib

    for outcode, nation in [("CF10", "wales"), ("G2", "scotland"), ("BT48", "northern-ireland"), ("SW1A", "england")]:
        live = importlib.import_module(f"uk_postcodes_parsing.outcodes.{outcode.lower()}").INCODES
        found = [councils.nation_of_council(councils.council_code(f"{outcode} {incode}") or "") for incode in live]
        assert set(found) - {None} == {nation}, outcode
        assert found.count(nation) >= 0.98 * len(found) > 20, outcode


@given(st.text(max_size=12))
def test_any_text_either_gives_a_place_in_a_uk_nation_or_a_message(text):
    try:
        place = postcodes.lookup(text)
    except postcodes.PostcodeProblem as problem:
        message = str(problem)
        place = None
    if place is None:
        assert message
    else:
        assert place.nation in {"england", "wales", "scotland", "northern-ireland"}
        assert place.postcode == postcodes.normalise(text)


@given(st.from_regex(r"[A-Za-z]{1,2}[0-9]{1,2} ?[0-9][A-Za-z]{2}", fullmatch=True))
def test_normalising_is_idempotent_and_puts_one_space_before_the_inward_code(text):
    once = postcodes.normalise(text)
    assert postcodes.normalise(once) == once
    assert once[-4] == " "
    assert " " not in once[:-4]


def test_the_postcode_and_word_modules_need_no_django():
    import ast
    from pathlib import Path

    for name in ("postcodes.py", "councils.py", "words.py"):
        tree = ast.parse((Path(__file__).resolve().parent.parent / name).read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not any(module.startswith("django") for module in imported), name


def test_warming_loads_every_area_so_a_page_then_loads_nothing(monkeypatch):
    outcodes = postcodes.warm()
    assert outcodes > 2900  # every outcode the ONS directory has, England to Shetland

    def loading_again(*args, **kwargs):
        raise AssertionError("a lookup after warming read a council file")

    monkeypatch.setattr(councils, "_load_letter", loading_again)
    modules = set(sys.modules)
    for typed in ("ZE1 0AA", "TR1 1UH", "BT48 6DQ", "CF10 1EP", "IV1 1HY"):
        place = postcodes.lookup(typed)
        assert place.council_code, typed
    assert set(sys.modules) == modules  # no outcode's postcode list was imported
