"""Django settings for gongshi. Environment values come from portal.env only: every value it reads is a setting
of the same name here (SECRET_KEY, SEARCH_URL, SNAPSHOT_DIR, …), taken over in one statement, never copied by
hand; the rest of this file derives Django's own settings from them."""
import dj_database_url

from portal import env

globals().update(env.values())
BASE_DIR = env.BASE_DIR

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "apps.common",
    "apps.publication",
    "apps.records",
    "apps.lists",
    "apps.ingestion",
    "apps.demo",
    "apps.searchsync",
    "apps.access",
    "apps.api",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "apps.stats",
    "apps.reports",
    "apps.web",
    "axes",
    "csp",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.SafeMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ServiceUnavailableMiddleware",
    # Last, as django-axes asks: counts failed staff logins and locks the address out.
    "axes.middleware.AxesMiddleware",
]

# The data API under API_PREFIX runs through this shorter stack (portal/wsgi.py): no sessions, cookies, CSRF
# (DRF views are exempt anyway), locale or static files there.
API_PREFIX = "/api/v1/"
API_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.RefuseNulMiddleware",
    "portal.middleware.RefuseNulMiddleware",
    "portal.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.ServiceUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction begins, so two writers (an import and the sweep)
        # queue instead of failing with "database is locked" on lock upgrade; WAL lets readers go on meanwhile.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            # A 64 MiB page cache: the default 2 MiB thrashes on the random-key unique indexes during imports.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
        }
    return config


DATABASES = {"default": _database(env.DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and DATABASES["default"]["NAME"] != ":memory:":
    # The default SQLite file lives under var/, which a fresh clone does not have yet.
    from pathlib import Path

    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long a request waits on Redis before going without it (portal/outages.py): a cache and counters that
# answer in about a millisecond, or not at all.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
if env.REDIS_URL:
    CACHES = {"default": {"BACKEND": "portal.cache.DegradingRedisCache", "LOCATION": env.REDIS_URL,
                          "OPTIONS": REDIS_TIMEOUTS}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if env.BEHIND_PROXY:
    # Production behind nginx terminating TLS (docs/deploy.md): HTTPS only, secure cookies, HSTS for a year.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP inside the network
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True

_DEVELOPMENT_KEYS = {"SECRET_KEY": "dev-only-insecure-key-change-me-in-production",
                     "ID_HASH_KEY": "dev-only-id-hash-key"}
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}
if not env.DEBUG and (env.BEHIND_PROXY or set(env.ALLOWED_HOSTS) - _LOCAL_HOSTS):
    # Served beyond this machine: the development keys would let anyone forge sessions or recompute the keyed
    # hashes of ID numbers. Refuse to start rather than run with them.
    from django.core.exceptions import ImproperlyConfigured

    for _name, _development in _DEVELOPMENT_KEYS.items():
        if getattr(env, _name) == _development:
            raise ImproperlyConfigured(f"{_name} is the development key; set your own (docs/deploy.md)")

# Staff logins: an address is locked out for an hour after 5 failed attempts (django-axes), by the client
# address rate limits use (behind TRUSTED_PROXIES).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "apps.access.clients.login_client_address"

# Content-Security-Policy on every page: our own scripts, styles, images and fonts only; no inline script or
# style, no framing, forms posting to this site only (django-csp).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": [SELF], "script-src": [SELF], "style-src": [SELF], "img-src": [SELF, "data:"],
    "font-src": [SELF], "connect-src": [SELF], "object-src": [NONE], "base-uri": [SELF], "form-action": [SELF],
    "frame-ancestors": [NONE],
}}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A refused form (a missing or stale CSRF token) gets a page of the site in the visitor's language.
CSRF_FAILURE_VIEW = "portal.error_pages.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.api.errors.handle",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gongshi open-data API",
    "DESCRIPTION": "双公示 records and red, black and watch lists. Keys: `Authorization: Api-Key <key>` or "
                   "`X-API-Key`. Errors are problem details. Every response carries RateLimit headers.",
    "VERSION": "1",
    # The data's terms, as the About page states them.
    "LICENSE": {"name": "Public government information: reuse citing this portal and the deciding authority; "
                        "remove items whose publication has ended", "url": "/about/"},
    # Relative: the schema is right on whichever host serves it.
    "SERVERS": [{"url": "/", "description": "this portal"}],
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (drf-spectacular-sidecar), not a CDN: works offline, and no script
    # from elsewhere runs on our origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "apps.api.schema.add_problem_responses"],
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models use fields called category and status with different choices; name each set once.
    "ENUM_NAME_OVERRIDES": {
        "PartyCategoryEnum": "apps.records.enums.PartyCategory",
        "LicenceCategoryEnum": "apps.records.enums.LicenceCategory",
        "DecisionStatusEnum": "apps.records.enums.DecisionStatus",
        "ListEntryStatusEnum": "apps.lists.enums.EntryStatus",
    },
}

# Folder of the committed demo provider files that `manage.py load_demo` imports.
DEMO_DATA_DIR = BASE_DIR / "fixtures" / "demo"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.LOG_LEVEL},
    # The search clients log every request at INFO; their warnings and errors still come through.
    "loggers": {name: {"level": "WARNING"} for name in ("opensearch", "elastic_transport", "axes")},
}
