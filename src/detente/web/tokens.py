"""API tokens: created once, shown once, stored only as a salted hash, compared in constant time.

A token reads `dt_<key>_<secret>`: the key (8 hex digits) finds the row, the whole token is
checked against the stored sha256 of salt + token. The secret has 256 bits of randomness, so a
fast hash is enough (a slow password hash protects guessable secrets, which these are not).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select, update

from detente.errors import DetenteError
from detente.store import Store, schema

PREFIX = "dt_"
_DUMMY_SALT = "0" * 32


class TokenError(DetenteError):
    code = "E701"


@dataclass(frozen=True)
class TokenInfo:
    id: int
    key: str
    name: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.active,
        }


def _digest(salt: str, token: str) -> str:
    return hashlib.sha256((salt + token).encode("utf-8")).hexdigest()


def _info(row: Any) -> TokenInfo:
    return TokenInfo(row.id, row.key, row.name, row.created_at, row.revoked_at)


def create_token(store: Store, name: str | None = None) -> tuple[str, TokenInfo]:
    """A new token (returned once, never stored) and its record."""
    t = schema.api_tokens
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        for _ in range(10):
            key = secrets.token_hex(4)
            if conn.execute(select(t.c.id).where(t.c.key == key)).first() is None:
                break
        else:  # pragma: no cover - 4 billion keys
            raise TokenError("could not find a free token key; try again")
        token = f"{PREFIX}{key}_{secrets.token_urlsafe(32)}"
        salt = secrets.token_hex(16)
        conn.execute(
            insert(t).values(key=key, name=name, salt=salt, hash=_digest(salt, token), created_at=now)
        )
        row = conn.execute(select(t).where(t.c.key == key)).one()
    return token, _info(row)


def list_tokens(store: Store) -> list[TokenInfo]:
    t = schema.api_tokens
    with store.engine.connect() as conn:
        return [_info(r) for r in conn.execute(select(t).order_by(t.c.id))]


def revoke_token(store: Store, which: str) -> list[TokenInfo]:
    """Revoke tokens by id, key or name; the tokens revoked now (an unknown one is an error)."""
    t = schema.api_tokens
    cond = [t.c.key == which, t.c.name == which]
    if which.isdigit():
        cond.append(t.c.id == int(which))
    with store.engine.begin() as conn:
        rows = conn.execute(select(t).where(or_(*cond))).all()
        if not rows:
            raise TokenError(f"no token with id, key or name {which!r} (see `detente token list`)")
        fresh = [r for r in rows if r.revoked_at is None]
        if fresh:
            conn.execute(
                update(t).where(t.c.id.in_([r.id for r in fresh])).values(revoked_at=dt.datetime.now(dt.UTC))
            )
        return [_info(r) for r in conn.execute(select(t).where(t.c.id.in_([r.id for r in fresh])))]


def verify_token(store: Store, token: str) -> tuple[TokenInfo | None, str]:
    """(the token's record, "") when valid, else (None, why not): unknown, malformed or revoked."""
    t = schema.api_tokens
    parts = token.split("_") if token.startswith(PREFIX) else []
    key = parts[1] if len(parts) >= 3 else ""
    row = None
    if key:
        with store.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.key == key)).first()
    # Hash and compare even when there is no such key, so that timing tells nothing.
    expected = row.hash if row is not None else _digest(_DUMMY_SALT, "")
    matches = hmac.compare_digest(_digest(row.salt if row is not None else _DUMMY_SALT, token), expected)
    if row is None or not matches:
        return None, "the token is not valid"
    if row.revoked_at is not None:
        return None, "the token has been revoked"
    return _info(row), ""
