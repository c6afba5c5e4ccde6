// base64url (RFC 4648 §5, no padding), the encoding Web Push uses for keys,
// auth secrets and JWTs. No imports beyond lib: scripts load it with Node's type stripping.
import { fromBase64, toBase64Url } from "../lib/crypto";

export { toBase64Url };

/** Decodes base64url (padding optional); null for anything else. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const plain = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (plain.length % 4 === 1) return null;
  return fromBase64(plain + "=".repeat((4 - (plain.length % 4)) % 4));
}

/** The bytes of a UTF-8 string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Several byte arrays one after another. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
