"""The protocol engine: pure Python, no Django (architecture: "Protocols are data").

    from protocols.engine import Registry, Run
    definition = Registry().load("da-plan")          # the active version
    run = Run.start(definition)
    run.step.text; run.answer("not-safe"); run.summary()

See protocols/README.md for the definition format.
"""

from protocols.engine.problems import AnswerError, DefinitionError, Problem, RunError
from protocols.engine.registry import Registry
from protocols.engine.run import RaisedEffect, Run
from protocols.engine.schema import Definition
from protocols.engine.validate import load_definition, validate_file

__all__ = [
    "AnswerError",
    "Definition",
    "DefinitionError",
    "Problem",
    "RaisedEffect",
    "Registry",
    "Run",
    "RunError",
    "load_definition",
    "validate_file",
]
