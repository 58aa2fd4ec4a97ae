import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from audit import chain
from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_key, audit_record_now
from audit.tests.tampering import tampering
from audit.verification import verify_chain


@pytest.fixture
def trail(ada):
    """Ten more events after the ones the personas made, with old and new values."""
    for number in range(10):
        audit_record_now(
            actor=ada, action="staff.updated", target=ada, person_ref=f"C{number}", changes={"role": {"new": number}}
        )
    return list(AuditEvent.objects.order_by("seq"))


def verify(capsys, *args):
    call_command("verify_audit", *args)
    return capsys.readouterr().out


def broken(*args) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("verify_audit", "--no-record", *args)
    return str(raised.value)


def test_verify_audit_passes_on_a_clean_chain_and_says_how_many_events_it_checked(trail, capsys):
    out = verify(capsys, "--no-record")
    assert f"The audit chain is whole: {len(trail):,} events checked in " in out
    assert f"last event {trail[-1].seq}, hash {trail[-1].hash}" in out


def test_a_successful_verification_is_recorded_after_the_check_and_the_chain_stays_whole(trail, capsys):
    verify(capsys)
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.seq, event.action, event.actor.username) == (trail[-1].seq + 1, "audit.verified", "haven-system")
    assert event.changes["checked"] == len(trail)
    assert event.changes["last_hash"] == trail[-1].hash
    assert verify_chain().ok


def test_no_record_leaves_the_trail_as_it_was(trail, capsys):
    verify(capsys, "--no-record")
    assert AuditEvent.objects.count() == len(trail)


def test_changed_content_is_found_at_the_event_changed(trail):
    victim = trail[4]
    with tampering():
        AuditEvent.objects.filter(pk=victim.pk).update(changes={"role": {"new": "administrator"}})
    message = broken()
    assert f"First broken event: {victim.seq}: its content was changed." in message
    assert f"Events 1 to {victim.seq - 1} verified" in message


def test_a_changed_fact_is_found_at_the_event_changed(trail):
    victim = trail[5]
    with tampering():
        AuditEvent.objects.filter(pk=victim.pk).update(action="staff.deactivated")
    assert f"First broken event: {victim.seq}: its hash does not match its facts." in broken()


def test_a_deleted_event_is_found_as_a_gap_before_the_next_event(trail):
    victim = trail[3]
    with tampering():
        AuditEvent.objects.filter(pk=victim.pk).delete()
    assert f"First broken event: {victim.seq + 1}: event {victim.seq} is missing." in broken()


def test_a_deleted_last_event_is_found_by_the_head(trail):
    with tampering():
        AuditEvent.objects.filter(pk=trail[-1].pk).delete()
    assert f"First broken event: {trail[-1].seq}: the chain head names a different last event." in broken()


def test_two_events_swapped_are_found_at_the_first_of_them(trail):
    first, second = trail[6], trail[7]
    with tampering():
        AuditEvent.objects.filter(pk=first.pk).update(seq=-1)
        AuditEvent.objects.filter(pk=second.pk).update(seq=first.seq)
        AuditEvent.objects.filter(pk=first.pk).update(seq=second.seq)
    assert f"First broken event: {first.seq}: it does not point to the event before it." in broken()


def test_a_hash_forged_without_the_key_is_found(trail):
    victim = trail[2]
    facts = chain.EventFacts(
        seq=victim.seq,
        occurred_at=chain.timestamp(victim.occurred_at),
        actor_id=victim.actor_id,
        action="staff.deactivated",
        target_type=victim.target_type,
        target_id=victim.target_id,
        person_ref=victim.person_ref,
        content_digest=victim.content_digest,
    )
    forged = chain.event_hash(b"a guessed key", facts, victim.prev_hash)
    with tampering():
        AuditEvent.objects.filter(pk=victim.pk).update(action="staff.deactivated", hash=forged)
        AuditEvent.objects.filter(seq=victim.seq + 1).update(prev_hash=forged)
    assert f"First broken event: {victim.seq}: its hash does not match its facts." in broken()


def test_a_head_that_names_another_hash_is_found(trail):
    AuditChainHead.objects.filter(pk=1).update(hash="f" * 64)
    assert f"First broken event: {trail[-1].seq}: the chain head names a different last event." in broken()


def test_a_head_moved_back_cannot_hide_the_events_after_it(trail):
    AuditChainHead.objects.filter(pk=1).update(seq=trail[-2].seq, hash=trail[-2].hash)
    assert f"First broken event: {trail[-1].seq}: the chain head names a different last event." in broken()


def test_a_broken_chain_gets_no_verified_event(trail):
    with tampering():
        AuditEvent.objects.filter(pk=trail[4].pk).update(action="staff.created")
    with pytest.raises(CommandError):
        call_command("verify_audit")
    assert not AuditEvent.objects.filter(action="audit.verified").exists()


def test_audit_head_prints_the_head_as_json_with_a_signature_that_checks(trail, capsys):
    call_command("audit_head")
    head = json.loads(capsys.readouterr().out)
    assert (head["seq"], head["hash"]) == (trail[-1].seq, trail[-1].hash)
    assert head["signature"] == chain.head_signature(audit_key(), seq=head["seq"], last_hash=head["hash"])
    assert head["at"].endswith("Z")


@pytest.mark.django_db(transaction=True)
def test_two_processes_reading_halves_find_what_one_finds(ada):
    for number in range(9):
        audit_record_now(actor=ada, action="staff.updated", target=ada, changes={"n": number})
    whole = verify_chain(workers=1)
    assert whole.ok
    assert verify_chain(workers=2) == whole
    middle = AuditEvent.objects.order_by("seq")[whole.last_seq // 2]  # the first event of the second half
    with tampering(), transaction.atomic():
        AuditEvent.objects.filter(pk=middle.pk).delete()
    one, two = verify_chain(workers=1), verify_chain(workers=2)
    assert two == one
    assert (one.ok, one.first_broken_seq, one.problem) == (False, middle.seq + 1, f"event {middle.seq} is missing")
