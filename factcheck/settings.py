"""Settings for the Factcheck desk, read from the environment.

Development needs nothing set: SQLite in the project folder, DEBUG on, a
throwaway secret key. With DJANGO_DEBUG=0 the desk refuses to start unless a
real secret key and the allowed hosts are given, and turns on HTTPS-only
cookies, HSTS and the SSL redirect, so that `manage.py check --deploy` is clean.

`make run` sets DJANGO_DEBUG=0 with DJANGO_LOCAL_TRIAL=1: the desk as it is served (its own 404 page,
no debug pages), on plain http on this machine only.

Production variables, besides DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS:
  DJANGO_ADMIN_PATH                 where the admin lives (default "admin/")
  DJANGO_SECURE_SSL_REDIRECT        0 when a proxy already redirects to HTTPS (default 1)
  DJANGO_SECURE_PROXY_SSL_HEADER    "HTTP_X_FORWARDED_PROTO,https" when a proxy terminates TLS
  DJANGO_SECURE_HSTS_SECONDS        HSTS max-age (default one year; 0 turns HSTS off)
  DJANGO_SECURE_HSTS_PRELOAD        0 to leave the domain out of browsers' preload lists
  DJANGO_CSRF_TRUSTED_ORIGINS       extra origins allowed to POST, e.g. https://desk.example
  REDIS_URL                         the cache all processes share, e.g. redis://127.0.0.1:6379/0
  REDIS_TIMEOUT_MS                  longest wait to connect to Redis or for its answer (default 250)
  REDIS_RETRY_SECONDS               after Redis fails, serve without it this long before asking again (default 2)
  DJANGO_AXES_FAILURE_LIMIT         failed logins before a lockout (default 5)
  DJANGO_AXES_COOLOFF_MINUTES       how long a lockout lasts (default 30)
  DJANGO_TRUSTED_PROXY_COUNT        proxies in front of the desk that add X-Forwarded-For (nginx: 1)
  FACTCHECK_ORGANIZATION_NAME       required: who signs the fact-checks
  FACTCHECK_ORGANIZATION_URL        required: the desk's public address, e.g. https://factcheck.example.org/
  FACTCHECK_ORGANIZATION_SOCIAL_HANDLE  optional @handle for social cards
  FACTCHECK_FETCH_*                 limits of URL imports (see the end of this file and factcheck/fetching.py)
  FACTCHECK_CDN_CACHE_SECONDS       how long a CDN may serve a public page without asking (default 0)
  FACTCHECK_CDN_STALE_SECONDS       how long past that it may serve it while it asks (default 30)
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but the usual spellings is an error."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (or true/false), not {value!r}.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)
# `make run`: the desk as readers and staff get it (DEBUG off: a mistyped address gets the desk's own
# 404 page, never Django's debug page), tried on this machine over plain http: no HTTPS redirect, HSTS or
# HTTPS-only cookies, the development organisation allowed, static files served from the source folders.
LOCAL_TRIAL = envbool("DJANGO_LOCAL_TRIAL", False) and not DEBUG
_LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = envstr("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", _LOCAL_HOSTS if DEBUG or LOCAL_TRIAL else [])
if LOCAL_TRIAL and set(ALLOWED_HOSTS) - {*_LOCAL_HOSTS, "::1"}:
    raise ImproperlyConfigured(
        "DJANGO_LOCAL_TRIAL serves over plain http, for this machine only: DJANGO_ALLOWED_HOSTS may name "
        "127.0.0.1, localhost and [::1], nothing else. Serve anywhere else with HTTPS (make run-prod)."
    )

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG=0 needs DJANGO_SECRET_KEY set to a random string of at least 50 characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_DEBUG=0 needs DJANGO_ALLOWED_HOSTS (comma-separated host names).")

# Moving the admin off /admin/ does not secure it, but it keeps it out of the
# scripted password guessing that hits every site's /admin/ all day.
ADMIN_PATH = envstr("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
if ADMIN_PATH == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_PATH must be a path such as 'desk-admin/', not empty.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Load balancers' probes of /healthz and /readyz, by address and over plain http: answered before anything
    # below checks the host (factcheck/middleware.py); SECURE_REDIRECT_EXEMPT keeps them off the HTTPS redirect.
    "factcheck.middleware.ProbeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A reader's page-cache hit is answered here, without the middleware below (factcheck/cache.py).
    "factcheck.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any admin view reads them: admin parameters Django fails on rather than refuses.
    "factcheck.middleware.AdminQueryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes turns a locked-out login into a 429 page; its docs want it last.
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first asked about a view's exception: a lost
    # database becomes a 503 page instead of a 500.
    "factcheck.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "django.template.context_processors.csp",
                "factcheck.context_processors.desk",
            ],
        },
    },
]

# SQLite is the embedded default. WAL lets readers go on while an import
# writes; IMMEDIATE transactions take the write lock up front, so two writers
# queue on the busy timeout instead of failing halfway with "database is locked".
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": envstr("DJANGO_TEST_SQLITE_NAME") or None}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or LOCAL_TRIAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development and a local trial, WhiteNoise serves static files from the apps' folders (no collectstatic),
# looking each one up when it is asked for: an edited stylesheet shows without a restart, and WhiteNoise does
# not look for the collected STATIC_ROOT either, which only production has (`make run` warned "No directory
# at: staticfiles/" at every start).
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or LOCAL_TRIAL

# Production runs several processes (gunicorn workers, imports), which must
# share one cache so that a publish is seen by all of them: set REDIS_URL.
# Without it each process caches in its own memory, fine for development.
# A local trial (`make run`) is two processes on this machine, the site and the import worker: an
# article the worker imports must make the site's cached pages stale, so they share a cache in files
# (TRIAL_CACHE_DIR, emptied by `make run` when it starts).
# The cache is an optimisation, never a dependency: when Redis is unreachable, hangs or is full, every
# page is rendered from the database and the rate limits count in each process (factcheck.cache.RedisCache).
# A call waits at most REDIS_TIMEOUT_MS to connect and as long for the answer; after a failure the process
# leaves Redis alone for REDIS_RETRY_SECONDS, then asks again.
REDIS_URL = envstr("REDIS_URL").strip()
# redis-py reads the address only at the first call, and a bare "127.0.0.1:6379" then fails every request,
# /readyz included, with a ValueError: refuse it here. The value is not repeated: it may hold a password.
if REDIS_URL and urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
    raise ImproperlyConfigured(
        "REDIS_URL must start with redis://, rediss:// or unix://, e.g. redis://localhost:6379/0."
    )
REDIS_TIMEOUT = envint("REDIS_TIMEOUT_MS", 250) / 1000
TRIAL_CACHE_DIR = BASE_DIR / ".trial-cache"
if REDIS_URL:
    _cache = {
        "BACKEND": "factcheck.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "factcheck",
        "RETRY_SECONDS": envint("REDIS_RETRY_SECONDS", 2),
        "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
    }
elif LOCAL_TRIAL:
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(TRIAL_CACHE_DIR),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {"default": _cache}

# How long a cached public page may live; any change to the desk makes it stale sooner (factcheck/cache.py).
FACTCHECK_PAGE_CACHE_SECONDS = envint("FACTCHECK_PAGE_CACHE_SECONDS", 300)
# Cache-Control of the cached public pages for a CDN in front: s-maxage and stale-while-revalidate.
# Browsers always revalidate (max-age=0, answered 304 when unchanged). With a CDN, a change reaches
# readers within these seconds; at the origin, at the next request.
FACTCHECK_CDN_CACHE_SECONDS = envint("FACTCHECK_CDN_CACHE_SECONDS", 0)
FACTCHECK_CDN_STALE_SECONDS = envint("FACTCHECK_CDN_STALE_SECONDS", 30)

# Claim matching (factcheck/repeats.py): rebuild the index of checked claims in a background
# thread while the old one answers (off: rebuild in the request that notices the change).
FACTCHECK_MATCHING_BACKGROUND = envbool("FACTCHECK_MATCHING_BACKGROUND", True)
# How often (seconds) a process asks the database whether its claim index is out of date.
FACTCHECK_MATCHING_CHECK_SECONDS = envint("FACTCHECK_MATCHING_CHECK_SECONDS", 5)
# The most claims without a stored embedding that one rebuild of a claim-matching index embeds
# (about 5 ms each): imported claims are embedded on import, so only claims added by other means
# need it; an archive from before embeddings is embedded by `manage.py match_repeats`.
FACTCHECK_MATCHING_EMBED_LIMIT = envint("FACTCHECK_MATCHING_EMBED_LIMIT", 1000)
# Searches one client may make per minute on /api/claims/search.
FACTCHECK_CLAIM_SEARCH_PER_MINUTE = envint("FACTCHECK_CLAIM_SEARCH_PER_MINUTE", 30)

LOGIN_URL = "admin:login"
# Where a login goes when its `next` is missing or points off the site: the admin's front page (the
# desk's only login), never Django's /accounts/profile/, which the desk does not have.
LOGIN_REDIRECT_URL = "admin:index"

# Axes checks every login (the admin's included) before the password does,
# and counts failures per username and address together: a guesser is locked
# out, while the editor they were guessing at can still log in from the
# newsroom. A correct login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DJANGO_AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind N proxies (nginx = 1), the client's address is read from the
# X-Forwarded-For entries they added; see factcheck/proxies.py.
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "factcheck.proxies.client_ip"

# HTTPS everywhere in production. Behind a proxy that terminates TLS, set
# DJANGO_SECURE_PROXY_SSL_HEADER so Django knows the request was HTTPS, and
# DJANGO_SECURE_SSL_REDIRECT=0 only if the proxy does the redirect itself
# (or to try production settings on http://127.0.0.1).
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not LOCAL_TRIAL)
# A load balancer probes each app server over plain http (ProbeMiddleware).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
_proxy_ssl_header = envlist("DJANGO_SECURE_PROXY_SSL_HEADER", [])
if _proxy_ssl_header:
    if len(_proxy_ssl_header) != 2 or not _proxy_ssl_header[0].startswith("HTTP_"):
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must be a header and a value, such as 'HTTP_X_FORWARDED_PROTO,https'."
        )
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header)
# Preload and subdomains are hard to take back once browsers have them:
# switch them off before the first deployment if a subdomain cannot do HTTPS.
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG or LOCAL_TRIAL else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = not DEBUG and not LOCAL_TRIAL
CSRF_COOKIE_SECURE = not DEBUG and not LOCAL_TRIAL
SESSION_COOKIE_HTTPONLY = True
# Templates take the CSRF token from {% csrf_token %} (or hx-headers), never
# from the cookie in JavaScript, so the cookie can be HttpOnly as well.
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The same policy in development and production, so a page that breaks under
# it breaks on the developer's machine first. No inline style or script is
# allowed; a script that must be inline carries nonce="{{ csp_nonce }}". The
# admin loads only files from /static/ and tags them with the nonce; a browser
# test (tests/test_security.py) uses its JavaScript under this policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# The organisation that signs the fact-checks (ClaimReview author, feeds) and the public address
# of the desk: every absolute URL it publishes (feeds, sitemap, JSON-LD, canonical links, share
# cards) starts with it. Production must say who it is: the development defaults would tell search
# engines and readers' feed readers that the fact-checks live on 127.0.0.1.
_DEV_ORGANIZATION = {"name": "Factcheck desk", "url": "http://127.0.0.1:8000/"}
FACTCHECK_ORGANIZATION = {
    "name": " ".join(envstr("FACTCHECK_ORGANIZATION_NAME").split()) or (_DEV_ORGANIZATION["name"] if DEBUG else ""),
    "url": envstr("FACTCHECK_ORGANIZATION_URL").strip() or (_DEV_ORGANIZATION["url"] if DEBUG else ""),
    # An optional @handle for social cards (twitter:site), e.g. "@factcheckdesk".
    "social_handle": envstr("FACTCHECK_ORGANIZATION_SOCIAL_HANDLE").strip(),
}
if LOCAL_TRIAL:
    for _key in ("name", "url"):
        FACTCHECK_ORGANIZATION[_key] = FACTCHECK_ORGANIZATION[_key] or _DEV_ORGANIZATION[_key]
elif not DEBUG:
    for _name, _key in [("FACTCHECK_ORGANIZATION_NAME", "name"), ("FACTCHECK_ORGANIZATION_URL", "url")]:
        if not FACTCHECK_ORGANIZATION[_key] or FACTCHECK_ORGANIZATION[_key] == _DEV_ORGANIZATION[_key]:
            raise ImproperlyConfigured(
                f"DJANGO_DEBUG=0 needs {_name} set to the organisation's own "
                f"{'name' if _key == 'name' else 'public address, e.g. https://factcheck.example.org/'}, "
                "not the development default."
            )
_org_url = urlsplit(FACTCHECK_ORGANIZATION["url"])
if _org_url.scheme not in {"http", "https"} or not _org_url.hostname or _org_url.query or _org_url.fragment:
    raise ImproperlyConfigured(
        "FACTCHECK_ORGANIZATION_URL must be the desk's public address, such as https://factcheck.example.org/, "
        f"not {FACTCHECK_ORGANIZATION['url']!r}."
    )
if _org_url.path not in {"", "/"}:
    raise ImproperlyConfigured(
        "FACTCHECK_ORGANIZATION_URL must be the address of the site's root (the desk is served at /), "
        f"not {FACTCHECK_ORGANIZATION['url']!r}."
    )
FACTCHECK_ORGANIZATION["url"] = f"{_org_url.scheme}://{_org_url.netloc}/"
_handle = FACTCHECK_ORGANIZATION["social_handle"]
if _handle and not re.fullmatch(r"@\w{1,50}", _handle):
    raise ImproperlyConfigured(f"FACTCHECK_ORGANIZATION_SOCIAL_HANDLE must look like @factcheckdesk, not {_handle!r}.")

# A desk with one editor cannot get a second review of that editor's correction. When on, an editor
# may publish their own correction if it changes no rating; the public page says it had no second review.
FACTCHECK_SOLO_CORRECTIONS = envbool("FACTCHECK_SOLO_CORRECTIONS", False)

# Read here, in any case: Python's logging takes only the upper-case names, and a name it does not know
# failed later with "Unable to configure root logger", naming neither the variable nor the value.
LOG_LEVEL = envstr("DJANGO_LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {envstr('DJANGO_LOG_LEVEL')!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Importing articles from the web and in the background.
# URL imports (factcheck/fetching.py): seconds to connect or to wait for the next bytes, seconds for the
# whole page, the largest page accepted, and the non-public networks that may be fetched all the same
# (comma-separated addresses or networks, e.g. "127.0.0.1" for tests serving pages from this machine).
FACTCHECK_FETCH_TIMEOUT = envint("FACTCHECK_FETCH_TIMEOUT", 10)
FACTCHECK_FETCH_TOTAL_SECONDS = envint("FACTCHECK_FETCH_TOTAL_SECONDS", 30)
FACTCHECK_FETCH_MAX_BYTES = envint("FACTCHECK_FETCH_MAX_BYTES", 2 * 1024 * 1024)
FACTCHECK_FETCH_ALLOWED_NETWORKS = envlist("FACTCHECK_FETCH_ALLOWED_NETWORKS", [])
# The most seconds reading one article (a file, a pasted text, a fetched page) may take once it is in hand:
# over it the article is refused. Its size is bounded first (factcheck/extraction/limits.py); this bounds
# whatever gets past those limits. 0: no limit.
FACTCHECK_EXTRACTION_SECONDS = envint("FACTCHECK_EXTRACTION_SECONDS", 30)
# The "Import articles" admin page queues one task per article on Django's tasks framework; the
# django-tasks-db backend keeps the queue in the desk's own database (nothing new to run on SQLite)
# and `manage.py import_worker` runs it (`make run` starts one beside the web server).
INSTALLED_APPS += ["django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "imports"]}}
# A running import that has not finished after this many seconds is taken to belong to a worker that
# died (killed, machine restarted), and a new worker runs it again (imports are idempotent).
FACTCHECK_IMPORT_STALE_SECONDS = envint("FACTCHECK_IMPORT_STALE_SECONDS", 300)
