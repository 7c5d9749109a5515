"""Settings of the Krakow international relations registry, read from the environment.

One module for every environment: development, tests and production differ only in environment
variables (see `.env.example` and the README).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or DEBUG=1 for development)."
        )
    SECRET_KEY = "development-only-insecure-key"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    # The admin with the registry's sections first (registry.sites), and django-axes under a name of its own.
    "registry.sites.RegistryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "guardian",
    "simple_history",
    "import_export",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "registry",
    "partners",
    "agreements",
    "programmes",
    "memberships",
    "institutions",
    "contacts",
    "visits",
    "correspondence",
    "agenda",
    "website",
    "exchange",
    "dashboard",
    "api",
    "registry.sites.LoginAuditConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answered before sessions, locale and CSRF are consulted, yet with the security headers.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags, and a 304 for a request that already holds the page.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    "registry.permissions.CityResponsibilityBackend",
]
# django-guardian: no anonymous user row; the public never edits anything.
ANONYMOUS_USER_NAME = None

ROOT_URLCONF = "krakow_relations.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "krakow_relations.wsgi.application"

# The cache keeps the charts drawn for the dashboard and the report, by what they show. Each process keeps its
# own by default; several share Redis through CACHE_URL=redis://127.0.0.1:6379/1 (django-redis). Redis holds
# nothing the registry cannot draw again, so Redis out of reach costs speed, never a page: every call is then
# a miss after at most half a second, and is logged.
# Mail (the daily digest, agenda): EMAIL_URL such as smtp+tls://user:password@mail.example:587; printed to
# the console when unset.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rejestr-stosunkow@krakow.example")
# The address the calendar feeds and the digest link to (they leave the request behind).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"].setdefault("OPTIONS", {}).update(
        IGNORE_EXCEPTIONS=True, SOCKET_CONNECT_TIMEOUT=0.5, SOCKET_TIMEOUT=0.5
    )
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The registry fits in memory, where a random read costs about what a sequential one does: at the default
    # cost (4) PostgreSQL scanned every activity to find a city's few. JIT took longer to compile the public
    # list's plan than to run it. Figures in docs/performance.md.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
# The registry's catalogue, then the Polish the project gives third-party apps that have none of their own
# (django-axes) or none that fits (krakow_relations/translations/README.md). makemessages writes a source's
# strings to the catalogue beside it; no source lies beside this one, so it keeps what is written by hand.
LOCALE_PATHS = [
    BASE_DIR / "registry" / "locale",
    BASE_DIR / "krakow_relations" / "translations" / "catalogues",
]
FORMAT_MODULE_PATH = ["krakow_relations.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production WhiteNoise serves what `collectstatic` wrote: names carry a hash of the content, so a file
# may be cached for ten years (Cache-Control: max-age=315360000, immutable) and a new release is a new name;
# gzip and Brotli copies are made once, at collectstatic. With DEBUG on (tests, `make run`) files come
# straight from the apps' static folders and no collectstatic is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# WhiteNoise follows DEBUG as the environment sets it, not as the test runner resets it: with DEBUG on it
# finds each file in the apps' static folders when asked; in production it indexes STATIC_ROOT once, at start.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Spreadsheet import and export in the admin: every row validated by the models, all or nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Off: it only strips a leading "=" ("==1+1" becomes the formula "=1+1") and turns every cell, numbers
# too, into text. RegistryResource quotes every formula instead (registry/formulae.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_FORMATS = [CSV, XLSX]

# The public open-data API (/api/): read-only and anonymous (no session, hence no CSRF, and cacheable),
# filtered by the same FilterSets as the pages. Its documentation (Swagger UI) comes from our static files,
# its start-up script as a file of its own, so that it runs under the site's Content-Security-Policy.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "api.schema.RegistryAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.RegistryPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.PublicBrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Krakow international relations registry — open data",
    "DESCRIPTION": (
        "The public registry of the international relations of the Royal Capital City of Krakow: partner "
        "cities and their public relations, the international associations Krakow belongs to and its EU "
        "programme participations. Read-only; country names and the addresses of the public pages follow the "
        "Accept-Language header (pl, the default, or en). Reuse is free under CC BY 4.0, naming the source: "
        '"Royal Capital City of Krakow, registry of international relations" (docs/open-data.md).'
    ),
    "VERSION": "1.0.0",
    # The open data's licence, declared here once: the site's footer, the API's Link header and the CSV read
    # it (api.licence).
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from validator.swagger.io: the page asks no other host for anything.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "RelationEnum": "partners.choices.Relation",
        "AssociationKindEnum": "memberships.choices.AssociationKind",
    },
}

# Council members and staff sign in on the site's own page (the admin's admits staff only); django-axes
# throttles both.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:overview"
LOGOUT_REDIRECT_URL = "home"

# Attachments (signed agreements, resolutions, approvals) live outside any URL the web server serves.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / ".private-media")
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 2**20)

# Krakow's centre, for the distances on the public site.
HOME_COORDINATES = (50.0614, 19.9372)

# The council's dashboard calls a partnership dormant after this many years without an activity with the city.
DORMANT_AFTER_YEARS = env.int("DORMANT_AFTER_YEARS", default=3)

# An optional tile server for the public map (e.g. https://tiles.example.org/{z}/{x}/{y}.png); without one
# the map draws the country outlines shipped with the site and asks no other host for anything.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")

# The demo registry loaded by `make run` (and by `manage.py load_demo`).
DEMO_REGISTRY_FILE = BASE_DIR / "exchange" / "data" / "krakow.json"
# The sections of the exchange format (docs/exchange-format.md), each declared by its app, in the order that
# records may refer to each other: a record refers only to records of earlier sections.
EXCHANGE_SECTIONS = [
    "partners.exchange.CITIES",
    "agreements.exchange.AGREEMENTS",
    "agreements.exchange.WORKING_DOCUMENTS",
    "memberships.exchange.ASSOCIATIONS",
    "memberships.exchange.MEMBERSHIPS",
    "memberships.exchange.AGENCIES",
    "programmes.exchange.PROGRAMME_PARTICIPATIONS",
    "institutions.exchange.DIPLOMATIC_POSTS",
    "institutions.exchange.POLISH_ORGANISATIONS",
    "programmes.exchange.ACTIVITIES",
    # People and the records that name them (docs/exchange-format.md, "Personal data").
    "contacts.exchange.CONTACTS",
    "visits.exchange.VISITS",
    "correspondence.exchange.LETTERS",
    "agenda.exchange.FOLLOW_UPS",
]

# Logs go to standard error, which systemd's journal (or a container runtime) keeps. Django's own default
# sends a production server error only to ADMINS by mail, so with none configured a 500 left no trace; here
# every logger, django.request's tracebacks included, reaches standard error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # WeasyPrint warns of every SVG presentation property it checks as HTML CSS before its SVG renderer
    # draws it after all, and of the ids repeated across the charts' SVGs: some 2,000 lines per annual report.
    # The record of each person erased or anonymised (contacts.services), kept whatever LOG_LEVEL says.
    "loggers": {
        "weasyprint": {"level": env.str("WEASYPRINT_LOG_LEVEL", default="ERROR")},
        "contacts.privacy": {"level": "INFO"},
    },
}


# Security
# Hardening of the staff admin; docs/deploy.md ("Security") describes every variable read here. With DEBUG on
# (development over plain http) the https-only settings default to off; in production they default to on.

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username from one address,
# that pair is refused for AXES_COOLOFF_MINUTES, even with the right password. Counting the pair, not the
# address alone, keeps one mistyping officer from locking out the whole office behind the same NAT.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
# axes reads a float as hours; 0 minutes must mean "until an administrator unlocks", not "never locked".
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60 if AXES_COOLOFF_MINUTES else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind nginx every request comes from the proxy's address, so the lockout would follow the username alone
# and anyone could lock a colleague out. AXES_CLIENT_IP_HEADER names the header the proxy *overwrites* with
# the client's address (nginx: `proxy_set_header X-Real-IP $remote_addr;`). Leave it unset when the
# application is reachable without the proxy: a client could then forge the header and dodge the limit.
AXES_CLIENT_IP_HEADER = env.str("AXES_CLIENT_IP_HEADER", default="")


AXES_CLIENT_IP_CALLABLE = "registry.security.client_ip"

# Sessions end when the browser closes and at the latest SESSION_COOKIE_AGE seconds (8 hours) after sign-in:
# not saving the session on every request keeps activity from extending it.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database, which every application server shares. Not `cached_db`: the cache fails soft,
# so a logout while Redis is out of reach could come back from Redis later.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# The admin takes the CSRF token from its forms, never from the cookie, so scripts need not read it.
CSRF_COOKIE_HTTPONLY = True
# Every cookie the registry sets is SameSite=Lax: never sent with another site's form posts or embedded
# requests, still sent when a person follows a link here (a link in an e-mail opens the admin signed in).
# Django's messages cookie takes the session's setting.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS only in production. Behind nginx, SECURE_PROXY_SSL_HEADER (e.g. `HTTP_X_FORWARDED_PROTO,https`) tells
# Django the original request was https; without it SECURE_SSL_REDIRECT would redirect forever.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the registry's own scripts, styles, images and fonts. Django's
# admin (lists, forms, date widgets, autocomplete) runs under it without 'unsafe-inline' or 'unsafe-eval'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
