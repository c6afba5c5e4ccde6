// A Google service account's access token: a JWT (RS256, signed with the
// account's private key through WebCrypto) exchanged at the OAuth token
// endpoint (grant type jwt-bearer, RFC 7523). Tokens are cached per isolate
// until a minute before they expire.
import { fromBase64, toBase64Url } from "../lib/crypto";

export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface ServiceAccount {
  clientEmail: string;
  /** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), as in the account's JSON key. */
  privateKey: string;
}

const encoder = new TextEncoder();
const tokens = new Map<string, { token: string; expiresAt: number }>();

/** The DER bytes of a PKCS#8 PEM, or null when it is not one. */
export function pemToPkcs8(pem: string): Uint8Array | null {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem.replace(/\\n/g, "\n"));
  return m?.[1] ? fromBase64(m[1].replace(/\s+/g, "")) : null;
}

export async function importSigningKey(pem: string): Promise<CryptoKey> {
  const der = pemToPkcs8(pem);
  if (!der) throw new Error("the service account's private_key is not a PKCS#8 PEM");
  return crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
}

function part(value: unknown): string {
  return toBase64Url(encoder.encode(JSON.stringify(value)));
}

/** The signed assertion: iss = the account, aud = the token endpoint, valid one hour. */
export async function signedAssertion(account: ServiceAccount, audience: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: account.clientEmail, scope: SHEETS_SCOPE, aud: audience, iat, exp: iat + 3600 })}`;
  const key = await importSigningKey(account.privateKey);
  const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, encoder.encode(unsigned)));
  return `${unsigned}.${toBase64Url(signature)}`;
}

/** An access token for the account (cached), or throws with the endpoint's answer. */
export async function accessToken(account: ServiceAccount, tokenUrl: string, now = Date.now()): Promise<string> {
  const cacheKey = `${tokenUrl}|${account.clientEmail}`;
  const cached = tokens.get(cacheKey);
  if (cached && cached.expiresAt > now + 60_000) return cached.token;
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: await signedAssertion(account, tokenUrl, now) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Google token endpoint ${response.status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new Error("Google token endpoint answered without access_token");
  tokens.set(cacheKey, { token: body.access_token, expiresAt: now + (body.expires_in ?? 3600) * 1000 });
  return body.access_token;
}

/** Forgets cached tokens (a key was replaced). */
export function forgetTokens(): void {
  tokens.clear();
}
