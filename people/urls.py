"""Customer pages. Records (search, create, the record page, identity) and needs (safe
contact, privacy, markers, people around, restriction) are listed in their own modules."""

from people.urls_needs import urlpatterns as needs_patterns
from people.urls_records import urlpatterns as record_patterns

app_name = "people"

urlpatterns = record_patterns + needs_patterns
