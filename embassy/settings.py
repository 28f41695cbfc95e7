"""Settings for the embassy communications CMS.

One settings module for every environment: production differs from a laptop
only by environment variables (documented in .env.example), never by code.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from ops import dbconfig, logs, media

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "For local development run `make run`, which turns DEBUG on."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

# Old keys, still accepted for sessions and reset links while a new
# DJANGO_SECRET_KEY takes over (README: "Rotate the secret key").
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    # The admin with a second factor (accounts/admin_site.py).
    "accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "sorl.thumbnail",
    "translations",
    "history",
    "phonenumber_field",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "accounts",
    "releases",
    "contacts",
    "services",
    "joomla",
    "demo",
    "pagecache",
    "notices",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Old Joomla addresses: looked up only when the answer is a 404.
    "joomla.middleware.LegacyRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Session limits and key rotation, for every logged-in session.
    "accounts.middleware.SessionPolicyMiddleware",
    # Then a password without the second factor counts as anonymous.
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.SecurityHeadersMiddleware",
    # Last, so that it sees the login's outcome first (django-axes' advice).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "embassy.urls"
WSGI_APPLICATION = "embassy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "embassy.context_processors.site",
                "notices.banner.crisis",
            ],
            # {% fragment %}: pieces of templates kept per content version.
            "libraries": {"fragments": "embassy.fragment_tags"},
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite needs no set-up; production sets DATABASE_URL to PostgreSQL, and
# DATABASE_REPLICA_URLS (comma-separated) to send the public site's reads to
# streaming replicas (ops/routers.py). Timeouts: see ops/dbconfig.py.
DATABASES = dbconfig.databases(
    os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    env_list("DATABASE_REPLICA_URLS"),
    conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    pool=int(os.environ.get("DJANGO_DB_POOL_SIZE", "0")),
    connect_timeout=int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3")),
    statement_timeout_ms=int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT_MS", "10000")),
)
DATABASE_ROUTERS = ["ops.routers.ReplicaRouter"] if len(DATABASES) > 1 else []
# After a write, the writer's next requests read the primary for this long
# (seconds): longer than replication lag ever is, so nobody misses their edit.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "15"))
# A replica that failed to answer is not tried again by a worker for this long
# (seconds): its reads go to another replica or the primary (ops/routers.py).
DATABASE_REPLICA_RETRY_SECONDS = int(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
# Short socket timeouts: a Redis that stopped answering fails a request in a
# second instead of holding the worker; idle connections are checked.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, reusing its client (pagecache/backends.py).
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A dead or hung Redis must fail in well under a second; what fails
            # then decides for itself (the e-mail reveal limit lets visitors through).
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_keepalive": True,
                "health_check_interval": 30,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Saving or deleting anything in these apps moves the content version on
# (pagecache/): every cached fragment and page rendered from content expires.
PAGE_CACHE_APPS = ["releases", "contacts", "services", "notices", "translations", "joomla"]
# Whole public pages, rendered once and shared by every worker through the
# cache above (pagecache/middleware.py; README "Caching"). 0 turns it off;
# validators and the headers for shared caches stay.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", default=True)
# The longest a page is kept on the server, if nothing changes before.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "86400"))
# The longest a piece of a page (a count, a detail page's rows, its sharing
# metadata) is kept per content version (embassy/fragments.py).
FRAGMENT_CACHE_SECONDS = 86400
# What changes by the clock alone: callables (now) -> the next such moment
# (pagecache/schedules.py). No page is kept, anywhere, past the earliest.
PAGE_CACHE_SCHEDULES = [
    "releases.schedules.next_publication_change",
    "releases.schedules.next_midnight",
    "contacts.schedules.next_opening_change",
    "services.schedule.next_change",
    "notices.schedule.next_change",
]
# Varnish in front (deploy/varnish/): banned on every change, so it may keep
# pages longer than browsers, which nobody can tell that a page changed.
VARNISH_URLS = env_list("VARNISH_URLS")
PAGE_CACHE_SHARED_SECONDS = int(
    os.environ.get("DJANGO_SHARED_CACHE_SECONDS", "3600" if VARNISH_URLS else "60")
)
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("DJANGO_STALE_WHILE_REVALIDATE", "30"))

# --- Staff accounts (accounts/, README "Security for operators") ------------
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out client before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ClientAddressLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("DJANGO_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Common passwords dressed up ("Password2024!", "qwerty123456"), offline.
    {"NAME": "accounts.passwords.BreachedPasswordValidator"},
]
# The number of proxies in front of the site that append to X-Forwarded-For;
# 0 trusts no header (the client's own address is REMOTE_ADDR). Every limit
# and log reads the client address through embassy/client_address.py.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if env_bool("DJANGO_BEHIND_PROXY") else "0")
)
# Login throttling (django-axes): a username at one address is locked after
# this many failures for the cooling-off time, and one address after
# LOGIN_FAILURES_PER_ADDRESS failures whatever the usernames.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "20"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "30"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "embassy.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Successes and failures go into accounts.SecurityEvent, one trail for all.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The admin: at a path of your choosing, with a second factor for everyone.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_PATH}login/"
LOGIN_REDIRECT_URL = f"/{ADMIN_PATH}"
OTP_TOTP_ISSUER = os.environ.get("EMBASSY_NAME") or "Embassy CMS"
# Passkeys (django-otp-webauthn) as a second factor, never instead of the
# password. The relying party is the host the admin is served on, unless set.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.SameOriginHelper"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("DJANGO_WEBAUTHN_ORIGINS") or [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
]
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "accounts.passkeys"
# Staff sessions: 8 hours at most, 30 minutes idle (accounts/middleware.py).
SESSION_MAX_AGE_SECONDS = int(os.environ.get("DJANGO_SESSION_MAX_AGE_SECONDS", str(8 * 3600)))
SESSION_IDLE_SECONDS = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = SESSION_MAX_AGE_SECONDS
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Password reset links work this long, once.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DJANGO_PASSWORD_RESET_SECONDS", "3600"))

# --- Languages and time ---------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("hi", _("Hindi")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["embassy.formats"]
USE_I18N = True
USE_TZ = True
# The mission's time zone: every date a visitor or an editor sees is in it.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Kolkata")

# A missing translation falls back to English (see releases/translation.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False

# Telephone numbers typed without a country code are read as Indian numbers.
PHONENUMBER_DEFAULT_REGION = "IN"

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # A failed write (full disk, unwritable folder) keeps no partial file.
    "default": {"BACKEND": "files.storage.UploadStorage"},
    "staticfiles": {
        # Hashed, compressed names: far-future caching without a web server.
        "BACKEND": "embassy.staticfiles.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Uploads: reject anything larger before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# Pages never send an upload as it was sent to us: sorl-thumbnail makes
# WebP renditions in the sizes a page needs (made once, then cached).
THUMBNAIL_FORMAT = "WEBP"
THUMBNAIL_QUALITY = 80
THUMBNAIL_UPSCALE = False
THUMBNAIL_PREFIX = "renditions/"

# --- Security -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Browsers accept __Host- cookies only when Secure, for the whole host, from
# HTTPS: no subdomain or plain-HTTP page can set or shadow them.
COOKIE_PREFIX = "__Host-" if SESSION_COOKIE_SECURE else ""
SESSION_COOKIE_NAME = f"{COOKIE_PREFIX}sessionid"
CSRF_COOKIE_NAME = f"{COOKIE_PREFIX}csrftoken"
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The preload directive only consents to listing; submitting the domain is a
# separate, deliberate step (https://hstspreload.org). Opt out with 0.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a proxy that sets this header and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Public pages need no script at all; the admin gets a nonce for its own.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # Violations are reported to accounts.views.csp_report (both mechanisms:
    # report-to for current browsers, report-uri for the others).
    "report-uri": ["/csp-report/"],
    "report-to": ["csp-endpoint"],
}


# --- E-mail ---------------------------------------------------------------
def smtp_options(url):
    """SMTP options from EMAIL_URL: smtp://user:password@host:587 (STARTTLS,
    the default on port 587; ?tls=0 turns it off) or smtps://user:password@host:465."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured("EMAIL_URL must start with smtp:// or smtps://")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    port = parts.port or (465 if parts.scheme == "smtps" else 587)
    starttls = query.get("tls", "1" if port == 587 else "0") in {"1", "true", "yes"}
    return {
        "host": parts.hostname or "localhost",
        "port": port,
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": parts.scheme == "smtps",
        "use_tls": parts.scheme == "smtp" and starttls,
    }


