// VAPID (RFC 8292): the application server identifies itself to push services
// with an ES256-signed JWT — `aud` the push service's origin, `exp` at most 24 h
// ahead, `sub` a contact (mailto: or https:) — and its public key, in
// `Authorization: vapid t=<jwt>, k=<public key>`. Browsers bind a subscription
// to that public key (applicationServerKey), so only we can push to it.
import type { Bindings } from "../env";
import { fromBase64Url, toBase64Url, utf8 } from "./base64url";

export interface VapidKeys {
  /** 65-byte uncompressed P-256 point, base64url: what browsers get as applicationServerKey. */
  publicKey: string;
  signingKey: CryptoKey;
  subject: string;
}

/** The VAPID secrets, or null when any is missing or malformed (push is then off). */
export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** What is wrong with the VAPID variables, or null when push can be used. Never includes a key. */
export function vapidProblem(env: Pick<Bindings, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">): string | null {
  const pub = env.VAPID_PUBLIC_KEY ? fromBase64Url(env.VAPID_PUBLIC_KEY) : null;
  const priv = env.VAPID_PRIVATE_KEY ? fromBase64Url(env.VAPID_PRIVATE_KEY) : null;
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY || !env.VAPID_SUBJECT) return "VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are not all set";
  if (!pub || pub.length !== 65 || pub[0] !== 0x04) return "VAPID_PUBLIC_KEY is not a base64url uncompressed P-256 public key (65 bytes)";
  if (!priv || priv.length !== 32) return "VAPID_PRIVATE_KEY is not a base64url P-256 private key (32 bytes)";
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(env.VAPID_SUBJECT)) return "VAPID_SUBJECT must be a mailto: address or an https: URL";
  return null;
}

let cached: { config: string; keys: Promise<VapidKeys> | null } | null = null;

/**
 * The imported signing key, once per isolate (per distinct configuration). Null when push is
 * not configured. Asked on every domain event, so the configuration is checked once too.
 */
export function vapidKeys(env: Pick<Bindings, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT">): Promise<VapidKeys> | null {
  const config = { publicKey: env.VAPID_PUBLIC_KEY ?? "", privateKey: env.VAPID_PRIVATE_KEY ?? "", subject: env.VAPID_SUBJECT ?? "" };
  const id = `${config.publicKey}|${config.privateKey}|${config.subject}`;
  if (cached?.config !== id) cached = { config: id, keys: vapidProblem(env) ? null : importVapid(config) };
  return cached.keys;
}

async function importVapid(config: VapidConfig): Promise<VapidKeys> {
  const pub = fromBase64Url(config.publicKey) ?? new Uint8Array();
  const jwk: JsonWebKey = { kty: "EC", crv: "P-256", x: toBase64Url(pub.slice(1, 33)), y: toBase64Url(pub.slice(33, 65)), d: config.privateKey.replace(/=+$/, "") };
  const signingKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
  return { publicKey: toBase64Url(pub), signingKey, subject: config.subject };
}

/** JWTs live 12 hours (RFC 8292 allows 24); each push service origin gets its own. */
export const JWT_LIFETIME_S = 12 * 60 * 60;

/** The ES256 JWT for `audience` (a push service origin). WebCrypto's ECDSA signature is already JOSE's r || s. */
export async function vapidJwt(keys: VapidKeys, audience: string, now = Date.now()): Promise<string> {
  const header = toBase64Url(utf8(JSON.stringify({ typ: "JWT", alg: "ES256" })));
  const claims = toBase64Url(utf8(JSON.stringify({ aud: audience, exp: Math.floor(now / 1000) + JWT_LIFETIME_S, sub: keys.subject })));
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.signingKey, utf8(`${header}.${claims}`));
  return `${header}.${claims}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The Authorization header value for a push to `endpoint`. */
export async function vapidAuthorization(keys: VapidKeys, endpoint: string, now = Date.now()): Promise<string> {
  return `vapid t=${await vapidJwt(keys, new URL(endpoint).origin, now)}, k=${keys.publicKey}`;
}
