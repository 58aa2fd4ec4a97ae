"""Reading the signposting directory: searches by need, nation and free text, ranked so a
local entry for the customer's area comes before national ones (issue 6)."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Prefetch, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import Team
from core.errors import NotFound
from core.nations import Nation
from directory import postcodes, words
from directory.models import NATION_FIELDS, Entry, EntryNeed, EntryWord, Need, SignpostSend
from directory.permissions import DIRECTORY_READERS

RESULT_LIMIT = 25
LOCAL_HERE, NATIONAL, LOCAL_ELSEWHERE = 0, 1, 2


@dataclass(frozen=True)
class Search:
    need: str = ""
    nation: str = ""
    text: str = ""
    place: postcodes.Place | None = None

    @property
    def effective_nation(self) -> str:
        return self.nation or (self.place.nation if self.place else "")


def _organisation_id(user) -> int:
    """The user's organisation in one query, kept on the user for the rest of the request."""
    if not DIRECTORY_READERS.allows(user):
        raise NotFound()
    cached = getattr(user, "_directory_organisation_id", None)
    if cached is None:
        cached = Team.objects.filter(pk=user.team_id).values_list("office__region__organisation_id", flat=True).get()
        user._directory_organisation_id = cached
    return cached


def _rank(place: postcodes.Place | None):
    if place is None:
        return Case(
            When(is_local=True, then=Value(LOCAL_ELSEWHERE)), default=Value(NATIONAL), output_field=IntegerField()
        )
    here = Q(local_postcodes__contains=f" {place.outcode} ") | Q(local_postcodes__contains=f" {place.area} ")
    if place.council_code:
        here |= Q(local_postcodes__contains=f" {place.council_code} ")
    return Case(
        When(here, then=Value(LOCAL_HERE)),
        When(is_local=True, then=Value(LOCAL_ELSEWHERE)),
        default=Value(NATIONAL),
        output_field=IntegerField(),
    )


# The expression of the GIN index in migration 0003 (the words as lexemes, unparsed),
# matched against a tsquery passed as a parameter.
_WORDS_MATCH = "array_to_tsvector(string_to_array(\"directory_entry\".\"search_words\", ' ')) @@ %s::tsquery"


def _with_words(entries, search_words: list[str]):
    """Each word must start a word of the name, description or local area."""
    if not search_words:
        return entries
    if connection.vendor == "postgresql":
        # One GIN lookup for all the words ('advice':* & 'support':*); folded words are
        # [a-z0-9]+, so quoting them is safe. A semi-join per word on EntryWord scanned
        # the word table once a word and hashed every entry (p95 78 ms at 20,000 entries).
        query = " & ".join(f"'{word}':*" for word in search_words)
        # A constant SQL text with the query bound as a parameter, so nothing is injected.
        return entries.filter(RawSQL(_WORDS_MATCH, [query], output_field=BooleanField()))  # noqa: S611
    for word in search_words:
        matching = EntryWord.objects.filter(word__gte=word, word__lt=words.upper_bound(word)).values("entry_id")
        entries = entries.filter(pk__in=matching)
    return entries


def entry_search(*, user, search: Search, limit: int = RESULT_LIMIT) -> list[Entry]:
    """Active entries of the user's organisation for the need and nation, best first:
    local entries for the customer's council, postcode district or area, then national ones, then
    local entries elsewhere; within each, 24/7 lines, then lines with a number, then by name."""
    entries = Entry.objects.filter(organisation_id=_organisation_id(user), is_active=True)
    if search.need in Need.values:
        # A join, not EXISTS: the (need, entry) index then drives the query (14 times faster
        # on SQLite at 20,000 entries); an entry has each need once, so no duplicates.
        entries = entries.filter(needs__need=search.need)
    nation = search.effective_nation
    if nation in Nation.values:
        entries = entries.filter(**{NATION_FIELDS[nation]: True})
    entries = _with_words(entries, words.fold(search.text)[:5])
    no_phone = Case(When(phone="", then=Value(1)), default=Value(0), output_field=IntegerField())
    entries = entries.annotate(rank=_rank(search.place), no_phone=no_phone)
    entries = entries.order_by("rank", "-open_24_7", "no_phone", "name", "pk")
    return list(entries.prefetch_related(Prefetch("needs", queryset=EntryNeed.objects.order_by("need")))[:limit])


def entry_get(*, user, entry_id: int) -> Entry:
    entry = Entry.objects.filter(organisation_id=_organisation_id(user), pk=entry_id).select_related("owner").first()
    if entry is None:
        raise NotFound("That directory entry was not found.")
    return entry


def entries_for_export(*, user):
    return (
        Entry.objects.filter(organisation_id=_organisation_id(user))
        .prefetch_related("needs")
        .order_by("is_local", "name", "pk")
    )


def is_unverified(entry: Entry, today=None) -> bool:
    """Past its review date, or never checked by anyone here: shown as unverified."""
    today = today or timezone.localdate()
    return entry.last_verified_on is None or entry.review_due_on < today


def one_line(entry: Entry) -> str:
    """What a worker reads out on the phone: name, number, hours, free or not."""
    parts = [entry.name]
    if entry.phone:
        parts.append(entry.phone)
        parts.append("free to call" if entry.phone_is_free else "calls may cost")
    if entry.open_24_7:
        parts.append("24/7")
    elif entry.hours:
        parts.append(entry.hours)
    elif entry.phone:
        parts.append("hours not recorded")
    if entry.website:
        parts.append(entry.website)
    elif entry.email and not entry.phone:
        parts.append(entry.email)
    return " · ".join(parts)


def sends_for_customer(customer) -> list[SignpostSend]:
    """The lists given to a customer, newest first (the caller has opened the record)."""
    return list(SignpostSend.objects.filter(customer=customer).select_related("sent_by").order_by("-created_at")[:20])
