// Web Push message encryption, RFC 8291 ("aes128gcm", RFC 8188) with WebCrypto:
// an ephemeral ECDH P-256 key per message, HKDF-SHA-256 over the shared secret
// and the subscription's auth secret, one AES-128-GCM record. The push service
// sees only ciphertext; the browser that made the subscription decrypts it.
//
//   PRK_key = HKDF-Extract(auth, ECDH(as_private, ua_public))
//   IKM     = HKDF-Expand(PRK_key, "WebPush: info\0" || ua_public || as_public, 32)
//   PRK     = HKDF-Extract(salt, IKM)
//   CEK     = HKDF-Expand(PRK, "Content-Encoding: aes128gcm\0", 16)
//   NONCE   = HKDF-Expand(PRK, "Content-Encoding: nonce\0", 12)
//   body    = salt(16) || rs(4) || idlen(1) || as_public(65) || AES-GCM(plaintext || 0x02 || 0x00*)
import { concatBytes, fromBase64Url, utf8 } from "./base64url";

/** The browser's keys from PushSubscription.toJSON().keys (base64url). */
export interface SubscriptionKeys {
  p256dh: string;
  auth: string;
}

/** A fixed sender key and salt: only the RFC 8291 test vector needs them; production makes fresh ones per message. */
export interface FixedMaterial {
  salt: Uint8Array;
  /** The application server's ECDH key pair, and its public key as 65 raw bytes. */
  keyPair: CryptoKeyPair;
  publicKey: Uint8Array;
}

export const RECORD_SIZE = 4096;
/** Header (86) + padding delimiter (1) + GCM tag (16): push services must accept 4096 bytes in total. */
export const MAX_PLAINTEXT = RECORD_SIZE - 86 - 17;

/** Why a subscription's keys cannot be used: they never decrypt, so the caller drops the subscription. */
export class InvalidSubscriptionKeys extends Error {}

/** Checks and decodes the browser's keys: a 65-byte uncompressed P-256 point and a 16-byte auth secret. */
export function decodeKeys(keys: SubscriptionKeys): { uaPublic: Uint8Array; auth: Uint8Array } {
  const uaPublic = fromBase64Url(keys.p256dh);
  const auth = fromBase64Url(keys.auth);
  if (!uaPublic || uaPublic.length !== 65 || uaPublic[0] !== 0x04) throw new InvalidSubscriptionKeys("p256dh is not an uncompressed P-256 public key");
  if (!auth || auth.length !== 16) throw new InvalidSubscriptionKeys("auth is not a 16-byte secret");
  return { uaPublic, auth };
}

/** ECDH parameters. workers-types spells the member `$public` (a C++ keyword escape); every runtime reads `public`. */
function ecdhWith(publicKey: CryptoKey): SubtleCryptoDeriveKeyAlgorithm {
  return { name: "ECDH", public: publicKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array | ArrayBuffer, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8));
}

/**
 * Encrypts `plaintext` for one subscription. `padTo` pads the plaintext with
 * zeros to at least that many bytes, so message lengths say less about their
 * text. Throws InvalidSubscriptionKeys for unusable keys and RangeError when
 * the plaintext is longer than one record can hold (MAX_PLAINTEXT).
 */
export async function encryptPayload(keys: SubscriptionKeys, plaintext: Uint8Array, options: { padTo?: number; fixed?: FixedMaterial } = {}): Promise<Uint8Array> {
  if (plaintext.length > MAX_PLAINTEXT) throw new RangeError(`push payload is ${plaintext.length} bytes; at most ${MAX_PLAINTEXT} fit`);
  const { uaPublic, auth } = decodeKeys(keys);
  const salt = options.fixed?.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const keyPair = options.fixed?.keyPair ?? ((await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair);
  const asPublic = options.fixed?.publicKey ?? new Uint8Array((await crypto.subtle.exportKey("raw", keyPair.publicKey)) as ArrayBuffer);
  let uaKey: CryptoKey;
  try {
    uaKey = await crypto.subtle.importKey("raw", uaPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  } catch {
    throw new InvalidSubscriptionKeys("p256dh is not a point on P-256");
  }
  const ecdhSecret = await crypto.subtle.deriveBits(ecdhWith(uaKey), keyPair.privateKey, 256);
  const ikm = await hkdf(auth, ecdhSecret, concatBytes(utf8("WebPush: info\0"), uaPublic, asPublic), 32);
  const cek = await hkdf(salt, ikm, utf8("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, utf8("Content-Encoding: nonce\0"), 12);
  const padded = new Uint8Array(Math.max(plaintext.length, Math.min(options.padTo ?? 0, MAX_PLAINTEXT)) + 1);
  padded.set(plaintext);
  padded[plaintext.length] = 0x02; // the last (and only) record; zeros after it are padding
  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  const record = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, aes, padded));
  const header = new Uint8Array(21);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = asPublic.length;
  return concatBytes(header, asPublic, record);
}
