"""Small helpers for the API tests: tokens are made through the real service."""

from api import services


def token_for(user, name: str = "Test script", **kwargs) -> str:
    _, plain = services.api_token_create(actor=user, name=name, **kwargs)
    return plain


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}
