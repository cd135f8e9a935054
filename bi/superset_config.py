"""Superset configuration for the newswire BI layer (local, single user, offline).

Loaded by Superset through SUPERSET_CONFIG_PATH (bi/start.sh sets it). Runs inside the
Superset venv (.venv-bi): it must not import the project's packages.

Environment:
  NEWSWIRE_BI_SECRET  Flask SECRET_KEY (the default below is for local development only)
  NEWSWIRE_BI_HOME    Superset state directory (metadata sqlite); default <repo>/warehouse/bi
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BI_HOME = Path(os.environ.get("NEWSWIRE_BI_HOME", REPO / "warehouse" / "bi")).resolve()
BI_HOME.mkdir(parents=True, exist_ok=True)

# --- secrets / metadata store -------------------------------------------------------------
SECRET_KEY = os.environ.get("NEWSWIRE_BI_SECRET") or "newswire-DEV-ONLY-not-a-secret-change-me"
SQLALCHEMY_DATABASE_URI = f"sqlite:///{BI_HOME / 'superset.db'}?check_same_thread=false"
# Superset's own data dir (uploads, examples.db) stays inside BI_HOME, not ~/.superset.
DATA_DIR = str(BI_HOME)
UPLOAD_FOLDER = str(BI_HOME / "uploads")

# --- offline: no telemetry, no third-party requests -----------------------------------------
# The PyPI frontend bundle renders a Scarf telemetry pixel unconditionally (the SCARF_ANALYTICS
# switch is a frontend *build-time* variable). Kept here for documentation; what actually stops
# the request is the Content-Security-Policy below, which only allows 'self', data: and blob:.
SCARF_ANALYTICS = False
_CSP = {
    "base-uri": ["'self'"],
    "default-src": ["'self'"],
    "img-src": ["'self'", "blob:", "data:"],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "object-src": "'none'",
    "style-src": ["'self'", "'unsafe-inline'"],
    "font-src": ["'self'", "data:"],
    "script-src": ["'self'", "'strict-dynamic'"],
}
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": _CSP,
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}
TALISMAN_DEV_CONFIG = TALISMAN_CONFIG
CONTENT_SECURITY_POLICY_WARNING = False
THEME_FONT_URL_ALLOWED_DOMAINS: list[str] = []
MAPBOX_API_KEY = ""
# No "report a bug"/docs links pointing outside.
BUG_REPORT_URL = None
DOCUMENTATION_URL = None

# --- features: keep the defaults, except render every chart at once (three charts, and the
# screenshot in check_dashboard.py must not depend on scrolling).
FEATURE_FLAGS = {
    "DASHBOARD_VIRTUALIZATION": False,
    "ALERT_REPORTS": False,
    "THUMBNAILS": False,
}

# --- web / API ----------------------------------------------------------------------------
# CSRF stays on for the browser UI. REST clients (bi/setup_dashboard.py, check_dashboard.py)
# log in with /api/v1/security/login (JWT bearer) and send the token from
# /api/v1/security/csrf_token/ as X-CSRFToken together with the session cookie.
WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None
# Local, single-user: no rate limiting (login is called by scripts in quick succession).
RATELIMIT_ENABLED = False
AUTH_RATE_LIMITED = False
SQLLAB_CTAS_NO_LIMIT = True
SUPERSET_WEBSERVER_TIMEOUT = 120

# --- caches: nothing is cached, every chart query reads the current published file ----------
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
# These two must be able to store values (Explore / native filters); keep them in-process.
FILTER_STATE_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}
EXPLORE_FORM_DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}

# Logs: stdout only (start.sh redirects to warehouse/bi/superset.log).
LOG_LEVEL = os.environ.get("NEWSWIRE_BI_LOG_LEVEL", "INFO")
