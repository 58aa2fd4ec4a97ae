"""Definitions are found by protocol and version; one version is active; all stay loadable."""

import shutil
from pathlib import Path

import pytest

from protocols.engine import DefinitionError, Registry
from protocols.tests.helpers import VALID


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A registry with two versions of sample-threat, version 2 adding a step."""
    shutil.copytree(VALID / "sample-threat", tmp_path / "sample-threat")
    text = (tmp_path / "sample-threat" / "1.yaml").read_text()
    version_2 = text.replace('version: "1"', 'version: "2"').replace("Phone the police now.", "Phone 999 now.")
    (tmp_path / "sample-threat" / "2.yaml").write_text(version_2)
    return tmp_path


def test_protocols_and_their_versions_are_listed(root: Path):
    registry = Registry(root)

    assert registry.protocol_ids() == ["sample-threat"]
    assert registry.versions("sample-threat") == ["1", "2"]


def test_the_active_file_says_which_version_new_runs_use(root: Path):
    (root / "sample-threat" / "ACTIVE").write_text("2\n")
    registry = Registry(root)

    assert registry.active_version("sample-threat") == "2"
    assert registry.load("sample-threat").step_map["phone-police"].text.startswith("Phone 999 now.")
    assert registry.load("sample-threat", "1").step_map["phone-police"].text.startswith("Phone the police now.")


def test_a_protocol_with_one_version_needs_no_active_file():
    assert Registry(VALID).active_version("sample-safety") == "1"


def test_several_versions_without_an_active_file_is_a_problem(root: Path):
    registry = Registry(root)

    with pytest.raises(LookupError, match="sample-threat has 2 versions and no ACTIVE file"):
        registry.active_version("sample-threat")
    assert [p.message for p in registry.check()] == [
        "sample-threat has 2 versions and no ACTIVE file to say which is active"
    ]


def test_an_active_file_naming_a_missing_version_is_a_problem(root: Path):
    (root / "sample-threat" / "ACTIVE").write_text("3")

    with pytest.raises(LookupError, match="names version '3', which has no file"):
        Registry(root).load("sample-threat")


def test_a_file_whose_id_or_version_disagrees_with_its_place_is_refused(root: Path):
    (root / "sample-threat" / "2.yaml").rename(root / "sample-threat" / "3.yaml")
    (root / "sample-threat" / "ACTIVE").write_text("1")

    with pytest.raises(DefinitionError) as raised:
        Registry(root).load("sample-threat", "3")

    assert [p.message for p in raised.value.problems] == ["The version is '2' but the file is '3.yaml'"]


def test_a_missing_version_is_a_lookup_error(root: Path):
    with pytest.raises(LookupError, match="There is no version 9 of sample-threat"):
        Registry(root).load("sample-threat", "9")


def test_a_loaded_definition_is_shared(root: Path):
    registry = Registry(root)

    assert registry.load("sample-threat", "1") is registry.load("sample-threat", "1")


def test_the_fixture_registry_has_no_problems():
    assert Registry(VALID).check() == []
