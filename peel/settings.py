"""Settings for peel: one module, read from the environment.

With no environment set, peel runs in its *embedded default*: a SQLite file in the checkout, DEBUG on
and Celery tasks executed in process. Setting ``DATABASE_URL`` and ``REDIS_URL`` gives the production
shape: PostgreSQL, Celery workers on Redis, a Redis cache, DEBUG off and every secret required.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from peel.environment import env_bool, env_int, env_list, env_mapping, env_str, is_set

BASE_DIR = Path(__file__).resolve().parent.parent

EMBEDDED = not is_set("DATABASE_URL")
DEBUG = env_bool("DEBUG", default=EMBEDDED)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", default="django-insecure-embedded-default-only-for-a-local-machine")
else:
    SECRET_KEY = env_str("SECRET_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "peel.apps.PeelAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "forces",
    "peel",
    "figures",
    "reviews",
    "review_pdf",
    "reports",
    "authoring",
    "factual_accuracy",
    "programmes",
    "publication",
    "timeline",
    "worklist",
    "api",
    "demo",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "identity",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "peel.cache_headers.NeverCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's LoginRequiredMiddleware, keeping a form posted after the session expired.
    "peel.resubmission.KeepingLoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "identity.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "identity.middleware.ProviderFormActionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A force liaison reaches their force's factual accuracy check and nothing else; after the headers'
    # middleware, so that its refusals carry them too.
    "factual_accuracy.middleware.LiaisonScopeMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peel.urls"
WSGI_APPLICATION = "peel.wsgi.application"

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
                "peel.context_processors.roles",
                "notifications.context_processors.unread",
                "identity.context_processors.single_sign_on",
            ],
        },
    },
]

if EMBEDDED:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / env_str("SQLITE_NAME", default="db.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
else:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL"),
            conn_max_age=env_int("DB_CONN_MAX_AGE", default=60),
            conn_health_checks=True,
        )
    }
    # Server-side binding lets psycopg prepare a query after its fifth use on a connection, so PostgreSQL
    # stops re-planning the joins behind every page (planning cost more than executing them). Set
    # DB_PREPARED_STATEMENTS=false behind a transaction-pooling PgBouncer older than 1.21 (docs/deploy.md).
    if env_bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
    if is_set("DATABASE_PASSWORD"):
        DATABASES["default"]["PASSWORD"] = env_str("DATABASE_PASSWORD")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis, written through to the database. Only with a cache every process
    # shares: with a per-process cache, a session ended in one process would live on in the others.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery (read by peel/celery.py through the CELERY_ namespace) -----------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
# Our tasks are idempotent: acknowledge after the work so a lost worker means redelivery, not loss.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", default=600)}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# What fills an inspection's task list on its overview (peel.tasklist): it reads every part of the
# inspection, so it lives in the app above them all.
INSPECTION_TASK_LIST = "worklist.tasklist.task_list"

# The daily digest goes out at this hour, London time (CELERY_TIMEZONE follows TIME_ZONE below).
NOTIFICATION_DIGEST_HOUR = env_int("NOTIFICATION_DIGEST_HOUR", default=7)
CELERY_BEAT_SCHEDULE = {
    "notification-digests": {
        "task": "notifications.digests_send",
        "schedule": crontab(hour=NOTIFICATION_DIGEST_HOUR, minute=0),
    },
    # Before the digest, so the day's deadline notices are in it.
    "timeline-deadlines": {
        "task": "timeline.deadlines_notify",
        "schedule": crontab(hour=env_int("TIMELINE_DEADLINES_HOUR", default=6), minute=30),
    },
}

# --- Email (notifications) ---------------------------------------------------------------------------
PEEL_SITE_URL = env_str("PEEL_SITE_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="peel@localhost")
# A report's PDF is rendered by a worker within these limits (seconds): past the soft one the render
# stops and says so; the hard one ends a worker that could not stop.
PDF_SOFT_TIME_LIMIT = env_int("PDF_SOFT_TIME_LIMIT", default=60)
PDF_TIME_LIMIT = env_int("PDF_TIME_LIMIT", default=90)
# The report PDF's author in its metadata: the inspectorate that publishes it.
PEEL_REPORT_AUTHOR = env_str(
    "PEEL_REPORT_AUTHOR", default="HM Inspectorate of Constabulary and Fire & Rescue Services"
)

# --- Authentication --------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Local passwords; while single sign-on is on, only for break-glass accounts (identity/).
    "identity.backends.LocalPasswordBackend",
    "identity.backends.ProviderBackend",
    "peel.roles.AdminRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# A form refused for its CSRF token (a login in another tab, an expired session) is offered again.
CSRF_FAILURE_VIEW = "peel.views.resubmit.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (peel/lockout.py): a username at one address gets AXES_FAILURE_LIMIT tries; one address gets
# AXES_ADDRESS_FAILURE_LIMIT across every username, so spraying a few passwords over many users is
# locked too. The first parameter set must stay the username at an address (a success clears it).
AXES_HANDLER = "peel.lockout.LimitPerParameterHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# The client's address (django-ipware, for the lockout). Behind AXES_PROXY_COUNT trusted proxies, each
# appending the address it was connected from to X-Forwarded-For, the client is the entry the first
# proxy wrote: python-ipware counts only the proxies listed in the header, which the last one (the
# REMOTE_ADDR) is not. Not strict: entries the client sent itself stand in front of our proxies' and
# are skipped, not a reason to fall back to the proxy's address. With no proxy the header is the
# client's own claim and is never read.
PROXY_COUNT = env_int("AXES_PROXY_COUNT", default=0)
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# --- The API (docs/api.md) ----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalAccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
}
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "peel API",
    "DESCRIPTION": (
        "Read an inspection's framework, sample, reviews, compiled results, judgments and findings; write "
        "evidence notes and review answers; read and post to a file's discussion; read your notifications. "
        "Authenticate with a personal access token "
        "(`Authorization: Bearer peel_...`, created under /account/tokens/) or the browser session. "
        "Every error has one shape: see the `Error` schema."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.declare_errors_and_path_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "InspectionStatusEnum": "peel.models.InspectionStatus",
        "CaseFileStatusEnum": "reviews.models.CaseFileStatus",
        "ReviewStatusEnum": "reviews.models.ReviewStatus",
        "AnswerValueEnum": "reviews.models.AnswerValue",
        "CompileStatusEnum": "reports.models.CompileStatus",
        "KindEnum": "reviews.models.ReviewKind",  # a review's kind, and a message's thread
        "MessageKindEnum": "reviews.models.MessageKind",
        "NotificationKindEnum": "notifications.models.NotificationKind",
    },
    # The documentation's assets are served by the app itself (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Internationalisation ---------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

# --- Static files: everything the browser loads is served by the app itself ------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the npm registry at install time (`make install`), never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers ----------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=8 * 3600)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Inline style attributes are needed by the SVG charts and Bootstrap's progress bars.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Only behind a TLS-terminating proxy that sets X-Forwarded-Proto (docs/deploy.md): without one the
    # header is the client's own claim, and trusting it would mark plain HTTP as secure.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"svg_style_warnings": {"()": "peel.log_filters.SvgStyleWarnings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    # Django's own loggers would print twice (their default handler and ours): send them to ours only.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint logs every layout step of a PDF at INFO: noise in the worker's and commands' output.
        # It also warns of each SVG property in the charts' style attributes: see peel.log_filters.
        "weasyprint": {"level": "WARNING", "filters": ["svg_style_warnings"]},
    },
}

# --- Single sign-on: OpenID Connect (identity/, docs/deploy.md) ------------------------------------
# On when PEEL_OIDC_ISSUER is set: the provider's endpoints and keys come from its discovery document.
# Off (the embedded default) when unset: everyone logs in with a local password.
PEEL_OIDC_ISSUER = env_str("PEEL_OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env_str("PEEL_OIDC_CLIENT_ID") if PEEL_OIDC_ISSUER else ""
OIDC_RP_CLIENT_SECRET = env_str("PEEL_OIDC_CLIENT_SECRET") if PEEL_OIDC_ISSUER else ""
PEEL_OIDC_PROVIDER_NAME = env_str("PEEL_OIDC_PROVIDER_NAME", default="your organisation")
# The claim listing a person's groups, and which group grants which peel role (any role name).
PEEL_OIDC_GROUPS_CLAIM = env_str("PEEL_OIDC_GROUPS_CLAIM", default="groups")
PEEL_OIDC_GROUP_ROLES = env_mapping("PEEL_OIDC_GROUP_ROLES", default={})
# Local accounts that may still use their password (with a second factor) while SSO is on.
PEEL_BREAK_GLASS_USERS = env_list("PEEL_BREAK_GLASS_USERS", default=[])
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint that lets the provider end its own session at sign-out
OIDC_TIMEOUT = env_int("PEEL_OIDC_TIMEOUT", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"
OTP_TOTP_ISSUER = "peel"
