"""How django-axes finds the username in allauth's sign-in form."""


def username_from(request, credentials: dict | None = None) -> str | None:
    # allauth authenticates with {"username": …}; its form posts the field as "login".
    if credentials:
        value = credentials.get("username") or credentials.get("login")
        if value:
            return str(value).strip().lower()
    data = getattr(request, "POST", {}) or {}
    value = data.get("login") or data.get("username")
    return str(value).strip().lower() if value else None
