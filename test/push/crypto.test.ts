// Web Push cryptography: the RFC 8291 Appendix A test vector reproduced byte
// for byte, round trips through a browser's decryption, and the VAPID JWT
// (RFC 8292) verified with the public key as a push service would.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encryptPayload, InvalidSubscriptionKeys, MAX_PLAINTEXT } from "../../src/push/encrypt";
import { buildPushRequest } from "../../src/push/send";
import { JWT_LIFETIME_S, vapidJwt, vapidKeys, vapidProblem } from "../../src/push/vapid";
import { b64url, browserKeys, decryptPush, importBrowserKeys, unb64url } from "./browser-side";

// RFC 8291, Appendix A.
const RFC = {
  plaintext: "When I grow up, I want to be a watermelon",
  asPublic: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
  auth: "BTBZMqHH6r4Tts7J_aSIgg",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  body:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};

async function rfcSenderKeys(): Promise<CryptoKeyPair> {
  const pub = unb64url(RFC.asPublic);
  const jwk = { kty: "EC", crv: "P-256", x: b64url(pub.slice(1, 33)), y: b64url(pub.slice(33, 65)) };
  const privateKey = await crypto.subtle.importKey("jwk", { ...jwk, d: RFC.asPrivate }, { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
  const publicKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, true, []);
  return { privateKey, publicKey };
}

describe("RFC 8291 payload encryption", () => {
  it("reproduces the RFC 8291 Appendix A message byte for byte", async () => {
    const body = await encryptPayload({ p256dh: RFC.uaPublic, auth: RFC.auth }, new TextEncoder().encode(RFC.plaintext), {
      fixed: { salt: unb64url(RFC.salt), keyPair: await rfcSenderKeys(), publicKey: unb64url(RFC.asPublic) },
    });
    expect(b64url(body)).toBe(RFC.body);
  });

  it("the browser side decrypts the RFC's message (so the test decryptor is right too)", async () => {
    const keys = await importBrowserKeys(RFC.uaPublic, RFC.auth, RFC.uaPrivate);
    const { plaintext, recordSize } = await decryptPush(unb64url(RFC.body), keys);
    expect(plaintext).toBe(RFC.plaintext);
    expect(recordSize).toBe(4096);
  });

  it("a fresh key and salt per message: two encryptions differ, each decrypts, padding hides the length", async () => {
    const keys = await browserKeys();
    const text = JSON.stringify({ title: "Somchai", body: "สวัสดีครับ 注文 — is my order shipped?" });
    const bytes = new TextEncoder().encode(text);
    const a = await encryptPayload(keys, bytes, { padTo: 256 });
    const b = await encryptPayload(keys, bytes, { padTo: 256 });
    expect(b64url(a)).not.toBe(b64url(b));
    expect(b64url(a.slice(0, 16))).not.toBe(b64url(b.slice(0, 16)));
    const decrypted = await decryptPush(a, keys);
    expect(decrypted.plaintext).toBe(text);
    expect(decrypted.paddedLength).toBe(257);
    // Another subscription's keys cannot read it.
    await expect(decryptPush(a, await browserKeys())).rejects.toThrow();
  });

  it("refuses unusable keys and payloads over one record", async () => {
    const keys = await browserKeys();
    await expect(encryptPayload({ p256dh: keys.p256dh.slice(0, 40), auth: keys.auth }, new Uint8Array(4))).rejects.toBeInstanceOf(InvalidSubscriptionKeys);
    await expect(encryptPayload({ p256dh: keys.p256dh, auth: "c2hvcnQ" }, new Uint8Array(4))).rejects.toBeInstanceOf(InvalidSubscriptionKeys);
    await expect(encryptPayload(keys, new Uint8Array(MAX_PLAINTEXT + 1))).rejects.toBeInstanceOf(RangeError);
    expect((await encryptPayload(keys, new Uint8Array(MAX_PLAINTEXT))).length).toBe(4096);
  });
});

describe("VAPID (RFC 8292)", () => {
  it("signs an ES256 JWT for the push service's origin that verifies with the public key", async () => {
    const keys = await vapidKeys(env);
    if (!keys) throw new Error("test VAPID keys missing");
    const now = Date.UTC(2026, 10, 20, 3, 0, 0);
    const jwt = await vapidJwt(keys, "https://fcm.googleapis.com", now);
    const [header, claims, signature] = jwt.split(".") as [string, string, string];
    expect(JSON.parse(new TextDecoder().decode(unb64url(header)))).toEqual({ typ: "JWT", alg: "ES256" });
    expect(JSON.parse(new TextDecoder().decode(unb64url(claims)))).toEqual({ aud: "https://fcm.googleapis.com", exp: now / 1000 + JWT_LIFETIME_S, sub: "mailto:push-tests@linedesk.test" });
    expect(JWT_LIFETIME_S).toBeLessThanOrEqual(24 * 60 * 60);
    const publicKey = await crypto.subtle.importKey("raw", unb64url(env.VAPID_PUBLIC_KEY ?? ""), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    const data = new TextEncoder().encode(`${header}.${claims}`);
    expect(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, unb64url(signature), data)).toBe(true);
    const tampered = new TextEncoder().encode(`${header}.${claims.slice(0, -2)}xx`);
    expect(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, unb64url(signature), tampered)).toBe(false);
  });

  it("a push request carries aes128gcm, TTL, Urgency, Topic and `vapid t=…, k=…`; the browser reads its body", async () => {
    const keys = await vapidKeys(env);
    if (!keys) throw new Error("test VAPID keys missing");
    const browser = await browserKeys();
    const endpoint = "https://push.example.net/wpush/v2/abc";
    const request = await buildPushRequest(keys, { endpoint, keys: browser }, '{"title":"Hi"}', { ttl: 3600, urgency: "high", topic: "conversation123" });
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-encoding")).toBe("aes128gcm");
    expect(request.headers.get("ttl")).toBe("3600");
    expect(request.headers.get("urgency")).toBe("high");
    expect(request.headers.get("topic")).toBe("conversation123");
    const auth = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(request.headers.get("authorization") ?? "");
    expect(auth?.[2]).toBe(env.VAPID_PUBLIC_KEY);
    const claims = JSON.parse(new TextDecoder().decode(unb64url(auth?.[1]?.split(".")[1] ?? "")));
    expect(claims.aud).toBe("https://push.example.net");
    const { plaintext } = await decryptPush(new Uint8Array(await request.arrayBuffer()), browser);
    expect(JSON.parse(plaintext)).toEqual({ title: "Hi" });
  });

  it("says what is wrong with the secrets, without showing them", () => {
    expect(vapidProblem(env)).toBeNull();
    expect(vapidProblem({ ...env, VAPID_PRIVATE_KEY: undefined })).toMatch(/not all set/);
    expect(vapidProblem({ ...env, VAPID_PUBLIC_KEY: "abc" })).toMatch(/VAPID_PUBLIC_KEY/);
    expect(vapidProblem({ ...env, VAPID_SUBJECT: "ops@example.com" })).toMatch(/mailto/);
    expect(vapidProblem({ ...env, VAPID_PRIVATE_KEY: "short" })).not.toContain("short");
    expect(vapidKeys({ ...env, VAPID_SUBJECT: "" })).toBeNull();
    // Imported once per configuration; a broken one is refused, whichever came before it.
    expect(vapidKeys(env)).toBe(vapidKeys(env));
    expect(vapidKeys({ ...env, VAPID_PRIVATE_KEY: "short" })).toBeNull();
    expect(vapidKeys(env)).not.toBeNull();
  });
});
