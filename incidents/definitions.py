"""The protocol definitions an incident runs on, loaded once per process.

A version's file never changes once written (protocols/README.md), so a pinned
definition can be kept for the life of the process; the ACTIVE version is read from its
file each time an incident starts, so a new version is used from the next start.
"""

from functools import lru_cache

from django.conf import settings

from core.errors import HavenError
from protocols.engine import Definition, DefinitionError, Registry

# The protocols a live incident can follow, in the order the start page offers them.
PROTOCOLS = ("domestic-abuse", "suicide-self-harm", "threat-to-others")


def _registry() -> Registry:
    return Registry(settings.PROTOCOL_DEFINITIONS_DIR)


@lru_cache(maxsize=32)
def _pinned(root: str, protocol_id: str, version: str) -> Definition:
    return Registry(root).load(protocol_id, version)


def pinned(protocol_id: str, version: str) -> Definition:
    return _pinned(str(settings.PROTOCOL_DEFINITIONS_DIR), protocol_id, version)


def active(protocol_id: str) -> Definition:
    if protocol_id not in PROTOCOLS:
        raise HavenError("Choose which plan to follow", field="protocol")
    try:
        version = _registry().active_version(protocol_id)
        return pinned(protocol_id, version)
    except (DefinitionError, LookupError) as exc:
        raise HavenError(
            f"The {protocol_id} plan cannot be loaded: tell your safeguarding lead ({exc})", field="protocol"
        ) from exc


def titles() -> dict[str, str]:
    return {protocol_id: active(protocol_id).title for protocol_id in PROTOCOLS}
