"""Settings shared by every environment. Environment-specific files import this."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from config import databases, env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.text("DJANGO_SECRET_KEY", "haven-local-development-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "pgtrigger",
    "crispy_forms",
    "crispy_forms_gds",
    "django_q",
    "core",
    "accounts",
    "audit",
    "api",
    "people",
    "protocols",
    "work",
    "consent",
    "disclosures",
    "directory",
    "incidents",
    "django_eventstream",
]

MIDDLEWARE = [
    # First, so it runs after every other middleware is done with the response.
    "core.middleware.ReleaseConnectionsForStreamsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Before the session limits and the MFA check, which tell the person why with a message.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.NoStoreMiddleware",
    "core.middleware.RequestContextMiddleware",
    # Axes must be last so it sees the outcome of sign-in attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                # After navigation: adds the count to "My work" (work/context_processors.py).
                "work.context_processors.my_work_count",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# With no DATABASE_URL Haven runs on an embedded SQLite file (architecture: embedded
# default, real production path). SQLite gets WAL and IMMEDIATE transactions so that
# concurrent writers queue instead of failing half-way through a transaction.
SQLITE_PATH = BASE_DIR / env.text("HAVEN_SQLITE_FILE", "haven.sqlite3")
# PostgreSQL connections come from a pool in each process (config/databases.py says
# why). HAVEN_DB_POOL_SIZE is the most one process holds: web workers x machines x size,
# plus the task workers', must stay under PostgreSQL's max_connections; 0 turns pooling off.
DB_POOL_SIZE = env.integer("HAVEN_DB_POOL_SIZE", 10)


def _database(url: str) -> dict:
    return databases.from_url(url, pool_size=DB_POOL_SIZE)


DATABASES = {"default": _database(env.text("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"))}
# A PostgreSQL read replica for reports (docs/scaling.md): only reads wrapped in
# config.db_router.reading_from_replica() go there; tests read it as the primary.
DATABASE_REPLICA_URL = env.optional("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **_database(DATABASE_REPLICA_URL),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.db_router.ReportReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Sign-in, MFA and lockout ------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out attempts before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.HavenAuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "accounts.adapters.StaffAccountAdapter"
MFA_ADAPTER = "accounts.adapters.EncryptingMFAAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True
# Axes locks out wrong passwords (by username and address); accounts.adapters switches
# allauth's own password limit off so people meet one lockout with one message. allauth's
# other limits stay on: above all "login_failed", which also counts wrong authenticator
# codes (5 per person in 5 minutes), so a known password cannot lead to guessing codes.
# "login" (every sign-in from one address) is off: a whole office shares one address at 9am.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": "10/m/ip,5/300s/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Haven"
# Accept the code from one 30-second step either side (RFC 6238, section 5.2): a person
# reading the code at second 28 and pressing Continue at second 33 is not wrong.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
MFA_TRUST_ENABLED = False
# "Last seen" on the sessions page. Tracked by accounts.middleware.SessionTimeoutMiddleware
# once a minute, with the idle clock, instead of allauth's UserSessionsMiddleware, which
# writes to the database on every request.
USERSESSIONS_TRACK_ACTIVITY = True

# Lock out a username from one address, never a username everywhere: an attacker who
# guesses at someone's username from elsewhere cannot lock that person out of their work.
AXES_FAILURE_LIMIT = env.integer("HAVEN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("HAVEN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_from"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# How many proxies (load balancer, ingress) stand in front of Haven and append to
# X-Forwarded-For. 0 means Haven faces the network and REMOTE_ADDR is the client.
HAVEN_TRUSTED_PROXY_COUNT = env.integer("HAVEN_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = HAVEN_TRUSTED_PROXY_COUNT
AXES_VERBOSE = False

# Idle and absolute session limits (issue 2): configurable, enforced on the server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
HAVEN_SESSION_IDLE_MINUTES = env.integer("HAVEN_SESSION_IDLE_MINUTES", 30)
HAVEN_SESSION_ABSOLUTE_HOURS = env.integer("HAVEN_SESSION_ABSOLUTE_HOURS", 10)
SESSION_COOKIE_AGE = HAVEN_SESSION_ABSOLUTE_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Audit trail ------------------------------------------------------------------
# The HMAC key that chains audit events. Production must set its own; see production.py.
HAVEN_AUDIT_KEY = env.text("HAVEN_AUDIT_KEY", "haven-local-audit-key-not-secret")

# The key that encrypts secrets at rest (authenticator secrets; HKDF derives one key per
# purpose from it). Production must set its own; see production.py.
HAVEN_FIELD_KEY = env.text("HAVEN_FIELD_KEY", "haven-local-field-key-not-secret")
# Sensitive free text (marker reasons, notes) is encrypted at rest with
# django-fernet-encrypted-fields. It encrypts with the first key and decrypts with any, so
# a key is rotated by putting the new one first in HAVEN_FIELD_KEYS_OLD's place:
# HAVEN_FIELD_KEY=new, HAVEN_FIELD_KEYS_OLD=old, then `manage.py reencrypt_fields`.
SALT_KEY = [HAVEN_FIELD_KEY, *env.listing("HAVEN_FIELD_KEYS_OLD", [])]

# --- Protocols -----------------------------------------------------------------------
# Where the versioned protocol definitions are read from (protocols/README.md). Tests point
# it at a folder holding more versions than the real protocols have yet.
PROTOCOL_DEFINITIONS_DIR = BASE_DIR / "protocols" / "definitions"

# --- Security headers ---------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Static files: GOV.UK Frontend comes from npm at set-up, never from the repo ------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
GOVUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [BASE_DIR / "static", ("govuk", GOVUK_FRONTEND_DIST)]
# GOV.UK Frontend's stylesheet asks for its fonts and images at /assets/.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded signed forms of authority (consent/). Never served as static or media files:
# there is no MEDIA_URL route; they are downloaded only through an access-checked, audited view.
MEDIA_ROOT = BASE_DIR / env.text("HAVEN_MEDIA_ROOT", "media")
HAVEN_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Background work (django-q2): the database is the broker unless REDIS_URL is set ---
REDIS_URL = env.optional("REDIS_URL")
Q_CLUSTER = {
    "name": "haven",
    "workers": 2,
    "timeout": 60,
    "retry": 120,
    "catch_up": False,
    "orm": "default",
}
if REDIS_URL:
    Q_CLUSTER.pop("orm")
    Q_CLUSTER["redis"] = REDIS_URL

# --- The cache: where allauth keeps its sign-in rate limits and marks each authenticator
# code used (so a code cannot be replayed). Django's default is memory inside one process,
# which is right for one process only: behind a load balancer every web process must share
# it, or a used code is accepted again by the next process and each process counts wrong
# codes on its own (docs/scaling.md). HAVEN_CACHE_URL (a Redis URL, e.g.
# redis://cache-host:6379/1) is kept apart from REDIS_URL on purpose: a cache may be
# flushed, a task queue must not be.
HAVEN_CACHE_URL = env.optional("HAVEN_CACHE_URL")
if HAVEN_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": HAVEN_CACHE_URL,
            "KEY_PREFIX": "haven",
        }
    }

# --- Live incidents: server-sent events (django-eventstream) ----------------------------
# Channels are `incident-<id>` (screens following an incident) and `user-<id>` (a person's
# support-partner alerts); incidents/channels.py lets each be read only by who may. Events
# carry ids and versions, never a customer's words, and are not stored: a screen that
# (re)connects reads the current state through the permission-checked endpoints, so no
# event store (EVENTSTREAM_STORAGE_CLASS) is needed to catch up. With REDIS_URL set,
# events go through Redis publish/subscribe, so a save in one process reaches a stream
# held open by another; without it, within the one process `make run` serves.
EVENTSTREAM_CHANNELMANAGER_CLASS = "incidents.channels.IncidentChannelManager"
if REDIS_URL:
    from redis.connection import parse_url

    EVENTSTREAM_REDIS = parse_url(REDIS_URL)
# Nobody accepted a support-partner alert in this many seconds: it also goes to the
# worker's team leader and deputy manager (issue 8: "configurable, default 60 seconds").
HAVEN_SUPPORT_ALERT_ESCALATE_SECONDS = env.integer("HAVEN_SUPPORT_ALERT_ESCALATE_SECONDS", 60)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.text("HAVEN_FROM_EMAIL", "haven@localhost")
# Reminders and escalations go by GOV.UK Notify when a key is set, by EMAIL_BACKEND
# otherwise (work/notify.py). The template takes ((subject)) and ((body)).
GOVUK_NOTIFY_API_KEY = env.optional("GOVUK_NOTIFY_API_KEY")
GOVUK_NOTIFY_TEMPLATE_ID = env.text("GOVUK_NOTIFY_TEMPLATE_ID", "")

HAVEN_SERVICE_NAME = "Haven"
# A web process loads the offline postcode and council lists before its first request
# (config/asgi.py; about 4 s and 150 MiB), so no customer's page waits for them.
# HAVEN_WARM_POSTCODES=false starts faster and loads them as pages need them.
HAVEN_WARM_POSTCODES = env.boolean("HAVEN_WARM_POSTCODES", True)

# MR tracker (work/services_appeals.py): chase a missing MRN this many calendar days after
# the MR was lodged; remind of the SSCS1 appeal deadline these many working days before it.
HAVEN_CHASE_MRN_AFTER_DAYS = env.integer("HAVEN_CHASE_MRN_AFTER_DAYS", 28)
HAVEN_APPEAL_REMINDER_WORKING_DAYS = [
    int(days) for days in env.listing("HAVEN_APPEAL_REMINDER_WORKING_DAYS", ["10", "5", "2"])
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("HAVEN_LOG_LEVEL", "WARNING")},
}