def smtp_options_from_variables():
    return {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
    }


if os.environ.get("EMAIL_URL"):
    MAILERS = {"default": {"OPTIONS": {**smtp_options(os.environ["EMAIL_URL"]), "timeout": 10}}}
elif os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {"default": {"OPTIONS": {**smtp_options_from_variables(), "timeout": 10}}}
else:
    # A laptop has no mail server: print mails (password resets) instead.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

ADMINS = env_list("DJANGO_ADMIN_EMAILS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- /.well-known/security.txt (RFC 9116) ---------------------------------
# Renew the expiry before it comes (a test fails 30 days ahead); RFC 9116
# advises less than a year ahead.
# Background work (e-mail alerts) goes through Django's tasks framework, stored
# in the database and run by `manage.py db_worker` (see README, "Notices and
# alerts"). Without a worker nothing is lost: tasks wait in the table.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The site's public address, for the links in e-mails (sent outside any request).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# E-mail alerts: the daily digest goes out at this hour, in TIME_ZONE.
ALERTS_DIGEST_HOUR = int(os.environ.get("ALERTS_DIGEST_HOUR", "8"))

SECURITY_TXT = {
    "contact": env_list("DJANGO_SECURITY_CONTACT", f"mailto:{DEFAULT_FROM_EMAIL}"),
    "expires": os.environ.get("DJANGO_SECURITY_TXT_EXPIRES", "2027-11-30T00:00:00Z"),
    "policy": os.environ.get("DJANGO_SECURITY_POLICY_URL", ""),
    "canonical": os.environ.get("DJANGO_SECURITY_TXT_CANONICAL", ""),
    "preferred_languages": ["en", "ru", "hi"],
}

# --- The site -------------------------------------------------------------
# The default name is shown translated; a name set in the environment as is.
EMBASSY_NAME = os.environ.get("EMBASSY_NAME") or _("Embassy of the Russian Federation in India")
# Public list pages may be cached by browsers and proxies for this long.
# Short, because a scheduled or embargoed release must reach readers when it
# goes live; revalidation is cheap (pagecache/middleware.py sends ETags).
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "60"))

