"""Reading the whole chain back from the database and checking it."""

from audit import chain
from audit.models import AuditChainHead, AuditEvent
from audit.services import audit_key

CHUNK = 20_000


def verify_chain() -> chain.Verdict:
    """Checks every event in order against its predecessor and the key, then the head."""
    head = AuditChainHead.objects.values_list("seq", "hash").get(pk=1)
    rows = AuditEvent.objects.order_by("seq").values_list(*chain.ROW_FIELDS).iterator(chunk_size=CHUNK)
    return chain.verify(audit_key(), rows, expected_head=(head[0], head[1]))


def signed_head() -> dict:
    head = AuditChainHead.objects.get(pk=1)
    return {
        "seq": head.seq,
        "hash": head.hash,
        "at": chain.timestamp(head.updated_at),
        "signature": chain.head_signature(audit_key(), seq=head.seq, last_hash=head.hash),
    }
