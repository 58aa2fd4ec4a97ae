"""An incident's protocol run, rebuilt from its stored events.

The events are stored encrypted as JSON (Incident.run). Replaying them through the
engine is the only way the state is read, so the screen, the API and the records always
agree with what was recorded.
"""

import json

from core.errors import HavenError
from incidents import definitions
from protocols.engine import Definition, Run, RunError


def definition_of(incident) -> Definition:
    return definitions.pinned(incident.protocol_id, incident.protocol_version)


def run_of(incident) -> Run:
    try:
        return Run.replay(definition_of(incident), json.loads(incident.run))
    except RunError as exc:  # a stored run that no longer replays is a fault to report, not hide
        raise HavenError(f"This incident's record of steps cannot be read: {exc.message}") from exc


def store(incident, run: Run) -> None:
    incident.run = json.dumps(run.to_json(), separators=(",", ":"))
    incident.current_step = run.current
