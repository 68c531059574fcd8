"""Settings for the test suite: the real settings, with a throw-away data folder."""

import os
import tempfile

os.environ.setdefault("REDAKTION_DATA_DIR", tempfile.mkdtemp(prefix="redaktion-test-"))
os.environ.setdefault("REDAKTION_SECRET_KEY", "test-only-secret-key-not-for-production")

from redaktion.settings import *  # noqa: F403
from redaktion.settings import DATA_DIR, STORAGES

# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
