"""UK nations: the nation decides bank holidays and signposting."""

from django.db import models


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
