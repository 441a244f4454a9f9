"""Django settings for gongkai.

One module for every deployment: defaults run on one machine with SQLite,
a file cache and the database task queue; environment variables (read through
gongkai.conf, documented in docs/configuration.md) switch to PostgreSQL and Redis.
"""

import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from gongkai.conf import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))

DEFAULT_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = env("GONGKAI_SECRET_KEY", DEFAULT_SECRET_KEY)
PRODUCTION = env_bool("GONGKAI_PRODUCTION", False)
DEBUG = env_bool("GONGKAI_DEBUG", not PRODUCTION)

if PRODUCTION:
    # A production server must never run with the published default key or with
    # DEBUG pages that leak settings and data.
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "GONGKAI_PRODUCTION is on but GONGKAI_SECRET_KEY is unset, default or shorter than 32 characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("GONGKAI_PRODUCTION is on: GONGKAI_DEBUG must be off.")

ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.organisation",
    "gongkai.audit",
    "gongkai.workcalendar",
    "gongkai.security",
    "gongkai.portal",
    "gongkai.disclosure",
    "gongkai.applications",
    "gongkai.statistics",
    "gongkai.annualreport",
    "gongkai.privacy",
    "gongkai.search",
    "gongkai.sweep",
    "gongkai.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
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
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gongkai.security.middleware.StaffIdleTimeoutMiddleware",
    "gongkai.security.middleware.RequireSecondFactorMiddleware",
    "gongkai.audit.middleware.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # AxesMiddleware must be last: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Production serves collected static files itself; development uses runserver's static view.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# The public pages' cache (gongkai/portal/pagecache.py) right after the security headers and static
# files: a stored page skips the rest of the stack and carries the headers it produced.
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                  "gongkai.portal.pagecache.PublicPageCacheMiddleware")

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "gongkai.portal.context_processors.agency",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL switches to PostgreSQL (postgres://user@host:5432/name).
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The test database is created with a UTF-8 ctype so that Chinese text
        # sorts and lowercases correctly whatever the server's default is.
        DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("GONGKAI_SQLITE_PATH", str(VAR_DIR / "gongkai.sqlite3")),
            "OPTIONS": {
                # WAL lets the public site read while staff write.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use an in-memory database unless a file is named (the browser tests do:
            # the live server then has its own connection, as in production).
            "TEST": {"NAME": env("GONGKAI_SQLITE_TEST_PATH", "") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                  "KEY_PREFIX": "pages"},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        # Stored public pages (gongkai/portal/pagecache.py); culled at random beyond MAX_ENTRIES.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 3000},
        },
    }
# Seconds a public page is served from the cache at most (0 turns the page cache off); publishing,
# withdrawing or editing anything public renews the pages at once (gongkai/portal/pagecache.py).
PAGE_CACHE_SECONDS = env_int("GONGKAI_PAGE_CACHE_SECONDS", 300)
# Stored pages each server process also keeps in memory, in MB.
PAGE_CACHE_LOCAL_MB = env_int("GONGKAI_PAGE_CACHE_LOCAL_MB", 32)

# --- Background tasks (django-tasks with the database backend) -----------
TASKS = {
    "default": {
        "BACKEND": env("GONGKAI_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Authentication and staff security -----------------------------------
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("GONGKAI_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
# Lock the account, not the address: a government office shares one NAT address,
# and an attacker rotating addresses must still be stopped.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.security.views.lockout"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = env_int("GONGKAI_PROXY_COUNT", 0) or None

# Staff sessions end after this many idle minutes.
STAFF_IDLE_TIMEOUT_MINUTES = env_int("GONGKAI_STAFF_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_FAILURE_VIEW = "gongkai.security.views.csrf_failure"
OTP_TOTP_ISSUER = env("GONGKAI_OTP_ISSUER", "政务公开平台")

# --- Secure headers -------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("GONGKAI_BEHIND_TLS_PROXY") else None

# Content security policy. The Wagtail admin needs inline styles and its own
# scripts; the public site uses only same-origin files and nonces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static", BASE_DIR / "build" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads: refuse oversized files before they reach a view.
UPLOAD_MAX_BYTES = env_int("GONGKAI_UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail -----------------------------------------------------------------
EMAIL_BACKEND = env("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = env("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env("GONGKAI_FROM_EMAIL", "noreply@gongkai.invalid")

# --- Wagtail --------------------------------------------------------------
WAGTAIL_SITE_NAME = "政务公开平台"
WAGTAILADMIN_BASE_URL = env("GONGKAI_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.security.forms.StaffLoginForm"
# No Gravatar: staff pages must not call out to third-party servers (and the CSP forbids it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Interpretations published more than this many working days after their policy are listed as late
# (the report "解读发布滞后"; 0 = the interpretation is due together with the policy).
INTERPRETATION_LAG_WD = env_int("GONGKAI_INTERPRETATION_LAG_WD", 0)

# --- Disclosure applications (RULES.md §3) ----------------------------------
# Key for the applicant's ID number and identity proof at rest: a Fernet key
# (32 url-safe base64-encoded bytes). Unset, a key is derived from the secret key;
# production refuses to start without its own key.
FIELD_ENCRYPTION_KEY = env("GONGKAI_FIELD_KEY", "")
if PRODUCTION and not FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("GONGKAI_PRODUCTION is on: set GONGKAI_FIELD_KEY (a Fernet key) for identity data.")
APPLICATION_CORRECTION_DAYS = env_int("GONGKAI_CORRECTION_DAYS", 15)  # §3.2 reasonable correction period (WD)
APPLICATION_FEE_PAYMENT_DAYS = env_int("GONGKAI_FEE_PAYMENT_DAYS", 20)  # §3.2 payment period (WD)
APPLICATION_PROACTIVE_THRESHOLD = env_int("GONGKAI_PROACTIVE_THRESHOLD", 3)  # §2 Art. 44, distinct applicants
# Internal targets of the handling stages, in working days (registration → … → reply).
APPLICATION_STAGE_TARGETS = {
    stage: env_int(f"GONGKAI_STAGE_TARGET_{stage.upper()}", default)
    for stage, default in (("registration", 1), ("assigned", 10), ("review", 3), ("approval", 2), ("reply", 2))
}
APPLICATION_WARNING_DAYS = (5, 2, 0)  # §3.2: warn at 5, 2 and 0 WD before due
APPLICATION_SUBMISSIONS_PER_HOUR = env_int("GONGKAI_APPLY_PER_HOUR", 10)  # online applications per address
APPLICATION_TRACK_ATTEMPTS_PER_HOUR = env_int("GONGKAI_TRACK_PER_HOUR", 20)  # wrong tracking look-ups per address
APPLICATION_PROOF_MAX_MB = env_int("GONGKAI_PROOF_MAX_MB", 10)  # identity proof upload limit

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": env("GONGKAI_LOG_LEVEL", "WARNING")},
}
