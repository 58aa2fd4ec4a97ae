from core import navigation
from incidents.permissions import INCIDENT_READERS

# Live incidents (issue 8): the worker's open incidents, and for team leaders their team's.
navigation.register(label="Incidents", url_name="incidents:list", policy=INCIDENT_READERS, order=25)
