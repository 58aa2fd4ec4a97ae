from core import navigation
from protocols.permissions import PROTOCOL_REVIEWERS

navigation.register(label="Protocols", url_name="protocols:list", policy=PROTOCOL_REVIEWERS, order=60)
