// Make a signed "Suggest a feature" link for wagtail-feedback.
// Node 20+, built-in modules only (no npm packages):
//
//   KID=main-2025 SECRET=... SITE_URL=https://feedback.example.com node token_node.mjs
//
// In your product, call feedbackLink(...) with the signed-in user's data when
// you render the link (or, better, in a small endpoint that redirects to it:
// links are single-use and short-lived).

import { createHmac, randomUUID } from "node:crypto";

const KID = process.env.KID || "demo";
const SECRET = process.env.SECRET || "demo-secret-change-me-please-0123456789";
const SITE_URL = (process.env.SITE_URL || "http://localhost:8000").replace(/\/+$/, "");
const AUDIENCE = process.env.AUDIENCE || "wagtail-feedback";
const LIFETIME_SECONDS = 300; // keep it short: 300 to 600 seconds is recommended

const base64url = (text) => Buffer.from(text, "utf8").toString("base64url");

// A JWT signed with HS256: base64url(header).base64url(claims).base64url(HMAC-SHA256)
function signHS256(claims, kid, secret) {
  const header = { alg: "HS256", typ: "JWT", kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac("sha256", secret).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

function feedbackToken(user, account) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: AUDIENCE,
    sub: String(user.id), // stable id of the user in your product
    iat: now,
    exp: now + LIFETIME_SECONDS,
    jti: randomUUID().replaceAll("-", ""), // unique per token: each link works once
    name: user.name ?? "",
    email: user.email ?? "",
    language: user.language ?? "", // "ja..." -> Japanese, anything else -> English
  };
  if (account) {
    claims.account = {
      id: String(account.id),
      name: account.name ?? "",
      status: account.status ?? "", // "paying" | "not_paying" | "prospect"
      // A string keeps the exact amount (at most 2 decimal places).
      monthly_value: account.monthlyValue ?? null,
    };
  }
  return signHS256(claims, KID, SECRET);
}

function feedbackLink(token, nextPath) {
  const query = new URLSearchParams({ token });
  if (nextPath) query.set("next", nextPath);
  return `${SITE_URL}/feedback/enter/?${query}`;
}

// Demo: print a link for an example visitor.
const demoUser = {
  id: 1001,
  name: "山田 花子",
  email: "hanako.yamada@example.com",
  language: "ja-JP",
};
const demoAccount = {
  id: "acct-77",
  name: "Example K.K.",
  status: "paying",
  monthlyValue: "1200.00",
};
console.log(feedbackLink(feedbackToken(demoUser, demoAccount), process.env.NEXT));
