"""Where the tests' definitions are, and every definition the property tests walk."""

from pathlib import Path

from protocols.engine.registry import Registry
from protocols.engine.validate import DEFINITIONS_ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


def fixture_registry() -> Registry:
    return Registry(VALID)


def every_definition() -> list:
    """The fixtures' definitions and the real ones in protocols/definitions (every
    version of each), so the real protocols are tested as soon as they are written."""
    found = []
    for registry in (Registry(VALID), Registry(DEFINITIONS_ROOT, VALID)):
        for protocol_id in registry.protocol_ids():
            for version in registry.versions(protocol_id):
                found.append(registry.load(protocol_id, version))
    return found
