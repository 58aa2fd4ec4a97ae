import pytest
from django.db import DatabaseError, IntegrityError, transaction

from accounts import services
from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_record
from audit.tests.tampering import tampering
from audit.verification import verify_chain
from core.errors import HavenError


def test_a_service_change_and_its_audit_event_commit_together(ada, demo_teams):
    before = AuditEvent.objects.count()
    team = services.team_create(actor=ada, office=demo_teams["Contact Centre Team A"].office, name="Team B")
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "team.created",
        ada,
        "accounts.team",
        str(team.pk),
    )


def test_a_failed_change_leaves_no_audit_event(ada, demo_teams):
    office = demo_teams["Contact Centre Team A"].office
    before = AuditEvent.objects.count()
    with pytest.raises(HavenError, match="This office has a team with that name"):
        services.team_create(actor=ada, office=office, name="Contact Centre Team A")
    assert AuditEvent.objects.count() == before


def test_an_audit_write_that_fails_rolls_back_the_change_it_records(ada, demo_teams, monkeypatch):
    office = demo_teams["Contact Centre Team A"].office

    def broken_insert(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "create", broken_insert)
    with pytest.raises(DatabaseError):
        services.team_create(actor=ada, office=office, name="Never saved")
    assert not office.teams.filter(name="Never saved").exists()


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    # The rule "audit in the same transaction" is enforced, not hoped for.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=None, action="staff.signed_in")
    assert AuditEvent.objects.count() == 0


def test_unknown_action_codes_are_refused(ada):
    with transaction.atomic(), pytest.raises(ValueError, match="Unknown audit action"):
        audit_record(actor=ada, action="staff.teleported", target=ada)


def test_each_event_chains_to_the_one_before(ada, demo_teams):
    office = demo_teams["Contact Centre Team A"].office
    services.team_create(actor=ada, office=office, name="Team C")
    services.team_create(actor=ada, office=office, name="Team D")
    last, previous = AuditEvent.objects.order_by("-seq")[:2]
    assert last.prev_hash == previous.hash
    assert last.seq == previous.seq + 1
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (last.seq, last.hash)


def test_the_database_refuses_to_change_an_audit_event(ada):
    event = AuditEvent.objects.order_by("-seq").first()
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="staff.signed_out")
    assert AuditEvent.objects.get(pk=event.pk).action == event.action


def test_the_database_refuses_to_delete_an_audit_event(ada):
    event = AuditEvent.objects.order_by("-seq").first()
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_fresh_chain_verifies(ada, demo_teams):
    verdict = verify_chain()
    assert verdict.ok, verdict.problem
    assert verdict.checked == AuditEvent.objects.count()


def test_an_emptied_trail_starts_a_new_chain(ada):
    # What a freshly emptied database looks like: no events and no head.
    with tampering():
        AuditEvent.objects.all().delete()
    AuditChainHead.objects.all().delete()
    with transaction.atomic():
        event = audit_record(actor=ada, action="staff.signed_in", target=ada)
    assert (event.seq, event.prev_hash) == (1, "0" * 64)
    assert verify_chain().ok


def test_nothing_is_appended_to_a_trail_whose_head_was_removed(ada):
    AuditChainHead.objects.all().delete()
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError, match="head is missing"), transaction.atomic():
        audit_record(actor=ada, action="staff.signed_in", target=ada)
    assert AuditEvent.objects.count() == before
