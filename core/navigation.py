"""The header's navigation: each app adds its entries here with the policy that guards
the page, so a person only sees links they are allowed to follow."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from core.access import Policy


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    policy: Policy
    order: int


_items: list[NavItem] = []


def register(*, label: str, url_name: str, policy: Policy, order: int) -> None:
    if any(item.url_name == url_name for item in _items):
        return
    _items.append(NavItem(label=label, url_name=url_name, policy=policy, order=order))
    _items.sort(key=lambda item: item.order)


def items_for(user, *, current_path: str) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    visible = []
    for item in _items:
        if not item.policy.allows(user):
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == href or (href != "/" and current_path.startswith(href))
        visible.append({"label": item.label, "href": href, "active": active})
    return visible
