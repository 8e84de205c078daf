"""A password authenticator for a course hub, with a first-run admin.

Passwords live in one JSON file beside the hub's database, as scrypt hashes
(salt and cost stored with each). Nobody picks a password for anyone in a
form: ``academy hub start`` creates the admin on first run and prints its
password once; accounts are made through the REST API (``academy hub user
add``), which sets a password through :class:`PasswordHandler`:

``POST /hub/api/academy/passwords/<name>`` with ``{"password": "..."}``

A token that may administer users (``admin:users``) may set anyone's password;
a user may set their own only by also sending ``old_password``. Real sites
usually sign people in with their institution's OAuth instead; the README
names the settings.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Any

from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.auth import Authenticator
from tornado import web
from traitlets import Unicode

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
MIN_PASSWORD = 10
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    params = f"{_SCRYPT['n']},{_SCRYPT['r']},{_SCRYPT['p']}"
    return "scrypt$" + params + "$" + base64.b64encode(salt).decode() + "$" + \
        base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, params, salt_b64, digest_b64 = stored.split("$")
        n, r, p = (int(x) for x in params.split(","))
        salt, digest = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=salt, dklen=len(digest), n=n, r=r, p=p)
    return hmac.compare_digest(candidate, digest)


class PasswordStore:
    """The password file: read on every sign-in, replaced atomically on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        data = json.loads(self.path.read_text())
        return {str(k): str(v) for k, v in data.items()}

    def set(self, name: str, password: str) -> None:
        data = self.load()
        data[name] = hash_password(password)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".passwords.")
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def check(self, name: str, password: str) -> bool:
        stored = self.load().get(name)
        return stored is not None and verify_password(password, stored)


def password_problem(password: Any) -> str | None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        return f"a password needs at least {MIN_PASSWORD} characters"
    return None


class PasswordHandler(APIHandler):
    """Set a user's password (see the module docstring for who may)."""

    @web.authenticated
    async def post(self, name: str) -> None:
        user = self.find_user(name)
        if user is None:
            raise web.HTTPError(404, f"no user named {name}")
        try:
            body = json.loads(self.request.body or b"{}")
        except json.JSONDecodeError:
            raise web.HTTPError(400, "the body must be JSON: {\"password\": \"...\"}") from None
        password = body.get("password") if isinstance(body, dict) else None
        problem = password_problem(password)
        if problem:
            raise web.HTTPError(400, problem)
        store: PasswordStore = self.authenticator.store
        admin = "admin:users" in self.expanded_scopes
        own = self.current_user is not None and getattr(self.current_user, "name", None) == name
        if not admin:
            if not own:
                raise web.HTTPError(403, "only an administrator may set another user's password")
            if not store.check(name, str(body.get("old_password", ""))):
                raise web.HTTPError(403, "the old password is wrong")
        store.set(name, str(password))
        self.set_status(204)


class AcademyAuthenticator(Authenticator):
    """Usernames and scrypt-hashed passwords from ``password_file``."""

    password_file = Unicode(config=True, help="JSON file of name -> scrypt hash.")

    @property
    def store(self) -> PasswordStore:
        return PasswordStore(Path(self.password_file))

    def validate_username(self, username: str) -> bool:
        return bool(USERNAME.match(username)) and super().validate_username(username)

    async def authenticate(self, handler: Any, data: dict[str, str]) -> str | None:
        name = self.normalize_username(data.get("username", ""))
        if not USERNAME.match(name):
            return None
        return name if self.store.check(name, data.get("password", "")) else None

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        return [(r"/api/academy/passwords/([^/]+)", PasswordHandler)]
