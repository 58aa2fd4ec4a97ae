"""Production: every secret from the environment, HTTPS only, no debug output."""

from config import env

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.text("DJANGO_SECRET_KEY")
HAVEN_AUDIT_KEY = env.text("HAVEN_AUDIT_KEY")
HAVEN_FIELD_KEY = env.text("HAVEN_FIELD_KEY")
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env.listing("CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = env.boolean("HAVEN_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-haven-session"
CSRF_COOKIE_NAME = "__Host-haven-csrf"

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
