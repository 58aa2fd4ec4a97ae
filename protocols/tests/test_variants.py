"""A local variant changes its template and is validated as a whole after merging."""

from pathlib import Path

from protocols.engine import Run
from protocols.engine.validate import roots_resolver, validate_file
from protocols.tests.helpers import VALID, fixture_registry

RESOLVE = roots_resolver([VALID])


def write_variant(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text('id: local\nversion: "1"\nextends: sample-threat@1\n' + body)
    return path


def test_a_variant_overrides_text_and_contacts_and_adds_steps():
    variant = fixture_registry().load("sample-threat-local", "1")
    template = fixture_registry().load("sample-threat", "1")

    step = variant.step_map["phone-police"]
    assert step.text == "Phone the police now, then ring the office security desk."
    assert step.policy == template.step_map["phone-police"].policy  # fields it does not name are kept
    assert [c.name for c in variant.contacts] == ["Devon and Cornwall Police (non-emergency)", "Office security desk"]
    assert variant.contacts[0].phone == "101"  # merged field by field: the variant did not name `phone`
    assert variant.extends == "sample-threat@1"
    assert variant.title.endswith("(sample, Launceston office)")
    assert len(variant.steps) == len(template.steps) + 1


def test_a_run_of_a_variant_follows_its_added_step():
    run = Run.start(fixture_registry().load("sample-threat-local", "1"))
    run.answer("specific")
    run.answer("no")
    run.answer(1)
    run.confirm()
    run.confirm()

    assert [s for s, _, _ in run.path][-2:] == ["phone-police", "lock-door"]
    assert run.current == "police-reference"
    assert ("add_marker", "lock-door") in [(r.effect.type, r.step) for r in run.effects]


def test_a_problem_the_variant_causes_points_at_the_variant(tmp_path: Path):
    path = write_variant(tmp_path, "steps:\n  - id: talk-to-client\n    kind: question\n")

    problems = validate_file(path, RESOLVE)

    assert [(p.file, p.line, p.message) for p in problems] == [
        (str(path), 5, "Step 'talk-to-client' is missing `answer`")
    ]


def test_a_problem_left_in_the_template_points_at_the_template(tmp_path: Path):
    template = tmp_path / "template" / "1.yaml"
    template.parent.mkdir()
    text = (VALID / "sample-threat" / "1.yaml").read_text()
    template.write_text(text.replace("id: sample-threat\n", "id: template\n").replace("goto: done", "goto: gone", 1))
    path = tmp_path / "local.yaml"
    path.write_text('id: local\nversion: "1"\nextends: template@1\ntitle: Local\n')

    problems = validate_file(path, roots_resolver([tmp_path]))

    line = text.splitlines().index("      - goto: done") + 1
    assert [(p.file, p.line, p.message) for p in problems] == [
        (str(template), line, "Step 'police-reference' goes to 'gone', which is not a step in this protocol")
    ]


def test_a_variant_field_is_blamed_on_the_variant_line(tmp_path: Path):
    path = write_variant(tmp_path, "steps:\n  - id: done\n    policy: ''\n")

    problems = validate_file(path, RESOLVE)

    assert [(p.file, p.line, p.message) for p in problems] == [
        (str(path), 6, "Step 'done' has no policy source: add `policy:` naming the seed section it follows")
    ]


def test_a_variant_cannot_change_what_is_not_allowed(tmp_path: Path):
    path = write_variant(tmp_path, "colour: red\n")

    assert [(p.line, p.message) for p in validate_file(path, RESOLVE)] == [
        (
            4,
            "A variant cannot change `colour`; "
            "it may change `title`, `source`, `start`, `contacts`, `records`, `steps`",
        )
    ]


def test_a_variant_of_a_variant_is_merged_in_order(tmp_path: Path):
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "1.yaml").write_text(
        'id: local\nversion: "1"\nextends: sample-threat-local@1\ntitle: Deeper\n'
    )

    problems = validate_file(tmp_path / "local" / "1.yaml", roots_resolver([tmp_path, VALID]))

    assert problems == []


def test_a_variant_that_extends_itself_is_refused(tmp_path: Path):
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "1.yaml").write_text('id: loop\nversion: "1"\nextends: loop@1\n')

    problems = validate_file(tmp_path / "loop" / "1.yaml", roots_resolver([tmp_path]))

    assert [p.message for p in problems] == ["`extends` goes round in a circle through loop@1"]


def test_extends_must_name_a_protocol_and_version(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text('id: bad\nversion: "1"\nextends: sample-threat\n')

    assert [(p.line, p.message) for p in validate_file(path, RESOLVE)] == [
        (3, "`extends` must be <protocol-id>@<version>, not 'sample-threat'")
    ]
