"""Collegium settings: one module, every value read from the environment.

See README.md "Configuration" for the variables. SQLite is used unless
DATABASE_URL is set (for example postgres://user@127.0.0.1:5432/collegium).
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from collegium.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = env_bool("DEBUG", False)

_DEV_SECRET = "collegium-development-only-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "collegium.accounts",
    "collegium.audit",
    "collegium.notifications",
    "collegium.calendars",
    "collegium.schools",
    "collegium.context",
    "collegium.clusters",
    "collegium.people",
    "collegium.frameworks",
    "collegium.selfevaluation",
    "collegium.reviews",
    "collegium.reports",
    "collegium.allocations",
    "collegium.quality",
    "collegium.consistency",
    "collegium.surveys",
    "collegium.calibration",
    "collegium.improvement",
    "collegium.support",
    "collegium.complaints",
    "collegium.termdates",
    "collegium.safeguarding",
    "collegium.voice",
    "ninja",  # the API library (ADR 0020): its docs page template and static files
    "collegium.api",
    "collegium.privacy",
    "collegium.demo",
]

# The home page's to-dos: each app's to_dos(user, today) (collegium/todo.py). Add yours here.
TODO_SOURCES = [
    "collegium.complaints.todos.to_dos",
    "collegium.clusters.todos.to_dos",
    "collegium.people.todos.to_dos",
    "collegium.reports.todos.to_dos",
    "collegium.reviews.todos.to_dos",
    "collegium.quality.todos.to_dos",
    "collegium.calibration.todos.to_dos",
    "collegium.support.selectors.todos.to_dos",
    "collegium.improvement.selectors.todos.to_dos",
    "collegium.safeguarding.todos.to_dos",
    "collegium.allocations.todos.to_dos",
    "collegium.schools.todos.to_dos",
    "collegium.notifications.todos.to_dos",
]

# Daily tasks of apps above improvement in the layers, each an `enqueue_daily_task()` that says
# whether it queued today's run; `manage.py run_scheduler` calls them once a day.
DAILY_TASKS = ["collegium.privacy.tasks.enqueue_daily_task"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "collegium.middleware.PrivatePagesMiddleware",
    "collegium.middleware.SignInWhenDeniedMiddleware",
]

ROOT_URLCONF = "collegium.urls"
WSGI_APPLICATION = "collegium.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "collegium" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "collegium.jinja2.environment",
            "context_processors": ["django.template.context_processors.csp"],  # csp_nonce
        },
    },
    {
        # Only the Django admin (network admins' back office) uses Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'collegium.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "collegium" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

_MAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 25),
    "username": env_str("EMAIL_HOST_USER", ""),
    "password": env_str("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", False),
    # Seconds to wait for the mail server: a silent one must not hold a page or the worker.
    "timeout": env_int("EMAIL_TIMEOUT", 10),
}
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _MAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Collegium <no-reply@collegium.localhost>")
# The address people reach the service at, for links in emails (no trailing slash needed).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None)  # links in emails

# Behind HTTPS in production; DEBUG runs (make run) stay on plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Scripts only from Collegium itself or carrying this response's nonce. Styles allow inline
# attributes because the charts are matplotlib SVGs drawn inline, styled by attribute.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SESSION_COOKIE_HTTPONLY = True

# `migrate` loads the shipped frameworks, audit templates and question banks (ADR 0022); the
# tests turn it off (collegium/pytest_plugin.py) so each test starts from an empty register.
SHIPPED_DATA_ON_MIGRATE = env_bool("SHIPPED_DATA_ON_MIGRATE", True)
# Where the national DfE/Ofsted files live (the import command's default).
SHARED_DATA_DIR = Path(env_str("SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
# Years back that count as "the last review cycle" for automatic conflicts (P4).
REVIEW_CYCLE_YEARS = env_int("REVIEW_CYCLE_YEARS", 2)
# Years after leaving a school during which former employment is a conflict (P4).
FORMER_EMPLOYMENT_YEARS = env_int("FORMER_EMPLOYMENT_YEARS", 5)
# School working days a reviewer has to confirm or decline a place an allocation gave them.
PLACE_CONFIRM_DAYS = env_int("PLACE_CONFIRM_DAYS", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Sign-in protection
# django-axes counts failed sign-ins in the database (shared by every gunicorn process): 5 for
# one email address, or from one network address, lock it out for 15 minutes, without checking
# the password. Choosing a new password through the emailed link ends the account's lock-out.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: turns a lock-out into its page
AUTHENTICATION_BACKENDS = [
    "collegium.accounts.protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes from the failure that locked it
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # "wait 15 minutes" stays true
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "collegium.accounts.protection.typed_email"
AXES_CLIENT_IP_CALLABLE = "collegium.accounts.protection.client_address"
AXES_LOCKOUT_CALLABLE = "collegium.accounts.protection.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of every sign-in's address; the audit log is ours
AXES_VERBOSE = False  # no banner from every process
# How many proxies add X-Forwarded-For in front of the service (the load balancer is one);
# 0 reads the connection's own address. Wrong in one direction, every visitor shares the load
# balancer's address; in the other, a visitor can forge theirs.
SIGN_IN_TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0 if DEBUG else 1)
# The Django admin shows nothing the service's pages do not; it is served only when asked for.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", DEBUG)
# Argon2id first: memory-hard, and about half PBKDF2's CPU time per sign-in at Django's
# strength; PBKDF2 hashes still work and are upgraded at the person's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGGING["loggers"] = {"axes": {"level": "WARNING"}}  # failures and lock-outs, not every sign-in
