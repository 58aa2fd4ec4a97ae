"""Customers for tests, built through the real services."""

from datetime import date

from people import services


def make_customer(actor, **overrides):
    fields = {
        "given_names": "Jane",
        "family_name": "Johnson",
        "date_of_birth": date(1985, 3, 14),
        "ni_number": "AB123456C",
        "postcode": "NE1 4XF",
        "nation": "england",
    }
    fields.update(overrides)
    return services.customer_create(actor=actor, confirmed_new_person=True, **fields)
