"""Validation reports every problem, in words, at the file and line to look at."""

from pathlib import Path

import pytest
import yaml

from protocols.engine.loader import load_text
from protocols.engine.problems import DefinitionError
from protocols.engine.validate import compile_file, load_definition, roots_resolver, validate_file
from protocols.tests.helpers import BROKEN, VALID

RESOLVE = roots_resolver([VALID])
YAML_HERE = "in this context" if yaml.__with_libyaml__ else "here"  # libyaml's words, or PyYAML's

# One broken definition per kind of problem: (file, line, the whole message).
BROKEN_CASES = [
    ("yaml_syntax.yaml", 9, f"This is not valid YAML: mapping values are not allowed {YAML_HERE}"),
    ("unknown_step.yaml", 14, "Step 'a' goes to 'nowhere', which is not a step in this protocol"),
    ("unreachable_step.yaml", 13, "Step 'orphan' cannot be reached from the start ('a')"),
    ("no_way_forward.yaml", 16, "Step 'stuck' has no way forward: add `next`, or make it an end step"),
    (
        "conditions_not_exhaustive.yaml",
        12,
        "Step 'safe' has no way forward when none of its conditions hold: add a last `next` with no `when`",
    ),
    ("loop_without_exit.yaml", 16, "Steps 'ping', 'pong' form a loop with no way out to an end step"),
    (
        "condition_unknown_step.yaml",
        13,
        "Condition on 'safe-now' in step 'a': 'safe-now' is not a step in this protocol",
    ),
    (
        "condition_not_question.yaml",
        12,
        "Condition on 'a' in step 'a': 'a' is an instruction, not a question: it has no answer to test",
    ),
    (
        "condition_value_not_offered.yaml",
        17,
        "Condition on 'a' in step 'a': 'maybe' is not one of its answers (safe, not-safe)",
    ),
    (
        "condition_not_answered_before.yaml",
        31,
        "Condition on 'children' in step 'b': 'children' is not always answered before 'b'",
    ),
    ("effect_missing_field.yaml", 12, "Effect `create_task` on step 'a' is missing `due_working_days`"),
    ("missing_policy.yaml", 7, "Step 'a' has no policy source: add `policy:` naming the seed section it follows"),
    ("duplicate_step_id.yaml", 13, "Two steps have the id 'a'"),
    (
        "unknown_effect_type.yaml",
        12,
        "Step 'a', effect 1 (send_fax): `send_fax` is not a known 'type'; use one of 'summon_support_partner', "
        "'record_emergency_call', 'open_disclosure_decision', 'create_task', 'report_threat', 'add_marker', "
        "'signpost', 'offer_referral'",
    ),
    ("variant_broken.yaml", 14, "Step 'extra' goes to 'finish', which is not a step in this protocol"),
    ("variant_unknown_template.yaml", 3, "`extends` names no-such-protocol@9, which cannot be found"),
]


@pytest.mark.parametrize(("name", "line", "message"), BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_each_broken_definition_reports_its_one_problem_at_the_right_line(name, line, message):
    problems = validate_file(BROKEN / name, RESOLVE)

    assert [(p.file, p.line, p.message) for p in problems] == [(str(BROKEN / name), line, message)]


def test_every_broken_fixture_is_covered_by_a_case():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(c[0] for c in BROKEN_CASES)


def test_every_valid_fixture_has_no_problems():
    files = sorted(VALID.rglob("*.yaml"))

    assert len(files) >= 3
    assert {str(f): validate_file(f, RESOLVE) for f in files} == {str(f): [] for f in files}


def test_loading_a_broken_definition_raises_with_every_problem_listed():
    with pytest.raises(DefinitionError) as raised:
        load_definition(BROKEN / "unknown_step.yaml", RESOLVE)

    assert [p.line for p in raised.value.problems] == [14]
    assert "unknown_step.yaml:14: Step 'a' goes to 'nowhere'" in str(raised.value)


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path):
    broken = tmp_path / "several.yaml"
    broken.write_text(
        (BROKEN / "unreachable_step.yaml").read_text().replace("goto: end\n  - id: end", "goto: nowhere\n  - id: end")
    )

    messages = [p.message for p in validate_file(broken, RESOLVE)]

    assert messages == [
        "Step 'orphan' cannot be reached from the start ('a')",
        "Step 'orphan' goes to 'nowhere', which is not a step in this protocol",
    ]


def test_an_end_step_with_a_next_is_refused_at_that_line(tmp_path: Path):
    text = (VALID / "sample-threat" / "1.yaml").read_text()
    broken = tmp_path / "end_next.yaml"
    broken.write_text(text.replace("    records: [decision-record, contact-notes]", "    next:\n      - goto: intent"))

    problems = validate_file(broken, RESOLVE)

    line = text.splitlines().index("    records: [decision-record, contact-notes]") + 1
    assert [(p.line, p.message) for p in problems] == [
        (line, "Step 'done' cannot have `next` (an end step has no way forward)")
    ]


def test_a_definition_that_is_not_a_mapping_is_refused(tmp_path: Path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")

    assert [p.message for p in validate_file(path)] == [
        "A protocol definition is a mapping: id, version, title, steps…"
    ]


def test_yaml_words_like_no_and_times_stay_text():
    doc = load_text("a: no\nb: yes\nc: 14:30\nd: 2022-03-10\ne: true\nf: 3\ng: 2.5\nh: null\n", "x.yaml")

    assert doc.data == {"a": "no", "b": "yes", "c": "14:30", "d": "2022-03-10", "e": True, "f": 3, "g": 2.5, "h": None}


def test_a_key_written_twice_is_reported_at_its_second_line(tmp_path: Path):
    path = tmp_path / "twice.yaml"
    path.write_text(
        (VALID / "sample-threat" / "1.yaml").read_text().replace('version: "1"\n', 'version: "1"\nversion: "2"\n')
    )

    assert [(p.line, p.message) for p in validate_file(path, RESOLVE)] == [(5, "`version` is written twice here")]


def test_a_compiled_valid_fixture_comes_with_its_definition():
    definition, problems = compile_file(VALID / "sample-safety" / "1.yaml")

    assert problems == []
    assert definition is not None
    assert (definition.id, definition.version, definition.start) == ("sample-safety", "1", "safe-now")
