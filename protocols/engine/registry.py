"""Where definitions live: `<root>/<protocol-id>/<version>.yaml`, one folder per protocol.

Every version stays loadable for as long as its file is kept, because an incident pins the
version it followed. Which version new incidents start on is said by the file `ACTIVE`
in the protocol's folder, holding one version; a protocol with a single version needs
none. Old version files are never edited to change which is active.
"""

from pathlib import Path

from protocols.engine.problems import DefinitionError, Problem
from protocols.engine.schema import Definition
from protocols.engine.validate import DEFINITIONS_ROOT, compile_file, roots_resolver

ACTIVE = "ACTIVE"


class Registry:
    def __init__(self, root: Path | str = DEFINITIONS_ROOT, *template_roots: Path | str) -> None:
        self.root = Path(root)
        # Variants here may extend templates kept in other roots (e.g. tests' fixtures).
        self.resolve = roots_resolver([self.root, *(Path(r) for r in template_roots)])
        self._loaded: dict[tuple[str, str], Definition] = {}

    def protocol_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(d.name for d in self.root.iterdir() if d.is_dir() and any(d.glob("*.yaml")))

    def versions(self, protocol_id: str) -> list[str]:
        return sorted(p.stem for p in (self.root / protocol_id).glob("*.yaml"))

    def path(self, protocol_id: str, version: str) -> Path:
        return self.root / protocol_id / f"{version}.yaml"

    def paths(self) -> list[Path]:
        return [self.path(pid, version) for pid in self.protocol_ids() for version in self.versions(pid)]

    def active_version(self, protocol_id: str) -> str:
        versions = self.versions(protocol_id)
        marker = self.root / protocol_id / ACTIVE
        if marker.is_file():
            version = marker.read_text(encoding="utf-8").strip()
            if version in versions:
                return version
            raise LookupError(f"{marker} names version '{version}', which has no file")
        if len(versions) == 1:
            return versions[0]
        raise LookupError(f"{protocol_id} has {len(versions)} versions and no {ACTIVE} file to say which is active")

    def load(self, protocol_id: str, version: str | None = None) -> Definition:
        """The definition of that version (the active one if no version is given).
        Raises `DefinitionError` if it has problems, `LookupError` if there is no such file."""
        version = version or self.active_version(protocol_id)
        key = (protocol_id, version)
        if key not in self._loaded:
            path = self.path(protocol_id, version)
            if not path.is_file():
                raise LookupError(f"There is no version {version} of {protocol_id}")
            definition, problems = compile_file(path, self.resolve)
            problems += self._layout_problems(path, definition)
            if problems or definition is None:
                raise DefinitionError(problems)
            self._loaded[key] = definition
        return self._loaded[key]

    def check(self) -> list[Problem]:
        """Every problem in every file, and in each protocol's choice of active version."""
        problems: list[Problem] = []
        for path in self.paths():
            definition, found = compile_file(path, self.resolve)
            problems += found + self._layout_problems(path, definition)
        for protocol_id in self.protocol_ids():
            try:
                self.active_version(protocol_id)
            except LookupError as error:
                problems.append(Problem(str(self.root / protocol_id / ACTIVE), 1, str(error)))
        return problems

    @staticmethod
    def _layout_problems(path: Path, definition: Definition | None) -> list[Problem]:
        if definition is None:
            return []
        problems = []
        if definition.id != path.parent.name:
            problems.append(
                Problem(str(path), 1, f"The id is '{definition.id}' but the folder is '{path.parent.name}'")
            )
        if definition.version != path.stem:
            problems.append(
                Problem(str(path), 1, f"The version is '{definition.version}' but the file is '{path.name}'")
            )
        return problems
