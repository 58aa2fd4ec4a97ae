"""Keeping entries right: local entries, corrections, and CSV exchange in Open Referral UK
fields (issue 6). Each refused change leaves the directory as it was."""

import csv
import io

import pytest

from audit.models import AuditEvent
from core.errors import HavenError, InvalidInput, NotAllowed
from directory import csv_format, services
from directory.models import Entry
from directory.selectors import entries_for_export
from directory.services import EntryDetails
from directory.tests.helpers import local_entry, seed

pytestmark = pytest.mark.django_db


def test_a_team_leader_adds_a_local_entry_for_their_office_and_maintains_it(tom):
    entry = local_entry(tom)
    assert entry.is_local
    assert entry.office == tom.team.office
    assert entry.owner == tom
    assert entry.postcode_list == ["CF10", "CF11"]
    assert [n.need for n in entry.needs.all()] == ["domestic-abuse"]
    assert AuditEvent.objects.filter(action="directory.entry_created", target_id=str(entry.pk)).exists()


def test_every_problem_with_an_entry_is_named_at_once(tom):
    with pytest.raises(InvalidInput) as problems:
        services.entry_create(actor=tom, details=EntryDetails(local_postcodes="CF10 1EP nonsense"))
    assert problems.value.errors == {
        "name": "Enter the organisation's name",
        "needs": "Choose at least one need this organisation helps with",
        "nations": "Choose the nations this organisation serves",
        "local_postcodes": (
            "1EP and nonsense are not councils, postcode districts or areas: enter councils like Cardiff or "
            "W06000015 (commas between councils), districts like CF10, or areas like CF"
        ),
    }
    assert not Entry.objects.exists()


def test_a_caseworker_cannot_add_or_change_entries_and_nothing_changes(cara, tom):
    entry = local_entry(tom)
    with pytest.raises(NotAllowed):
        local_entry(cara, name="Another")
    with pytest.raises(NotAllowed):
        services.entry_update(actor=cara, entry=entry, details=EntryDetails(name="Changed"))
    entry.refresh_from_db()
    assert Entry.objects.count() == 1
    assert entry.name == "Cardiff Women's Safety Unit"


def test_an_editor_in_another_organisation_cannot_change_an_entry(tom, sam, wren):
    entry = local_entry(tom)
    wren.role = "team_leader"
    wren.save()
    with pytest.raises(NotAllowed):
        services.entry_verify(actor=wren, entry=entry)


def test_a_correction_records_old_and_new_values_and_a_stale_version_is_refused(tom):
    entry = local_entry(tom)
    details = EntryDetails(name="Cardiff WSU", needs=["domestic-abuse"], nations=["wales"], phone="029 2000 0001")
    changed = services.entry_update(actor=tom, entry=entry, details=details, version=entry.version)
    assert changed.name == "Cardiff WSU"
    assert not changed.is_local
    event = AuditEvent.objects.get(action="directory.entry_updated")
    assert event.changes["name"] == ["Cardiff Women's Safety Unit", "Cardiff WSU"]
    with pytest.raises(HavenError, match="Someone else changed this entry"):
        services.entry_update(actor=tom, entry=entry, details=details, version=1)


def test_the_export_uses_open_referral_uk_field_names_and_imports_back_unchanged(sam, tom):
    seed(sam)
    local_entry(tom)
    exported = csv_format.export_rows(entries_for_export(user=sam))
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {"service.id", "organization.name", "service.url", "phone.number", "taxonomy.term"} <= set(rows[0])
    galop = next(row for row in rows if row["service.name"] == "Galop")
    assert galop["phone.number"] == "0800 999 5428"
    assert galop["taxonomy.term"] == "domestic-abuse;lgbt-domestic-abuse"
    assert galop["haven:nations"] == "england;wales;scotland;northern-ireland"
    before = Entry.objects.count()
    counts = services.entries_import(actor=sam, text=exported)
    assert counts == {"added": 0, "updated": before}
    assert Entry.objects.count() == before


def test_importing_rows_with_new_ids_adds_them_with_the_importer_as_owner(sam):
    text = (
        "service.name,service.description,phone.number,taxonomy.term,haven:nations,haven:phone_is_free\n"
        "Leeds Women's Aid,Local refuge,0113 000 0000,domestic-abuse,england,no\n"
    )
    assert services.entries_import(actor=sam, text=text) == {"added": 1, "updated": 0}
    entry = Entry.objects.get(name="Leeds Women's Aid")
    assert (entry.owner, entry.source, entry.serves_england, entry.serves_wales) == (sam, "CSV import", True, False)
    assert AuditEvent.objects.filter(action="directory.imported").exists()


def test_one_bad_row_imports_nothing_and_names_every_bad_row(sam):
    text = (
        "service.name,phone.number,taxonomy.term,haven:nations\n"
        "Good one,0800 000 000,domestic-abuse,england\n"
        ",0800 000 001,domestic-abuse,england\n"
        "No need,0800 000 002,,atlantis\n"
    )
    with pytest.raises(HavenError) as refused:
        services.entries_import(actor=sam, text=text)
    assert "Row 3: Enter the organisation's name" in refused.value.message
    assert "Row 4: Choose at least one need" in refused.value.message
    assert refused.value.field == "file"
    assert not Entry.objects.exists()


def test_a_file_without_the_columns_is_refused_with_the_columns_it_needs(sam):
    with pytest.raises(HavenError, match="columns service.name, taxonomy.term, haven:nations"):
        services.entries_import(actor=sam, text="name,phone\nX,1\n")


def test_a_caseworker_cannot_import(cara):
    with pytest.raises(NotAllowed):
        services.entries_import(actor=cara, text="service.name,taxonomy.term,haven:nations\n")
