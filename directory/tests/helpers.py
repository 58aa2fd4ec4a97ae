"""What the directory tests share: entries and customers built through the real services."""

from core.system import system_actor
from directory.seeding import load_seeded_directory
from directory.services import EntryDetails, entry_create
from people import services as people_services
from people.contact import safe_contact_for
from people.tests.factories import make_customer


def seed(owner):
    """The seeded directory in the owner's organisation, maintained by the owner."""
    return load_seeded_directory(actor=system_actor(), organisation=owner.organisation, owner=owner)


def local_entry(actor, **overrides):
    values = {
        "name": "Cardiff Women's Safety Unit",
        "description": "Local domestic abuse support in Cardiff.",
        "needs": ["domestic-abuse"],
        "nations": ["wales"],
        "local_area": "Cardiff council",
        "local_postcodes": "CF10 CF11",
        "phone": "029 2000 0000",
        "phone_is_free": False,
        "hours": "Monday to Friday, 9am to 5pm",
    }
    values.update(overrides)
    return entry_create(actor=actor, details=EntryDetails(**values))


def customer_safe_by(actor, *, text: bool = False, by_email: bool = False, **fields):
    """A customer whose record marks text and/or email as safe (or neither)."""
    fields = {"phone": "07700 900123", "email": "jane@example.org", **fields}
    customer = make_customer(actor, **fields)
    safe = safe_contact_for(customer)
    people_services.safe_contact_update(
        actor=actor, customer=customer, version=safe.version, safe_to_text=text, safe_to_email=by_email
    )
    return customer
