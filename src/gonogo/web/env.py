"""Typed readers for settings from the environment. A bad value stops start-up with a clear message."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str) -> str:
    """Return ``name`` from the environment, or ``default``.

    ``NAME_FILE`` may point to a file holding the value instead (for secrets kept out of the environment).
    """
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path}: cannot read it ({exc.strerror})") from exc
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    """Return a boolean: 1/true/yes/on or 0/false/no/off (any case); anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1, true, yes, on, 0, false, no, off")


def envint(name: str, default: int) -> int:
    """Return an integer; a value that is not a whole number is an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Return one of ``choices`` (any case); anything else is an error naming the choices."""
    value = envstr(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected {', '.join(choices[:-1])} or {choices[-1]}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list with blanks dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(debug: bool, var_dir: Path) -> str:
    """Return ``GONOGO_SECRET_KEY``; in debug without one, a key generated once into ``var/``.

    Outside debug a missing or short key is an error: sessions and password resets depend on it.
    """
    key = envstr("GONOGO_SECRET_KEY", "")
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("GONOGO_SECRET_KEY: use at least 32 random characters")
        return key
    if not debug:
        raise ImproperlyConfigured(
            "GONOGO_SECRET_KEY is not set: set it (or GONOGO_SECRET_KEY_FILE) to 50 random characters, "
            "or set GONOGO_DEBUG=1 for a local development key"
        )
    path = var_dir / "dev-secret-key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


CACHE_SCHEMES = ("locmem", "redis", "rediss")


def cache_settings(name: str, default: str, key_prefix: str) -> dict[str, dict[str, object]]:
    """Return Django's ``CACHES`` for the URL in ``name``: ``locmem://`` (each process's memory) or Redis.

    ``redis://[:password@]host[:port][/db]`` (or ``rediss://`` over TLS) shares one cache between processes
    and machines. ``key_prefix`` keeps apart what different releases rendered.
    """
    url = envstr(name, default).strip() or default
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in CACHE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name}={url!r}: expected locmem:// or a Redis URL such as redis://127.0.0.1:6379/0"
        )
    if scheme == "locmem":
        backend: dict[str, object] = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    else:
        if not url.split("://", 1)[1].split("/", 1)[0]:
            raise ImproperlyConfigured(f"{name}={url!r}: name the Redis host, e.g. redis://127.0.0.1:6379/0")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {"default": {**backend, "KEY_PREFIX": key_prefix, "TIMEOUT": 3600}}


# Cache back-ends every server process reaches alike; any other (each process's memory, none) is per process.
SHARED_CACHE_BACKENDS = frozenset(
    {
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
        "django.core.cache.backends.db.DatabaseCache",
    }
)


def session_engine(caches: dict[str, dict[str, object]]) -> str:
    """Return where sessions live: read through the cache only when every process shares that cache.

    A per-process cache (``locmem://``, or Django's dummy cache) would let each server process keep its own
    copy of a session: one that logged out, or confirmed its TOTP code, in one process would still be logged
    in, or unconfirmed, in another. Sessions are then read from the database on every request.
    """
    if caches.get("default", {}).get("BACKEND") in SHARED_CACHE_BACKENDS:
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


def envseconds(name: str, default: int) -> int:
    """Return a duration in whole seconds, 0 or more; anything else is an error."""
    value = envint(name, default)
    if value < 0:
        raise ImproperlyConfigured(f"{name}={value}: expected 0 or more seconds")
    return value


def release_fingerprint(web_dir: Path) -> str:
    """Return a short hash of what rendered pages are made of: templates, translations, the knowledge base.

    Part of every cache key, so a shared cache never serves a page rendered by another release.
    """
    package = web_dir.parent
    digest = hashlib.sha256()
    for pattern in ("web/**/templates/**/*.html", "**/locale/**/*.mo", "data/**/*.yaml"):
        for path in sorted(package.glob(pattern)):
            digest.update(str(path.relative_to(package)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
