"""JSON kept as the exact bytes the audit chain digests.

An audit event's `context` and `changes` are stored as their canonical JSON text
(`chain.canonical`: sorted keys, no spaces, UTF-8), not as a JSON column. Verifying a
million events then digests the stored text as it is, rather than parsing it and
encoding it again (half of verification's time): see docs/decisions.md. In Python the
field is a dict (or None, once its content is disposed of), as a JSONField was.
"""

import orjson
from django.db import models

from audit import chain


class CanonicalJSONField(models.TextField):
    description = "JSON stored as its canonical text"

    def from_db_value(self, value, expression, connection):
        return None if value is None else orjson.loads(value)

    def to_python(self, value):
        return orjson.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        return None if value is None else chain.canonical(value).decode()

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))
