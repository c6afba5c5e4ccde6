// WebCrypto helpers shared by the Worker, the simulator and the start script.
// No imports: scripts/start.mjs loads this file directly with Node's type stripping.

const encoder = new TextEncoder();

/** Standard base64 of bytes (LINE's signature format). */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = "";
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Decodes standard base64; returns null for anything that is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return Array.from(view, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An unguessable token: `bytes` random bytes, base64url. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

// Imported HMAC keys are reused per isolate: importKey costs more than the HMAC itself.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    if (hmacKeys.size > 1000) hmacKeys.clear();
    hmacKeys.set(secret, key);
  }
  return key;
}

/** HMAC-SHA256 of `body` with `secret`, base64 — the value LINE puts in x-line-signature. */
export async function signBody(secret: string, body: ArrayBuffer | Uint8Array | string): Promise<string> {
  const data = typeof body === "string" ? encoder.encode(body) : body;
  return toBase64(await crypto.subtle.sign("HMAC", await hmacKey(secret), data));
}

/** HMAC-SHA256 of `text` with `secret`, lowercase hex (outbound webhook signatures). */
export async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(text)));
}

/**
 * Checks an x-line-signature header against the raw body bytes in constant time
 * (crypto.subtle.verify). Missing or malformed signatures are simply `false`.
 */
export async function verifySignature(
  secret: string,
  body: ArrayBuffer | Uint8Array,
  signature: string | null | undefined,
): Promise<boolean> {
  if (!signature) return false;
  const mac = fromBase64(signature.trim());
  if (!mac || mac.length !== 32) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret), mac, body);
}

// Passwords: PBKDF2-SHA256 with a 16-byte salt. workerd caps PBKDF2 at 100,000 iterations.
const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
  return new Uint8Array(bits);
}

/** Returns `pbkdf2$<iterations>$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterText, saltText, hashText] = stored.split("$");
  const salt = fromBase64(saltText ?? "");
  const expected = fromBase64(hashText ?? "");
  const iterations = Number(iterText);
  if (scheme !== "pbkdf2" || !salt || !expected || !Number.isInteger(iterations) || iterations < 1) return false;
  const actual = await pbkdf2(password, salt, iterations);
  // Compare HMACs of both values so the comparison time does not depend on where they differ.
  const key = await hmacKey("password-compare");
  const [a, b] = await Promise.all([crypto.subtle.sign("HMAC", key, actual), crypto.subtle.sign("HMAC", key, expected)]);
  return toHex(a) === toHex(b);
}

// Secrets at rest: AES-256-GCM with a key derived from APP_SECRET by HKDF.
const aesKeys = new Map<string, Promise<CryptoKey>>();

function aesKey(appSecret: string): Promise<CryptoKey> {
  let key = aesKeys.get(appSecret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey("raw", encoder.encode(appSecret), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: encoder.encode("linedesk"), info: encoder.encode("secrets-at-rest") },
        base,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
    })();
    aesKeys.set(appSecret, key);
  }
  return key;
}

/** Encrypts a secret for storage: `v1.<iv b64>.<ciphertext b64>`. */
export async function encryptSecret(appSecret: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(appSecret), encoder.encode(plaintext));
  return `v1.${toBase64(iv)}.${toBase64(sealed)}`;
}

export async function decryptSecret(appSecret: string, stored: string): Promise<string> {
  const [version, ivText, dataText] = stored.split(".");
  const iv = fromBase64(ivText ?? "");
  const data = fromBase64(dataText ?? "");
  if (version !== "v1" || !iv || !data) throw new Error("stored secret has an unknown format");
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, await aesKey(appSecret), data);
  return new TextDecoder().decode(plain);
}
