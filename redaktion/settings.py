"""
Settings for Redaktion, read from the environment.

Every value comes through one of the small typed readers below, which raise
ImproperlyConfigured with a sentence a person can act on. The defaults give the
embedded mode: SQLite and media in the data folder, no server to install.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use 1 or 0 (also true/false, yes/no, on/off)."
    )


def env_int(name, default, *, minimum=None):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name, *, schemes):
    raw = env_str(name)
    if not raw:
        return ""
    scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
    if scheme not in schemes:
        allowed = ", ".join(f"{s}://" for s in schemes)
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a URL Redaktion understands; it must start with {allowed}."
        )
    return raw


DATA_DIR = Path(env_str("REDAKTION_DATA_DIR", "redaktion-data")).expanduser().absolute()
SECRET_KEY_FILE = DATA_DIR / "secret_key"

DEBUG = env_bool("REDAKTION_DEBUG", False)


def _secret_key():
    key = env_str("REDAKTION_SECRET_KEY")
    if key:
        return key
    try:
        key = SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        key = ""
    except OSError as exc:
        raise ImproperlyConfigured(
            f"The secret key file {SECRET_KEY_FILE} cannot be read: {exc.strerror}."
        ) from None
    if not key:
        raise ImproperlyConfigured(
            f"No secret key: set REDAKTION_SECRET_KEY, or run `redaktion serve` or `redaktion demo` "
            f"once to create {SECRET_KEY_FILE}."
        )
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("REDAKTION_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("REDAKTION_CSRF_TRUSTED_ORIGINS")
BASE_URL = env_url("REDAKTION_BASE_URL", schemes=("http", "https")) or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "redaktion.core",
    "redaktion.images",
    "redaktion.news",
    "redaktion.demo",
    "redaktion.readership",
    "redaktion.comments",
    "redaktion.discovery",
    "django_tasks",
    "redaktion.wordpress",
    "redaktion.syndication",
    "django.contrib.sitemaps",
    "redaktion.pagecache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # WordPress import: old /?p=123 links answer with a 301 before any page (or the
    # page cache) can serve the home page for them.
    "redaktion.wordpress.middleware.LegacyQueryRedirectMiddleware",
    "redaktion.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "redaktion.urls"
WSGI_APPLICATION = "redaktion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "redaktion.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = env_url("DATABASE_URL", schemes=("sqlite", "postgres", "postgresql", "pgsql"))
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "redaktion.sqlite3"),
    }
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE transactions
    # make concurrent writers queue instead of failing with "database is locked".
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("REDAKTION_CACHE_PREFIX", "redaktion"),
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]

TIME_ZONE = env_str("REDAKTION_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files carry a content hash in their names, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 31536000
# Only the hashed names are kept, and compressed (brotli and gzip) once, at collect time.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# In the embedded mode WhiteNoise serves files straight from the app folders;
# `redaktion serve` collects them once with hashed names.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("REDAKTION_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("REDAKTION_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("REDAKTION_HSTS_SECONDS", 31536000, minimum=0)
    # Only if every subdomain is served over HTTPS too; preload only if the newsroom
    # also submits the domain to the browsers' preload list.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("REDAKTION_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("REDAKTION_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# W019: the Wagtail admin shows previews in a frame of its own pages, so frames stay
# allowed from the same origin (X_FRAME_OPTIONS = "SAMEORIGIN").
SILENCED_SYSTEM_CHECKS = ["security.W019", *env_list("REDAKTION_SILENCED_CHECKS")]

EMAIL_BACKEND = env_str(
    "REDAKTION_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("REDAKTION_FROM_EMAIL", "redaktion@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("REDAKTION_LOG_LEVEL", "WARNING")},
}

# Page cache: anonymous GET/HEAD of public pages, shared by all processes
# (a SQLite file in the data folder, or Redis). Browsers and CDNs may keep a page
# this many seconds; the live parts (counts) are current only in fresh copies.
PAGE_CACHE_BROWSER_MAX_AGE = env_int("REDAKTION_BROWSER_MAX_AGE", 60, minimum=0)
PAGE_CACHE_SHARED_MAX_AGE = env_int("REDAKTION_CDN_MAX_AGE", 60, minimum=0)
PAGE_CACHE_PRIVATE_PREFIXES = ["/admin/", "/static/", "/media/", "/dokumente/", "/healthz"]
PAGE_CACHE_PREFIX = env_str("REDAKTION_CACHE_PREFIX", "redaktion")
# The longest a cached page lives: bounds what only the clock changes.
PAGE_CACHE_TTL = env_int("REDAKTION_PAGE_CACHE_TTL", 300, minimum=1)

# Wagtail
SITE_NAME = env_str("REDAKTION_SITE_NAME")
WAGTAIL_SITE_NAME = SITE_NAME or "Redaktion"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAILIMAGES_IMAGE_MODEL = "images.CreditedImage"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Wagtail's database backend, minus a full-table pass on every save (see core/search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "redaktion.core.search"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
# Privacy: the admin must not fetch avatars from a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Syndication (redaktion.syndication): feeds carry the teaser, or with
# REDAKTION_FEED_FULL_TEXT=1 the whole article; feeds and sitemaps may be kept
# by browsers and CDNs for REDAKTION_SYNDICATION_MAX_AGE seconds.
REDAKTION_FEED_FULL_TEXT = env_bool("REDAKTION_FEED_FULL_TEXT", False)
REDAKTION_FEED_ITEMS = env_int("REDAKTION_FEED_ITEMS", 20, minimum=1)
REDAKTION_SYNDICATION_MAX_AGE = env_int("REDAKTION_SYNDICATION_MAX_AGE", 300, minimum=0)

# Discovery (search index, related articles): recomputed after publish as a background
# task. The ImmediateBackend runs it right after the publishing transaction commits
# (the signal enqueues it on commit), which suits the embedded mode; a deployment with a
# worker sets REDAKTION_TASKS_BACKEND to a queueing backend's import path.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "REDAKTION_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Comments (redaktion.comments): closed N days after publication (0: never);
# a form must be at least MIN seconds and at most MAX_FORM_AGE seconds old when sent;
# a client (a keyed hash, never the IP) may post RATE_LIMIT comments per RATE_WINDOW
# seconds, and its hash is deleted after HASH_RETENTION_DAYS. NOTIFY: extra addresses
# told of waiting comments, besides everyone allowed to moderate them.
REDAKTION_COMMENTS_CLOSE_AFTER_DAYS = env_int("REDAKTION_COMMENTS_CLOSE_AFTER_DAYS", 30, minimum=0)
REDAKTION_COMMENTS_MIN_FILL_SECONDS = env_int("REDAKTION_COMMENTS_MIN_FILL_SECONDS", 4, minimum=0)
REDAKTION_COMMENTS_MAX_FORM_AGE = env_int("REDAKTION_COMMENTS_MAX_FORM_AGE", 86400, minimum=60)
REDAKTION_COMMENTS_RATE_LIMIT = env_int("REDAKTION_COMMENTS_RATE_LIMIT", 5, minimum=1)
REDAKTION_COMMENTS_RATE_WINDOW = env_int("REDAKTION_COMMENTS_RATE_WINDOW", 600, minimum=1)
REDAKTION_COMMENTS_MAX_LINKS = env_int("REDAKTION_COMMENTS_MAX_LINKS", 2, minimum=0)
REDAKTION_COMMENTS_HASH_RETENTION_DAYS = env_int(
    "REDAKTION_COMMENTS_HASH_RETENTION_DAYS", 7, minimum=1
)
REDAKTION_COMMENTS_NOTIFY = env_list("REDAKTION_COMMENTS_NOTIFY")

# Readership (redaktion.readership): one view per visitor and article within
# REDAKTION_VIEW_WINDOW seconds (at most a day: the hashing secret changes daily).
# Behind a CDN, REDAKTION_VIEW_BEACON=1 lets the page count itself with a same-origin
# beacon instead; behind a reverse proxy, REDAKTION_CLIENT_IP_HEADER names the header
# (e.g. X-Forwarded-For) whose last address is the reader's.
READERSHIP_WINDOW = env_int("REDAKTION_VIEW_WINDOW", 86400, minimum=60)
if READERSHIP_WINDOW > 86400:
    raise ImproperlyConfigured(
        f"REDAKTION_VIEW_WINDOW={READERSHIP_WINDOW} is longer than a day; use at most 86400."
    )
READERSHIP_BEACON = env_bool("REDAKTION_VIEW_BEACON", False)
# Views wait this many seconds in each process before one batched write (0: write
# each at once); a crashed process loses at most these seconds of its views.
READERSHIP_BUFFER_SECONDS = env_int("REDAKTION_VIEW_BUFFER_SECONDS", 1, minimum=0)
# A page filled with live parts may be reused for this long within one process: view
# counts are not written more often than READERSHIP_BUFFER_SECONDS anyway.
PAGE_CACHE_LIVE_SECONDS = READERSHIP_BUFFER_SECONDS
READERSHIP_CLIENT_IP_HEADER = env_str("REDAKTION_CLIENT_IP_HEADER")
