"""Search ranking: local entries before national ones for people in their area, and the
need and nation filters (issue 6)."""

import pytest

from directory import postcodes, services
from directory.models import Entry
from directory.selectors import Search, entry_search, one_line
from directory.services import EntryDetails
from directory.tests.helpers import local_entry, seed

pytestmark = pytest.mark.django_db


def names(user, **search):
    return [entry.name for entry in entry_search(user=user, search=Search(**search))]


def test_a_local_entry_comes_before_national_ones_for_a_customer_in_its_area(sam, tom):
    seed(sam)
    local_entry(tom)
    found = names(tom, need="domestic-abuse", place=postcodes.lookup("CF10 1EP"))
    assert found[0] == "Cardiff Women's Safety Unit"
    assert "Live Fear Free Helpline (Wales)" in found[1:]


def test_a_local_entry_for_another_area_comes_after_the_national_ones(sam, tom):
    seed(sam)
    local_entry(tom)
    found = names(tom, need="domestic-abuse", nation="wales", place=postcodes.lookup("LL57 2DG"))
    assert found[-1] == "Cardiff Women's Safety Unit"
    assert found[0] != "Cardiff Women's Safety Unit"


def test_a_local_entry_for_a_council_is_local_to_every_postcode_in_that_council_and_no_other(sam, tom):
    seed(sam)
    local_entry(tom, name="Vale Domestic Abuse Service", local_postcodes="Vale of Glamorgan")
    assert names(tom, need="domestic-abuse", place=postcodes.lookup("CF64 1AA"))[0] == "Vale Domestic Abuse Service"
    # CF10 is Cardiff: the Vale's entry is a local entry elsewhere, after the national ones.
    found = names(tom, need="domestic-abuse", place=postcodes.lookup("CF10 1EP"))
    assert found[-1] == "Vale Domestic Abuse Service"


def test_a_council_entry_follows_the_council_across_a_border_district(sam, tom):
    seed(sam)
    local_entry(tom, name="Flintshire DA Service", local_postcodes="W06000005")
    assert names(tom, need="domestic-abuse", place=postcodes.lookup("CH4 0AA"))[0] == "Flintshire DA Service"
    # The same district, over the border in Cheshire: an English postcode, so no Welsh entries.
    assert "Flintshire DA Service" not in names(tom, need="domestic-abuse", place=postcodes.lookup("CH4 7AB"))


def test_a_local_entry_for_a_whole_postcode_area_is_local_to_every_district_in_it(sam):
    seed(sam)
    found = names(sam, need="debt-housing-welfare", place=postcodes.lookup("G2 1DY"))
    assert found[0] == "SWAMP Glasgow (welfare rights)"


def test_the_nation_filter_keeps_only_organisations_serving_that_nation(sam):
    seed(sam)
    scotland = names(sam, need="domestic-abuse", nation="scotland")
    assert "Scotland's Domestic Abuse and Forced Marriage Helpline" in scotland
    assert "National Domestic Violence Helpline (England)" not in scotland
    assert "Galop" in scotland  # serves all four nations


def test_the_nation_comes_from_the_postcode_when_none_is_chosen(sam):
    seed(sam)
    found = names(sam, need="domestic-abuse", place=postcodes.lookup("BT1 5GS"))
    assert "Women's Aid Federation (Northern Ireland)" in found
    assert "Live Fear Free Helpline (Wales)" not in found


def test_the_need_filter_keeps_only_organisations_for_that_need(sam):
    seed(sam)
    found = names(sam, need="bereavement")
    assert sorted(found) == ["Bereavement Trust", "Cruse Bereavement Care"]


def test_staff_wellbeing_is_a_need_with_the_employee_assistance_lines(sam):
    seed(sam)
    found = names(sam, need="staff-wellbeing")
    assert set(found) == {"PAM Assist (Employee Assistance Programme)", "Employee Assistance Programme helpline"}


def test_free_text_matches_words_in_the_name_or_description(sam):
    seed(sam)
    assert names(sam, text="galop") == ["Galop"]
    assert "Breathing Space" in names(sam, text="low mood")


def test_free_text_finds_the_start_of_a_word_folded_and_needs_every_word(sam):
    seed(sam)
    assert "Samaritans" in names(sam, text="SAMAR")
    assert names(sam, text="Galóp") == ["Galop"]
    assert names(sam, text="galop samaritans") == []
    assert names(sam, text="alop") == []


def test_a_changed_entry_is_found_by_its_new_words_and_not_its_old_ones(tom):
    entry = local_entry(tom)
    details = EntryDetails(name="Cardiff WSU", needs=["domestic-abuse"], nations=["wales"], phone="029 2000 0001")
    services.entry_update(actor=tom, entry=entry, details=details, version=entry.version)
    assert names(tom, text="wsu") == ["Cardiff WSU"]
    assert names(tom, text="safety") == []


def test_withdrawn_entries_and_other_organisations_entries_are_never_found(sam, wren):
    seed(sam)
    Entry.objects.filter(name="Galop").update(is_active=False)
    assert names(sam, text="galop") == []
    assert names(wren, text="samaritans") == []


def test_a_result_reads_as_one_line_a_worker_can_say_on_the_phone(sam):
    seed(sam)
    samaritans = entry_search(user=sam, search=Search(text="samaritans"))[0]
    assert one_line(samaritans) == "Samaritans · 116 123 · free to call · 24/7"
    cruse = entry_search(user=sam, search=Search(text="cruse"))[0]
    assert one_line(cruse) == "Cruse Bereavement Care · 0844 477 9400 · calls may cost · hours not recorded"
