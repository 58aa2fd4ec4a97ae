"""The validate_protocol and protocol_schema commands, through the functions they wrap."""

import io
import json

from protocols.engine.cli import json_schema, validate
from protocols.tests.helpers import BROKEN, VALID


def test_validating_files_lists_each_problem_with_file_and_line():
    out = io.StringIO()

    problems = validate([str(BROKEN / "unknown_step.yaml"), str(VALID / "sample-safety")], [], out)

    assert len(problems) == 1
    assert out.getvalue() == (
        f"{BROKEN / 'unknown_step.yaml'}:14: Step 'a' goes to 'nowhere', which is not a step in this protocol\n"
        "1 problem in 2 file(s).\n"
    )


def test_validating_a_folder_of_good_definitions_reports_no_problems():
    out = io.StringIO()

    assert validate([str(VALID)], [], out) == []
    assert out.getvalue() == "3 file(s) checked: no problems.\n"


def test_a_missing_file_is_a_problem():
    out = io.StringIO()

    problems = validate(["no/such/file.yaml"], [], out)

    assert [p.message for p in problems] == ["There is no such file"]


def test_a_broken_folder_reports_every_file(tmp_path):
    out = io.StringIO()

    problems = validate([str(BROKEN)], [str(VALID)], out)

    assert {p.file for p in problems} == {str(f) for f in BROKEN.glob("*.yaml")}


def test_the_json_schema_describes_definitions_and_variants():
    schema = json.loads(json.dumps(json_schema()))

    defs = schema["$defs"]
    assert [ref["$ref"] for ref in schema["anyOf"]] == ["#/$defs/Definition", "#/$defs/VariantFile"]
    assert set(defs["QuestionStep"]["required"]) == {"id", "text", "policy", "kind", "answer"}
    assert set(defs["CreateTask"]["required"]) == {"type", "title", "due_working_days", "assignee"}
    assert "is" in defs["AnswerTest"]["properties"]
