"""Reads for the protocol review pages: the protocols, their versions, which one is active
and what the validator finds in each.

Definitions are files, not rows, and hold no personal data, so reading them is not an
audited event (unlike opening a customer's record). They are read from
`settings.PROTOCOL_DEFINITIONS_DIR`; tests point it at a folder with more versions.
Loading and validating every file takes a fraction of a second, so the result is kept
until a file in the folder changes (a new version is a new file).
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from core.errors import InvalidInput, NotAllowed, NotFound
from protocols.engine import Definition, DefinitionError, Problem, Registry
from protocols.engine.compare import Comparison, compare
from protocols.engine.registry import ACTIVE
from protocols.engine.validate import DEFINITIONS_ROOT
from protocols.permissions import PROTOCOL_REVIEWERS


@dataclass(frozen=True)
class ShownProblem:
    where: str  # e.g. "domestic-abuse/2022-03-10.yaml, line 12"
    message: str


@dataclass(frozen=True)
class VersionStatus:
    protocol_id: str
    version: str
    active: bool
    definition: Definition | None  # None when the file cannot be loaded
    problems: tuple[ShownProblem, ...]

    @property
    def valid(self) -> bool:
        return self.definition is not None and not self.problems


@dataclass(frozen=True)
class ProtocolSummary:
    id: str
    title: str
    versions: tuple[VersionStatus, ...]  # newest first
    active_version: str | None
    active_problem: str | None  # why no version is active, if none is

    def version(self, version: str) -> VersionStatus | None:
        return next((v for v in self.versions if v.version == version), None)


def definitions_root() -> Path:
    return Path(getattr(settings, "PROTOCOL_DEFINITIONS_DIR", DEFINITIONS_ROOT))


def protocols_list(*, user) -> tuple[ProtocolSummary, ...]:
    """Every protocol with every version, for protocol reviewers only."""
    _check(user)
    root = definitions_root()
    return _catalogue(str(root), _fingerprint(root))


def protocol_get(*, user, protocol_id: str) -> ProtocolSummary:
    found = next((p for p in protocols_list(user=user) if p.id == protocol_id), None)
    if found is None:
        raise NotFound("There is no protocol with that name.")
    return found


def protocol_version_get(*, user, protocol_id: str, version: str) -> tuple[ProtocolSummary, VersionStatus]:
    protocol = protocol_get(user=user, protocol_id=protocol_id)
    status = protocol.version(version)
    if status is None:
        raise NotFound(f"There is no version {version} of {protocol.title}.")
    return protocol, status


def protocol_versions_compare(*, user, protocol_id: str, from_version: str, to_version: str) -> Comparison:
    """Two versions of one protocol compared step by step (variants as merged). Raises
    `InvalidInput` naming the `from` and `to` fields when a version cannot be compared."""
    protocol = protocol_get(user=user, protocol_id=protocol_id)
    errors = {}
    chosen = {}
    for field, version, words in (("from", from_version, "from"), ("to", to_version, "to")):
        status = protocol.version(version) if version else None
        if not version:
            errors[field] = f"Choose the version to compare {words}"
        elif status is None:
            known = ", ".join(v.version for v in protocol.versions)
            errors[field] = f"There is no version ‘{version}’ of {protocol.title}: choose one of {known}"
        elif status.definition is None or status.problems:
            errors[field] = f"Version {version} has problems, so it cannot be compared: fix them first"
        else:
            chosen[field] = status.definition
    if errors:
        raise InvalidInput(errors)
    return compare(chosen["from"], chosen["to"])


def _check(user) -> None:
    if not PROTOCOL_REVIEWERS.allows(user):
        raise NotAllowed("Only safeguarding leads, data protection officers and auditors can review protocols.")


def _fingerprint(root: Path) -> tuple:
    """Changes whenever a definition or ACTIVE file is added, removed or changed."""
    if not root.is_dir():
        return ()
    files = sorted([*root.glob("*/*.yaml"), *root.glob(f"*/{ACTIVE}")])
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)


@lru_cache(maxsize=4)
def _catalogue(root: str, fingerprint: tuple) -> tuple[ProtocolSummary, ...]:
    registry = Registry(root)
    return tuple(_summary(registry, protocol_id) for protocol_id in registry.protocol_ids())


def _summary(registry: Registry, protocol_id: str) -> ProtocolSummary:
    active, active_problem = None, None
    try:
        active = registry.active_version(protocol_id)
    except LookupError as error:
        active_problem = str(error).replace(f"{registry.root}/", "")
    versions = tuple(
        _status(registry, protocol_id, version, active) for version in reversed(registry.versions(protocol_id))
    )
    titled = [v for v in versions if v.definition is not None]
    titled.sort(key=lambda v: not v.active)
    title = titled[0].definition.title if titled else protocol_id
    return ProtocolSummary(
        id=protocol_id, title=title, versions=versions, active_version=active, active_problem=active_problem
    )


def _status(registry: Registry, protocol_id: str, version: str, active: str | None) -> VersionStatus:
    definition, problems = None, []
    try:
        definition = registry.load(protocol_id, version)
    except DefinitionError as error:
        problems = error.problems
    return VersionStatus(
        protocol_id=protocol_id,
        version=version,
        active=version == active,
        definition=definition,
        problems=tuple(_shown(registry.root, p) for p in problems),
    )


def _shown(root: Path, problem: Problem) -> ShownProblem:
    path = Path(problem.file)
    try:
        name = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        name = path.name
    return ShownProblem(where=f"{name}, line {problem.line}", message=problem.message)
