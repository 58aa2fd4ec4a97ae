"""The base model every Haven table builds on."""

from django.db import models


class TimeStampedModel(models.Model):
    """`created_at`/`updated_at` on everything (style.md).

    Subclasses declare `PERSONAL_DATA_FIELDS`: the names of fields that hold personal data,
    so subject-access export, retention and redaction all read one list.
    """

    PERSONAL_DATA_FIELDS: tuple[str, ...] = ()

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
