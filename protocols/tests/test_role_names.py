"""The engine repeats Haven's role values so it needs no Django (protocols/engine/schema.py);
this keeps the copies honest."""

from typing import get_args

from accounts.roles import Role
from protocols.describe import ROLE_WORDS
from protocols.engine.effects import Assignee, ReportThreat
from protocols.engine.schema import DecidingRole


def test_every_role_that_can_decide_a_step_is_a_haven_role():
    assert set(get_args(DecidingRole)) <= set(Role.values)
    assert set(get_args(DecidingRole)) == {Role.TEAM_LEADER, Role.DEPUTY_MANAGER, Role.SAFEGUARDING_LEAD}


def test_every_role_a_task_can_be_given_to_is_a_haven_role_or_the_worker_themselves():
    # "worker" is whoever follows the protocol, whatever their role.
    assert set(get_args(Assignee)) - {"worker"} <= set(Role.values)
    assert set(get_args(ReportThreat.model_fields["assignee"].annotation)) <= set(Role.values)


def test_the_review_pages_have_words_for_every_role_a_protocol_can_name():
    assert set(get_args(Assignee)) | set(get_args(DecidingRole)) == set(ROLE_WORDS)
