"""Who may listen to which stream of server-sent events (django-eventstream's channel
manager, named in settings.EVENTSTREAM_CHANNELMANAGER_CLASS).

- `incident-<id>`: only someone who may open that incident (permissions.can_open), the
  same rule as the guided screen itself.
- `user-<id>`: only that person (their support-partner alerts).

Anything else is refused. The views in views_partner.py choose the channel from the URL;
this check is the one the stream itself applies, so a request that names a channel some
other way is still refused. No channel is "reliable": events are not stored (see the
settings), a screen that reconnects reads the current state instead.
"""

import re

from django_eventstream.channelmanager import ChannelManagerBase

from core.pooled_connections import release_connections
from incidents import permissions
from incidents.models import Incident

_CHANNEL = re.compile(r"^(incident|user)-([1-9][0-9]{0,18})$")


def may_read(user, channel: str) -> bool:
    match = _CHANNEL.match(channel or "")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or match is None:
        return False
    kind, pk = match.group(1), int(match.group(2))
    if kind == "user":
        return user.pk == pk
    fields = ("pk", "organisation_id", "worker_id", "partner_id", "team_id")
    incident = Incident.objects.filter(pk=pk).only(*fields).first()
    return incident is not None and permissions.can_open(user, incident)


class IncidentChannelManager(ChannelManagerBase):
    def get_channels_for_request(self, request, view_kwargs):
        return set(view_kwargs.get("channels", ()))

    def can_read_channel(self, user, channel):
        try:
            return may_read(user, channel)
        finally:
            # An open stream asks again on every event: between events it must not hold
            # a pooled connection (core.middleware.ReleaseConnectionsForStreamsMiddleware).
            release_connections()

    def is_channel_reliable(self, channel):
        return False
