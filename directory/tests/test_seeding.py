"""The directory ships seeded with every organisation, number and website the seeds name."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from audit.models import AuditEvent
from directory.models import Entry
from directory.tests.helpers import seed

pytestmark = pytest.mark.django_db
# shared/seeds sits beside the checkout (or beside the folder of worktrees).
SEEDS = next(
    (
        parent / "shared" / "seeds"
        for parent in Path(settings.BASE_DIR).parents
        if (parent / "shared" / "seeds").exists()
    ),
    Path("/nonexistent"),
)
SIGNPOSTING_SEEDS = ("001_89391ab191328d0a.txt", "003_87a428310e492a90.txt")
# Numbers in the seeds that are not support lines: 999 itself and the Committee's office.
NOT_SUPPORT_LINES = {"02072198976"}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _seed_numbers() -> set[str]:
    found = set()
    for name in SIGNPOSTING_SEEDS:
        text = (SEEDS / name).read_text()
        for match in re.finditer(r"\b0\d{2,4}[ \d]{6,10}\d|\b116 ?123\b", text):
            found.add(_digits(match.group(0)))
    return found - NOT_SUPPORT_LINES


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are beside the checkout")
def test_every_phone_number_in_the_signposting_seeds_is_an_entry(sam):
    seed(sam)
    numbers = {_digits(e.phone) for e in Entry.objects.all()} | {
        _digits(e.other_numbers)[-11:] for e in Entry.objects.exclude(other_numbers="")
    }
    assert len(_seed_numbers()) >= 15
    missing = {number for number in _seed_numbers() if number not in numbers}
    assert not missing, f"Seed numbers with no entry: {missing}"


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are beside the checkout")
def test_every_support_website_in_section_c_is_an_entry(sam):
    seed(sam)
    text = (SEEDS / "001_89391ab191328d0a.txt").read_text()
    section_c = text[text.index("Section C – Customer states they are safe") :]
    sites = set(re.findall(r"\[((?:www\.|https?://|sdafmh)[^\\\]( ]+)", section_c))
    websites = set(Entry.objects.values_list("website", flat=True))
    assert sites
    assert sites <= websites, sites - websites


def test_each_seeded_entry_names_its_seed_as_its_source_and_shows_as_unverified(sam):
    seed(sam)
    assert Entry.objects.count() > 30
    assert not Entry.objects.exclude(source__startswith="Seed 00").exists()
    assert not Entry.objects.filter(last_verified_on__isnull=False).exists()
    assert set(Entry.objects.values_list("owner__username", flat=True)) == {"sam"}


def test_loading_twice_adds_nothing_the_second_time(sam):
    first = seed(sam)
    assert seed(sam) == 0
    assert Entry.objects.count() == first
    assert AuditEvent.objects.filter(action="directory.seeded").count() == 1


def test_the_load_command_seeds_every_organisation_with_its_safeguarding_lead_as_owner(sam, wren):
    call_command("load_directory", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Entry.objects.filter(organisation=sam.organisation, owner=sam).exists()
    # Citizens Advice Riverside has no safeguarding lead or manager: its first member of staff.
    assert set(Entry.objects.filter(organisation=wren.organisation).values_list("owner", flat=True)) == {wren.pk}
    assert (
        Entry.objects.filter(organisation=wren.organisation).count()
        == Entry.objects.filter(organisation=sam.organisation).count()
    )
