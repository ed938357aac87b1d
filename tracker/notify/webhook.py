"""Standard Webhooks (standardwebhooks.com): a JSON POST whose `webhook-signature` header is
`v1,` + base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")), the key being the
base64 bytes after `whsec_` in the shared secret."""

from __future__ import annotations

import base64
import hashlib
import hmac

from tracker.notify.config import secret_key


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for one delivery."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: str | None, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one delivery (unsigned without a secret)."""
    out = {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
    }
    if secret:
        out["webhook-signature"] = signature(secret, message_id, timestamp, body)
    return out
