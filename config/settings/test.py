"""The test suite: fast hashing, in-memory email, the same database rules as production."""

from config import env

from .base import *  # noqa: F403
from .base import DATABASES

# Argon2 is deliberately slow; tests sign in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
HAVEN_AUDIT_KEY = "haven-test-audit-key"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so the browser tests' live server shares the same database.
    # HAVEN_TEST_SQLITE lets two test runs on one machine keep out of each other's way.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / env.text("HAVEN_TEST_SQLITE", "test-haven.sqlite3"))}  # noqa: F405
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
