"""Settings for every environment, read from environment variables.

APP_ENV chooses the profile: "production" (the default, so a forgotten setting fails safe),
"development" (set by `make run`) or "test" (set for the test suite). Production turns on every
secure-transport setting and refuses to start without a SECRET_KEY.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str | None = None) -> str:
    """A string setting; with no default, the variable is required."""
    value = os.environ.get(name, default)
    if value is None or value == "":
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


APP_ENV = env_str("APP_ENV", "production")
if APP_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("APP_ENV must be development, test or production.")
PRODUCTION = APP_ENV == "production"

DEBUG = False if PRODUCTION else env_bool("DEBUG", default=APP_ENV == "development")
SECRET_KEY = (
    env_str("SECRET_KEY")
    if not DEBUG
    else env_str("SECRET_KEY", "development-only-secret-key-never-used-in-production")
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "childrights.core",
    "childrights.councils",
    "childrights.framework",
    # django-allauth, for council single sign-on through OpenID Connect only (ADR 0022). Listed
    # before accounts so that accounts' admin can take allauth's admin pages away again.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "childrights.accounts",
    "childrights.programme",
    "childrights.poverty",
    "childrights.outcomes",
    "childrights.participation",
    "childrights.assessments",
    "childrights.directory",
    "childrights.myviews",
    "childrights.parenting",
    "childrights.api",
    "childrights.core.admin_site.ProgrammeTeamAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "childrights.core.middleware.content_security_policy",
    "childrights.participation.retry.keep_answers_when_the_database_is_down",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "childrights.core.middleware.signed_in_pages_not_stored",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "childrights.accounts.middleware.require_two_factor",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "childrights.urls"
WSGI_APPLICATION = "childrights.wsgi.application"

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
                "childrights.core.context_processors.page_shell",
                "childrights.core.context_processors.disclosure",
            ],
        },
    },
]

DATABASES: dict[str, Any] = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'childrights.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at the
    # start of a transaction, so concurrent writers queue instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
if APP_ENV == "test":
    # Only the test suite: a fast hash so thousands of sign-ins take seconds, not minutes.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Length and a common-password check only: composition rules make passwords weaker, not stronger.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sessions live in the database so any app server can serve any request. Idle timeout: the
# session expires after SESSION_IDLE_MINUTES without a request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "childrights.core.views.csrf_failure"

LOGIN_THROTTLE = {
    "WINDOW_MINUTES": env_int("LOGIN_THROTTLE_WINDOW_MINUTES", 15),
    "PER_ACCOUNT": env_int("LOGIN_THROTTLE_PER_ACCOUNT", 5),
    "PER_CLIENT": env_int("LOGIN_THROTTLE_PER_CLIENT", 100),
}
# Single sign-on (ADR 0022). allauth carries the OpenID Connect exchange; each council's provider
# is configured in the admin (accounts.SingleSignOn), its client secret in an environment
# variable named there. allauth's own password sign-in and sign-up are not used: only its
# OpenID Connect callback URL is routed, and both adapters close sign-up.
ACCOUNT_ADAPTER = "childrights.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "childrights.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("SSO_REQUESTS_TIMEOUT_SECONDS", 10)
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}
if APP_ENV == "test":
    # The test suite's own OpenID Connect provider (django-oauth-toolkit, a dev dependency),
    # served on loopback by the tests; never in a deployed service.
    INSTALLED_APPS.append("oauth2_provider")

# Number of proxies in front of the app that append to X-Forwarded-For; 0 trusts none.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The public API: requests a minute from one client address, counted across every app server.
PUBLIC_API_REQUESTS_PER_MINUTE = env_int("PUBLIC_API_REQUESTS_PER_MINUTE", 120)

# The public pages every page links to from the header (URL name, label).
PUBLIC_NAVIGATION = [
    ("framework:article_list", _("Your rights")),
    ("programme:partner_list", _("Partner councils")),
    ("programme:find_your_council", _("Find your council")),
    ("participation:have_your_say", _("Have your say")),
    ("assessments:register", _("Impact assessments")),
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "childrights" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static-build",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Rights at the Heart <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# For the file backend (django.core.mail.backends.filebased.EmailBackend): where it writes.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or None
# GOV.UK Notify sends email and text messages when NOTIFY_API_KEY is set (docs/deployment.md);
# without it email goes through EMAIL_BACKEND and text messages to the log.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# NOTIFY_TEMPLATE_EMAIL and NOTIFY_TEMPLATE_TEXT, and one per kind of message, e.g.
# NOTIFY_TEMPLATE_SAFETY_ALERT (childrights/core/notify.py), read as {"safety_alert": "<id>"}.
NOTIFY_TEMPLATE_IDS = {
    name.removeprefix("NOTIFY_TEMPLATE_").lower(): value.strip()
    for name, value in os.environ.items()
    if name.startswith("NOTIFY_TEMPLATE_") and value.strip()
}
# Notify allows 3,000 requests a minute for each service; every task worker shares this window.
NOTIFY_REQUESTS_PER_MINUTE = env_int("NOTIFY_REQUESTS_PER_MINUTE", 2900)
# The bearer token Notify sends with delivery receipts; unset, the callback is not served.
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")
# Where the service is reached, for links in emails sent by the task worker.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where "Exit this page" takes a child: a neutral site that gives nothing away.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# The model that groups children's written answers into themes (ADR 23): a class with
# ``participation.themes.embedding.Embedder``'s shape, loaded in process, nothing downloaded.
THEMES_EMBEDDER = env_str(
    "THEMES_EMBEDDER", "childrights.participation.themes.embedding.E5Embedder"
)
# Its threads in each worker process: 0 for one a core. Tests, which run two processes on two
# cores, take one each.
THEMES_THREADS = env_int("THEMES_THREADS", 1 if APP_ENV == "test" else 0)

TASKS = {
    "default": {
        # Tests run tasks at once unless told otherwise (the two-app-server test runs a worker).
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if APP_ENV == "test"
            else "django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default"],
    }
}

OTP_TOTP_ISSUER = "Rights at the Heart"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of drawing a PDF at INFO, and fontTools every font subset.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
