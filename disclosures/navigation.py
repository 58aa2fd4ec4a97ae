from core import navigation
from disclosures.permissions import DISCLOSURE_REGISTER

# Data protection officers oversee every sharing of customers' data (issue 7).
navigation.register(label="Disclosures", url_name="disclosures:register", policy=DISCLOSURE_REGISTER, order=45)
