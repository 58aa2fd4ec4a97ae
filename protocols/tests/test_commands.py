"""The management commands are thin wrappers; these run them as Django would. They need
Django's settings, so they are skipped when the tests run with `-p no:django`."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from protocols.management.commands import protocol_schema, validate_protocol
from protocols.tests.helpers import BROKEN, VALID

pytestmark = pytest.mark.skipif(not settings.configured, reason="Django settings are not configured")


def test_validate_protocol_exits_non_zero_and_lists_the_problem():
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command(validate_protocol.Command(), str(BROKEN / "missing_policy.yaml"), stdout=out)

    assert raised.value.returncode == 1
    assert out.getvalue().splitlines() == [
        f"{BROKEN / 'missing_policy.yaml'}:7: Step 'a' has no policy source: add `policy:` naming the seed section "
        "it follows",
        "1 problem in 1 file(s).",
    ]


def test_validate_protocol_passes_good_definitions():
    out = io.StringIO()

    call_command(validate_protocol.Command(), str(VALID), stdout=out)

    assert out.getvalue() == "3 file(s) checked: no problems.\n"


def test_validate_protocol_finds_templates_in_another_folder():
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            validate_protocol.Command(), str(BROKEN / "variant_broken.yaml"), templates=[str(VALID)], stdout=out
        )

    assert "variant_broken.yaml:14: Step 'extra' goes to 'finish'" in out.getvalue()


def test_protocol_schema_writes_the_json_schema(tmp_path):
    target = tmp_path / "schema.json"

    call_command(protocol_schema.Command(), output=str(target), stdout=io.StringIO())

    assert json.loads(target.read_text())["title"] == "Haven protocol definition"
