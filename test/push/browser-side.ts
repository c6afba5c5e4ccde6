// What a browser does with a push (RFC 8291 / RFC 8188), written from the
// receiving side so the tests can read what the Worker sent: make a
// subscription's keys (ECDH P-256 + a 16-byte auth secret) and decrypt an
// aes128gcm body with them. Plain TypeScript over WebCrypto (erasable syntax),
// so both workerd tests and the Node browser test (test/e2e/push.e2e.mjs) use it.

export interface BrowserKeys {
  /** base64url, as PushSubscription.toJSON().keys has them. */
  p256dh: string;
  auth: string;
  privateKey: CryptoKey;
}

export function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function unb64url(text: string): Uint8Array {
  const plain = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(plain + "=".repeat((4 - (plain.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A new subscription's keys, as a browser makes them. */
export async function browserKeys(): Promise<BrowserKeys> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { p256dh: b64url(raw), auth: b64url(crypto.getRandomValues(new Uint8Array(16))), privateKey: pair.privateKey };
}

/** The RFC 8291 Appendix A user agent's keys. */
export async function importBrowserKeys(p256dh: string, auth: string, privateD: string): Promise<BrowserKeys> {
  const pub = unb64url(p256dh);
  const jwk = { kty: "EC", crv: "P-256", x: b64url(pub.slice(1, 33)), y: b64url(pub.slice(33, 65)), d: privateD, ext: true };
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  return { p256dh, auth, privateKey };
}

async function hkdf(salt: Uint8Array, ikm: ArrayBuffer | Uint8Array, info: string | Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  const infoBytes = typeof info === "string" ? new TextEncoder().encode(info) : info;
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info: infoBytes }, key, bytes * 8));
}

/** Decrypts an aes128gcm push body (one record) with the subscription's keys; throws when it does not authenticate. */
export async function decryptPush(body: Uint8Array, keys: BrowserKeys): Promise<{ plaintext: string; recordSize: number; paddedLength: number }> {
  const salt = body.slice(0, 16);
  const recordSize = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
  const idlen = body[20] ?? 0;
  const asPublic = body.slice(21, 21 + idlen);
  const record = body.slice(21 + idlen);
  const asKey = await crypto.subtle.importKey("raw", asPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  // workers-types spells ECDH's `public` as `$public`; runtimes read `public`.
  const params = { name: "ECDH", public: asKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  const secret = await crypto.subtle.deriveBits(params, keys.privateKey, 256);
  const uaPublic = unb64url(keys.p256dh);
  const info = new Uint8Array([...new TextEncoder().encode("WebPush: info\0"), ...uaPublic, ...asPublic]);
  const ikm = await hkdf(unb64url(keys.auth), secret, info, 32);
  const cek = await hkdf(salt, ikm, "Content-Encoding: aes128gcm\0", 16);
  const nonce = await hkdf(salt, ikm, "Content-Encoding: nonce\0", 12);
  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
  const padded = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, aes, record));
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 0x02) throw new Error("not a last record (no 0x02 delimiter)");
  return { plaintext: new TextDecoder().decode(padded.slice(0, end)), recordSize, paddedLength: padded.length };
}
