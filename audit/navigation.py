from audit.permissions import AUDIT_READERS
from core import navigation

navigation.register(label="Audit trail", url_name="audit:search", policy=AUDIT_READERS, order=70)
