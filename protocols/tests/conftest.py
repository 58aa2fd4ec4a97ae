"""Fixtures for the protocol review pages' tests."""

import shutil
from pathlib import Path

import pytest

from protocols.engine.validate import DEFINITIONS_ROOT
from protocols.tests.helpers import FIXTURES

REVIEW = FIXTURES / "review"


@pytest.fixture
def review_root(tmp_path: Path, settings) -> Path:
    """The real definitions plus the review fixtures (a second DA Plan version, a local
    variant and a broken sample), as the folder the review pages read."""
    root = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_ROOT, root)
    shutil.copytree(REVIEW, root, dirs_exist_ok=True)
    (root / "README.md").unlink()
    settings.PROTOCOL_DEFINITIONS_DIR = root
    return root
