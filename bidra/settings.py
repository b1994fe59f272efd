"""Settings for Bidra, read from environment variables with safe defaults.

Development defaults (no variables set) give a SQLite file in the project folder, console
e-mail and DEBUG on. Production sets DJANGO_ENV=production, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL; see README.md.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bidra.core.env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

_DEV_SECRET = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The grant's life, ground floor first (see tests/test_layering.py).
    "bidra.core",
    "bidra.municipalities",
    "bidra.audit",
    "bidra.accounts",
    "bidra.programmes",
    "bidra.diarium",
    "bidra.applications",
    "bidra.assessment",
    "bidra.allocation",
    "bidra.decisions",
    "bidra.payments",
    "bidra.reports",
    "bidra.network",
    "bidra.followup",
    "bidra.casework",
    "bidra.public",
    "bidra.opendata",
    "bidra.api",
    "bidra.archive",
    "bidra.privacy",
    "bidra.demo",
    # Django and libraries.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules",
    "django_otp",  # staff second factor: TOTP apps and one-time backup codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # password lockout after repeated failures
    "ninja",  # serves the API docs' assets from our own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bidra.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bidra.accounts.middleware.SessionLimitsMiddleware",
    "bidra.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "bidra.urls"
WSGI_APPLICATION = "bidra.wsgi.application"
FORM_RENDERER = "bidra.core.form_rendering.BidraFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bidra" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bidra.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite in the project folder unless DATABASE_URL is set (PostgreSQL in production).
DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'bidra.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent submissions queue
    # instead of failing with "database is locked" half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(env("CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out log-ins before any password check
    "rules.permissions.ObjectPermissionBackend",
    "bidra.permissions.ModelPermissionsBackend",  # Django's ModelBackend, leaving Bidra's rules to rules
    "bidra.accounts.oidc.EidBackend",  # e-ID over OpenID Connect; inert unless OIDC_ISSUER is set
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"  # shown and judged in Stockholm time; stored in UTC
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
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
# Attachments and other received files: never under STATIC/MEDIA, served only by
# permission-checked views.
PRIVATE_FILES_ROOT = Path(env("PRIVATE_FILES_ROOT", str(BASE_DIR / "var" / "private")))
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Cache -----------------------------------------------------------------------------------
# Per-process memory by default; set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so that rate
# limits and other cached counts are shared by every gunicorn worker.
if env("REDIS_URL", ""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL", "")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- API ---------------------------------------------------------------------------------------
API_ANON_RATE = env("API_ANON_RATE", "120/m")  # public endpoints, per client address
if env("NINJA_NUM_PROXIES", ""):
    NINJA_NUM_PROXIES = int(env("NINJA_NUM_PROXIES", "0"))  # 1 behind one reverse proxy: trust X-Forwarded-For
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@lansstyrelsen.example")
OPEN_DATA_CONTACT_EMAIL = env("OPEN_DATA_CONTACT_EMAIL", "oppnadata@lansstyrelsen.example")
GIVING360_PREFIX = env("GIVING360_PREFIX", "360G-bidra")

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Bidra <noreply@bidra.localhost>")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# --- e-ID (OpenID Connect) ------------------------------------------------------------------
# Log-in with Swedish e-legitimation through an OIDC broker (the Swedish OIDC profile). Off unless
# OIDC_ISSUER and OIDC_RP_CLIENT_ID are set; endpoints are discovered from the issuer's
# /.well-known/openid-configuration unless given explicitly. See README.md.
OIDC_ISSUER = env("OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid profile https://id.oidc.se/scope/naturalPersonNumber")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_ACR_VALUES = env("OIDC_RP_ACR_VALUES", "")  # e.g. http://id.elegnamnden.se/loa/1.0/loa3
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", True)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:eid_callback"
OIDC_CLAIM_PERSONAL_NUMBER = env("OIDC_CLAIM_PERSONAL_NUMBER", "https://id.oidc.se/claim/personalIdentityNumber")
OIDC_CLAIM_GIVEN_NAME = env("OIDC_CLAIM_GIVEN_NAME", "given_name")
OIDC_CLAIM_FAMILY_NAME = env("OIDC_CLAIM_FAMILY_NAME", "family_name")
OIDC_CLAIM_NAME = env("OIDC_CLAIM_NAME", "name")
OIDC_CLAIM_EMAIL = env("OIDC_CLAIM_EMAIL", "email")
# Key for the hash under which personal identity numbers are matched (never stored in clear).
# Set it in production: if it is empty the key is derived from SECRET_KEY, and changing
# SECRET_KEY would then unlink every e-ID.
PERSONAL_NUMBER_PEPPER = env("PERSONAL_NUMBER_PEPPER", "")
if PRODUCTION and OIDC_ISSUER and not PERSONAL_NUMBER_PEPPER:
    raise ImproperlyConfigured("PERSONAL_NUMBER_PEPPER must be set when e-ID log-in (OIDC_ISSUER) is on in production.")

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# A session lasts at most a working day and ends after an hour without activity or when the
# browser closes (bidra.accounts.middleware.SessionLimitsMiddleware enforces both limits).
SESSION_COOKIE_AGE = int(env("SESSION_MAX_AGE_SECONDS", str(8 * 60 * 60)))
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT_SECONDS", str(60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
# Agency staff log in with a password and a TOTP code (or a backup code). Switch off only on a
# small installation that accepts the risk; production keeps it on.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", True)
# Signing decisions and changing roles need a log-in or confirmation within this many seconds.
REAUTH_MAX_AGE = int(env("REAUTH_MAX_AGE_SECONDS", str(5 * 60)))
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Bidra")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds; doubles after each wrong code (1, 2, 4, 8 ...)
OTP_STATIC_THROTTLE_FACTOR = 1
# django-axes: five wrong passwords for one e-mail address from one client address lock that
# pair out; the cool-off doubles with every lockout in the last day (bidra.accounts.lockout).
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_COOLOFF_SECONDS = int(env("LOGIN_COOLOFF_SECONDS", "300"))
AXES_COOLOFF_TIME = "bidra.accounts.lockout.cool_off"
AXES_LOCKOUT_CALLABLE = "bidra.accounts.lockout.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a try while locked out neither counts nor extends
AXES_USERNAME_CALLABLE = "bidra.accounts.lockout.username_of"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "bidra.accounts.lockout.client_ip"  # honours NINJA_NUM_PROXIES behind a proxy
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp 4): scripts and styles only from our own static files, no
# inline code (a page that needs an inline script uses request.csp_nonce). A form post (linking an
# e-ID on the account page) ends in a redirect to the OIDC provider's log-in, so the issuer's origin,
# and the authorization endpoint's when it is given explicitly, are allowed as form targets.
_oidc_urls = map(urlsplit, [OIDC_ISSUER, OIDC_OP_AUTHORIZATION_ENDPOINT])
_OIDC_FORM_TARGETS = sorted({f"{url.scheme}://{url.netloc}" for url in _oidc_urls if url.netloc})
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *_OIDC_FORM_TARGETS],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint and fontTools narrate every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # one INFO line per log-in; failures are on the event path
    },
}
