"""Making and recognising personal API tokens. Pure Python: no Django, no database.

A token looks like `haven_1a2b3c4d_<43 random characters>`. The `haven_1a2b3c4d` part is
its prefix: not secret, stored, and shown in the list so a person can tell tokens apart.
Only the SHA-256 digest of the whole token is stored, never the token itself. A slow
password hash is not needed: the secret part has 256 bits of randomness, so nobody can
guess it from the digest.
"""

import hashlib
import secrets
from dataclasses import dataclass

SCHEME = "haven"
PREFIX_HEX_CHARS = 8
SECRET_BYTES = 32
# Longer than any token Haven makes; anything longer is refused before it is hashed.
MAX_LENGTH = 100


@dataclass(frozen=True)
class NewToken:
    plain: str
    prefix: str
    digest: str


def digest_of(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def generate() -> NewToken:
    prefix = f"{SCHEME}_{secrets.token_hex(PREFIX_HEX_CHARS // 2)}"
    plain = f"{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    return NewToken(plain=plain, prefix=prefix, digest=digest_of(plain))


def looks_like_a_token(value: str) -> bool:
    return bool(value) and len(value) <= MAX_LENGTH and value.startswith(f"{SCHEME}_")
