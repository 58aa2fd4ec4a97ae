from consent.permissions import ADVISERS
from core import navigation

# An adviser finds the authorities they hold, and acts under one, from the header.
navigation.register(label="Authorities", url_name="consent:mine", policy=ADVISERS, order=45)
