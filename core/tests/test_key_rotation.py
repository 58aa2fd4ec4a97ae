import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from audit.models import AuditEvent
from people.models import SafeContact
from people.services import safe_contact_update
from people.tests.factories import make_customer

OLD, NEW = "old-field-key-for-the-test", "new-field-key-for-the-test"


def _raw_note(customer) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM people_safecontact WHERE customer_id = %s", [customer.pk])
        return cursor.fetchone()[0]


def _clear_key_caches():
    # The fields cache their keys on first use; a new SALT_KEY needs fresh caches.
    for field in SafeContact._meta.concrete_fields:
        for cached in ("keys", "f"):
            field.__dict__.pop(cached, None)


@pytest.fixture
def rotating_keys():
    _clear_key_caches()
    yield
    _clear_key_caches()


def test_rotation_re_encrypts_under_the_new_key_and_the_text_survives(cara, rotating_keys):
    customer = make_customer(cara)
    with override_settings(SALT_KEY=[OLD]):
        _clear_key_caches()
        safe_contact_update(actor=cara, customer=customer, version=1, note="Ring only after 6pm")
        under_old = _raw_note(customer)

    with override_settings(SALT_KEY=[NEW, OLD]):
        _clear_key_caches()
        call_command("reencrypt_fields", stdout=open("/dev/null", "w"))  # noqa: SIM115
        under_new = _raw_note(customer)
        assert SafeContact.objects.get(customer=customer).note == "Ring only after 6pm"

    with override_settings(SALT_KEY=[NEW]):
        _clear_key_caches()
        assert SafeContact.objects.get(customer=customer).note == "Ring only after 6pm"

    assert under_new != under_old
    # Words with spaces: base64 ciphertext never holds a space, so this cannot match by chance.
    assert "Ring only after" not in under_new
    assert AuditEvent.objects.filter(action="data.reencrypted").exists()