# The rich-text editor: what an editor can make is exactly what the
# sanitiser keeps (the same configuration drives both).
PROSE_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "HorizontalRule": True,
    # Images inside the text (imported ones, e.g. from Joomla): src, alt,
    # width, height and data-file, the storage name (files/inline.py).
    "Image": True,
    # Not a text feature: gives the editor's own <style> the page's CSP nonce.
    "CspNonce": True,
}
# Our editor extensions: a JavaScript module each, and what the sanitiser
# should allow for them (CspNonce makes no markup, so nothing).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-editor-csp.js")],
        "extensions": {"CspNonce": html_tags([])},
    },
]

# --- Operations (ops/): health, request ids, logs, outages, media storage ---
INSTALLED_APPS += ["ops"]
MIDDLEWARE = [
    # First: the request id covers every later line; health probes are
    # answered before the host check and the HTTPS redirect (ops/health.py).
    "ops.middleware.RequestIdMiddleware",
    "ops.health.HealthMiddleware",
    # Cached pages are answered here, before sessions, users and languages.
    "pagecache.middleware.PageCacheMiddleware",
    "ops.routers.ReplicaMiddleware",
    "ops.middleware.StaleIfErrorMiddleware",
    "ops.middleware.DatabaseUnavailableMiddleware",
    *MIDDLEWARE,
]
# Accept the X-Request-ID of the proxy in front (which must overwrite the
# client's, as deploy/nginx does) only when there is such a proxy.
TRUST_PROXY_REQUEST_ID = env_bool("DJANGO_BEHIND_PROXY")
# JSON lines (one object per line) in production, readable text in development.
LOGGING = logs.config(
    level=os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    json_lines=os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json") == "json",
)

# Uploads on the local disk (default) or in an S3-compatible bucket
# (DJANGO_MEDIA_STORAGE=s3, configured by django-storages' AWS_* variables).
# Django serves uploads only in development: in production the web server
# (deploy/nginx) or the object storage does.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {"BACKEND": "ops.bucket.BucketStorage"}
    S3_SETTINGS = media.s3_settings(os.environ)
    globals().update(S3_SETTINGS)
    SERVE_MEDIA = False
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], media.public_origin(os.environ)]
    # A page carries the signed addresses of its images and documents: it is
    # kept (here, in Varnish or a CDN) for half their life at most, or it
    # would show broken images once they expire.
    SIGNED_FOR = S3_SETTINGS["AWS_QUERYSTRING_EXPIRE"]
    PAGE_CACHE_SECONDS = min(PAGE_CACHE_SECONDS, SIGNED_FOR // 2)
    PAGE_CACHE_SHARED_SECONDS = min(PAGE_CACHE_SHARED_SECONDS, SIGNED_FOR // 2)
    FRAGMENT_CACHE_SECONDS = min(FRAGMENT_CACHE_SECONDS, SIGNED_FOR // 2)
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be local or s3.")
# Thumbnails go to the same storage; which exist is kept in the database and
# the cache, never in a file of one server.
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
# Seconds a request may take before it is answered with a 503 (0: no limit):
# below gunicorn's timeout (deploy/gunicorn.conf.py), so a worker stuck on a
# frozen database answers instead of being killed.
REQUEST_DEADLINE_SECONDS = float(os.environ.get("DJANGO_REQUEST_DEADLINE", "20"))
