"""Postcode to nation, offline, from the ONS postcode directory list the package ships."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory import postcodes


@pytest.mark.parametrize(
    ("typed", "postcode", "nation"),
    [
        ("sw1a 1aa", "SW1A 1AA", "england"),
        ("NE1 4XF", "NE1 4XF", "england"),
        ("cf10 1ep", "CF10 1EP", "wales"),
        ("LL57 2DG", "LL57 2DG", "wales"),
        ("EH1 1YZ", "EH1 1YZ", "scotland"),
        ("g2 1dy", "G2 1DY", "scotland"),
        ("BT1 5GS", "BT1 5GS", "northern-ireland"),
        ("bt48 6dq", "BT48 6DQ", "northern-ireland"),
    ],
)
def test_a_postcode_in_each_of_the_four_nations_gives_its_nation(typed, postcode, nation):
    place = postcodes.lookup(typed)
    assert (place.postcode, place.nation, place.nation_certain) == (postcode, nation, True)
    assert place.note == ""


def test_a_postcode_district_that_straddles_a_border_says_to_check_with_the_customer():
    place = postcodes.lookup("TD15 1AA")
    assert place.nation == "england"
    assert not place.nation_certain
    assert "more than one nation" in place.note


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

    for name in ("postcodes.py", "words.py"):
        tree = ast.parse((Path(__file__).resolve().parent.parent / name).read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not any(module.startswith("django") for module in imported), name
