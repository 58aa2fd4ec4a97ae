import pytest
from django.core.management import call_command

from audit import bulk
from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_key, audit_record_now
from audit.verification import verify_chain


def test_the_bulk_path_computes_exactly_what_audit_record_stored(ada, cara):
    recorded = [
        audit_record_now(actor=ada, action="staff.updated", target=cara, person_ref="C1", changes={"role": {"new": 1}}),
        audit_record_now(actor=cara, action="api_token.created", summary="Token for scripts"),
    ]
    before = AuditEvent.objects.get(seq=recorded[0].seq - 1)
    again = [
        bulk.NewEvent(
            action=event.action,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            target_type=event.target_type,
            target_id=event.target_id,
            person_ref=event.person_ref,
            summary=event.summary,
            changes=event.changes,
            context=event.context,
            occurred_at=event.occurred_at,
        )
        for event in AuditEvent.objects.filter(seq__in=[e.seq for e in recorded]).order_by("seq")
    ]
    rows = bulk._chained(again, key=audit_key(), seq=before.seq, prev_hash=before.hash, default_context={})
    columns = bulk._COLUMNS
    computed = [(row[columns.index("content_digest")], row[columns.index("hash")]) for row in rows]
    assert computed == [(event.content_digest, event.hash) for event in recorded]


def test_events_appended_in_batches_chain_on_and_move_the_head(ada):
    start = AuditChainHead.objects.get(pk=1).seq
    batches = []
    events = [
        bulk.NewEvent(action="staff.updated", actor_id=ada.pk, actor_label="ada", changes={"n": n}) for n in range(25)
    ]
    assert bulk.audit_append_many(events, batch_size=10, on_batch=batches.append) == 25
    assert batches == [10, 20, 25]
    last = AuditEvent.objects.order_by("-seq").first()
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (start + 25, last.hash)
    audit_record_now(actor=ada, action="staff.reactivated", target=ada)  # the usual path chains after them
    verdict = verify_chain()
    assert verdict.ok, verdict.problem
    assert verdict.checked == start + 26


def test_an_unknown_action_is_refused_before_its_batch_is_written(ada):
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="Unknown audit action"):
        bulk.audit_append_many([bulk.NewEvent(action="staff.teleported")])
    assert AuditEvent.objects.count() == before


def test_seed_audit_events_appends_synthetic_events_that_verify(ada, capsys):
    before = AuditEvent.objects.count()
    call_command("seed_audit_events", "30", "--batch-size", "7")
    assert "Appended 30 synthetic audit events" in capsys.readouterr().out
    assert AuditEvent.objects.count() == before + 30
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_recording_many_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        bulk.audit_record_many([bulk.NewEvent(action="staff.updated")])
    assert AuditEvent.objects.count() == 0
