"""Keeping a customer's search keys in step with their record.

Called by the services inside the same transaction as the change, so search never finds
a person by a name they no longer have, nor misses one they do. `keys_from_values` is the
one definition of the keys; the bulk seeding path (people/bulk.py) calls it with plain
values, so seeded customers are found exactly as customers made through the services."""

from collections.abc import Iterable
from functools import lru_cache

from people import identifiers
from people.models import Customer, SearchKey


def keys_from_values(
    *,
    names: Iterable[tuple[str, str]],
    ni_number: str,
    postcode: str,
    case_number: str,
    references: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """(kind, value) keys for one customer: `names` are (given names, family name) pairs,
    current name first; `references` the values of their benefit and claim references."""
    keys: list[tuple[str, str]] = []
    for given, family in names:
        keys += _name_keys(given)
        keys += _name_keys(family)
    if ni_number:
        keys.append((SearchKey.Kind.NI, ni_number))
    if postcode:
        keys.append((SearchKey.Kind.POSTCODE, identifiers.normalise_postcode(postcode).replace(" ", "")))
    keys.append((SearchKey.Kind.CASE_NUMBER, identifiers.normalise_reference(case_number)))
    for reference in references:
        keys.append((SearchKey.Kind.REFERENCE, identifiers.normalise_reference(reference)[:60]))
    return list(dict.fromkeys(keys))


@lru_cache(maxsize=100_000)
def _name_keys(name: str) -> tuple[tuple[str, str], ...]:
    """Keys for each word of a name, as it is written and as it sounds. Cached: the same
    names recur across thousands of customers (and across the bulk seeding path)."""
    keys = []
    for token in identifiers.name_tokens(name):
        keys.append((SearchKey.Kind.NAME, token[:60]))
        keys.append((SearchKey.Kind.SOUND, identifiers.soundex(token)))
    return tuple(keys)


def keys_for(customer: Customer) -> list[tuple[str, str]]:
    names = [(customer.given_names, customer.family_name)]
    names += [(other.given_names, other.family_name) for other in customer.other_names.all()]
    return keys_from_values(
        names=names,
        ni_number=customer.ni_number,
        postcode=customer.postcode,
        case_number=customer.case_number,
        references=[reference.value for reference in customer.references.all()],
    )


def rebuild(customer: Customer) -> None:
    SearchKey.objects.filter(customer=customer).delete()
    SearchKey.objects.bulk_create(
        SearchKey(organisation_id=customer.organisation_id, customer=customer, kind=kind, value=value)
        for kind, value in keys_for(customer)
    )
