"""Reading a rendered page's form controls in tests, whatever order the markup puts
their attributes in (Django widgets and hand-written markup differ)."""

from html.parser import HTMLParser


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "select", "textarea", "p", "button"):
            self.controls.append({"tag": tag, **dict(attrs)})


def elements(page: str, **attrs: str) -> list[dict[str, str | None]]:
    """Every input, select, textarea, p or button whose attributes include `attrs`."""
    parser = _Controls()
    parser.feed(page)
    return [element for element in parser.controls if all(element.get(k) == v for k, v in attrs.items())]


def control(page: str, name: str) -> dict[str, str | None]:
    """The attributes of the one visible control named `name` (a missing one fails)."""
    found = [element for element in elements(page, name=name) if element.get("type") != "hidden"]
    assert len(found) == 1, f"{len(found)} controls named {name!r}"
    return found[0]


def checked(page: str, name: str) -> list[str]:
    """The values of the ticked radios or checkboxes named `name`, as a browser would send
    them (a checkbox with no value attribute sends "on")."""
    return [element.get("value") or "on" for element in elements(page, name=name) if "checked" in element]
