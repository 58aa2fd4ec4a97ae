from core import navigation
from directory.permissions import DIRECTORY_READERS

navigation.register(label="Find help", url_name="directory:search", policy=DIRECTORY_READERS, order=40)
