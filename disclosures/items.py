"""What can be shared: the items of data Haven holds about a customer (data minimisation).

A disclosure stores the codes of the items shared, never copies of their values: the
record says *that* the date of birth went to the police, and the customer's record holds
what it is. A data protection officer reads exactly what left, item by item.

Items marked `special` are health or other special-category data (UK GDPR Art. 9(1)):
sharing one needs an Article 9 condition. Markers are treated as special because they
record conditions (mental health, learning difficulty) as well as risks.
"""

from dataclasses import dataclass

PERSON_PREFIX = "person:"


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    special: bool = False
    warning: str = ""


def _has(*values) -> bool:
    return any(bool(value) for value in values)


def _needs(customer, name: str):
    # A missing one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    return getattr(customer, name, None)


def available_items(customer) -> list[Item]:
    """The items Haven holds for this customer now, in the order a worker reads a record."""
    safe = _needs(customer, "safe_contact")
    privacy = _needs(customer, "privacy_needs")
    hide_address = bool(safe and safe.do_not_disclose_address)
    hide_name = bool(safe and safe.do_not_disclose_new_name)
    items = [Item("name", "Name", warning="Do not disclose new name" if hide_name else "")]
    candidates = [
        (
            "previous_names",
            "Previous names and aliases",
            customer.other_names.exists(),
            False,
            "Do not disclose new name" if hide_name else "",
        ),
        ("date_of_birth", "Date of birth", _has(customer.date_of_birth), False, ""),
        ("ni_number", "National Insurance number", _has(customer.ni_number), False, ""),
        (
            "address",
            "Address",
            _has(customer.address_line_1, customer.town, customer.postcode),
            False,
            "Do not disclose address" if hide_address else "",
        ),
        ("phone", "Phone number", _has(customer.phone), False, ""),
        ("email", "Email address", _has(customer.email), False, ""),
        ("references", "Benefit and claim references", customer.references.exists(), False, ""),
        (
            "markers",
            "Markers (e.g. DOMESTIC ABUSE RISK, mental health)",
            customer.markers.filter(removed_at=None).exists(),
            True,
            "",
        ),
        ("safe_contact", "Safe-contact needs", safe is not None, False, ""),
        ("privacy_needs", "Privacy needs", privacy is not None, False, ""),
    ]
    items += [Item(code, label, special, warning) for code, label, held, special, warning in candidates if held]
    for person in customer.people_around.filter(ended_on=None):
        items.append(Item(f"{PERSON_PREFIX}{person.pk}", f"Details of {person.name} ({person.get_role_display()})"))
    return items


def labels_for(codes: list[str], customer) -> list[str]:
    """How stored codes read now. An item no longer held (a person since ended) still reads."""
    known = {item.code: item.label for item in available_items(customer)}
    labels = []
    for code in codes:
        if code in known:
            labels.append(known[code])
        elif code.startswith(PERSON_PREFIX):
            person = customer.people_around.filter(pk=code.removeprefix(PERSON_PREFIX)).first()
            labels.append(f"Details of {person.name} ({person.get_role_display()})" if person else "Someone's details")
        else:
            labels.append(code)
    return labels
