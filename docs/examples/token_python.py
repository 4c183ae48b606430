"""Make a signed "Suggest a feature" link for wagtail-feedback (Python + PyJWT).

Run it as it is to see a link for a demo visitor:

    pip install "PyJWT>=2.10"
    KID=main-2025 SECRET=... SITE_URL=https://feedback.example.com python token_python.py

In your product, call ``feedback_link(...)`` with the signed-in user's data
when you render the link (or, better, in a small endpoint that redirects to it:
links are single-use and short-lived).
"""

import os
import time
import uuid
from urllib.parse import urlencode

import jwt  # PyJWT

KID = os.environ.get("KID") or "demo"
SECRET = os.environ.get("SECRET") or "demo-secret-change-me-please-0123456789"
SITE_URL = (os.environ.get("SITE_URL") or "http://localhost:8000").rstrip("/")
AUDIENCE = os.environ.get("AUDIENCE") or "wagtail-feedback"
LIFETIME_SECONDS = 300  # keep it short: 300 to 600 seconds is recommended


def feedback_token(user: dict, account: dict | None = None) -> str:
    """Sign the claims that describe the visitor (and their company)."""
    now = int(time.time())
    claims = {
        "aud": AUDIENCE,
        "sub": str(user["id"]),  # stable id of the user in your product
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "jti": uuid.uuid4().hex,  # unique per token: each link works once
        "name": user.get("name", ""),
        "email": user.get("email", ""),
        "language": user.get("language", ""),  # "ja..." -> Japanese, anything else -> English
    }
    if account:
        claims["account"] = {
            "id": str(account["id"]),
            "name": account.get("name", ""),
            "status": account.get("status", ""),  # "paying" | "not_paying" | "prospect"
            # A string keeps the exact amount (at most 2 decimal places).
            "monthly_value": account.get("monthly_value"),
        }
    return jwt.encode(claims, SECRET, algorithm="HS256", headers={"kid": KID})


def feedback_link(token: str, next_path: str | None = None) -> str:
    """The URL the visitor opens; ``next_path`` is where they land afterwards."""
    query = {"token": token}
    if next_path:
        query["next"] = next_path
    return f"{SITE_URL}/feedback/enter/?{urlencode(query)}"


if __name__ == "__main__":
    demo_user = {
        "id": 1001,
        "name": "山田 花子",
        "email": "hanako.yamada@example.com",
        "language": "ja-JP",
    }
    demo_account = {
        "id": "acct-77",
        "name": "Example K.K.",
        "status": "paying",
        "monthly_value": "1200.00",
    }
    print(feedback_link(feedback_token(demo_user, demo_account), os.environ.get("NEXT")))
