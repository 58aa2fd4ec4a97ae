"""The count beside "My work" in the header: the person's open tasks.

Runs after core.context_processors.navigation and gives the same items back with the
count in the label. One indexed COUNT per page that shows the header (lazy, like the
items: a fragment without the header counts nothing), and only for people who have
work pages.
"""

from django.utils.functional import SimpleLazyObject

from core import navigation as nav
from work.permissions import TASK_WORKERS

MY_WORK_LABEL = "My work"


def _items_with_count(user, path: str) -> list[dict]:
    from work.selectors import my_open_count

    items = nav.items_for(user, current_path=path)
    count = my_open_count(user)
    for item in items:
        if item["label"] == MY_WORK_LABEL:
            item["label"] = f"{MY_WORK_LABEL} ({count})"
    return items


def my_work_count(request):
    user = getattr(request, "user", None)
    if user is None or not TASK_WORKERS.allows(user):
        return {}
    return {"navigation_items": SimpleLazyObject(lambda: _items_with_count(user, request.path))}
