"""The report replica router (config/db_router.py): reads go to the replica only inside
reading_from_replica() and only when a replica is configured; writes never do."""

import pytest

from accounts.models import Organisation
from config import db_router
from config.db_router import REPLICA, ReportReplicaRouter, reading_from_replica


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "has_replica", lambda: True)


def test_without_a_replica_every_read_goes_to_the_primary(settings):
    assert REPLICA not in settings.DATABASES
    with reading_from_replica():
        assert ReportReplicaRouter().db_for_read(Organisation) is None


def test_with_a_replica_only_reads_inside_the_block_go_to_it(with_replica):
    router = ReportReplicaRouter()
    assert router.db_for_read(Organisation) is None
    with reading_from_replica():
        assert router.db_for_read(Organisation) == REPLICA
        assert router.db_for_write(Organisation) == "default"
    assert router.db_for_read(Organisation) is None


def test_migrations_run_only_on_the_primary():
    router = ReportReplicaRouter()
    assert router.allow_migrate("default", "accounts") is True
    assert router.allow_migrate(REPLICA, "accounts") is False


@pytest.mark.django_db
def test_queries_read_the_primary_when_no_replica_is_configured(cara):
    with reading_from_replica():
        assert Organisation.objects.filter(pk=cara.organisation.pk).exists()
