from accounts.permissions import ADMINISTRATORS, ANY_STAFF
from core import navigation

navigation.register(label="Home", url_name="home", policy=ANY_STAFF, order=0)
navigation.register(label="Administration", url_name="accounts:admin_home", policy=ADMINISTRATORS, order=80)
navigation.register(label="Your account", url_name="accounts:my_account", policy=ANY_STAFF, order=90)
