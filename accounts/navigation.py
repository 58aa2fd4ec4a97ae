from accounts.permissions import ADMINISTRATORS, ANY_STAFF, HOME_BASED_WORKERS
from core import navigation

navigation.register(label="Home", url_name="home", policy=ANY_STAFF, order=0)
# Home-based workers choose their support group at the start of each day (DA Plan, Section A).
navigation.register(label="Support group", url_name="accounts:support_group_today", policy=HOME_BASED_WORKERS, order=10)
navigation.register(label="Administration", url_name="accounts:admin_home", policy=ADMINISTRATORS, order=80)
navigation.register(label="Your account", url_name="accounts:my_account", policy=ANY_STAFF, order=90)
