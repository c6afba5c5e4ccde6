// `npm run vapid`: a new VAPID key pair for Web Push (RFC 8292), made with
// WebCrypto (Node 22): an ECDSA P-256 key, printed as base64url raw keys — the
// public key as the 65-byte uncompressed point browsers take as
// applicationServerKey, the private key as its 32-byte scalar. Put them in
// .dev.vars locally, or `wrangler secret put` them in production. Keep the pair:
// a new public key makes every browser's subscription stale.

/** A fresh key pair as { publicKey, privateKey } (base64url, no padding). */
export async function generateVapidKeys() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { publicKey: Buffer.from(raw).toString("base64url"), privateKey: jwk.d };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const subject = process.argv[2] ?? "mailto:you@example.com";
  const { publicKey, privateKey } = await generateVapidKeys();
  console.log(`# Web Push (VAPID) keys — the private key is a secret.
VAPID_PUBLIC_KEY="${publicKey}"
VAPID_PRIVATE_KEY="${privateKey}"
VAPID_SUBJECT="${subject}"

# Production:
#   echo "${publicKey}" | npx wrangler secret put VAPID_PUBLIC_KEY
#   npx wrangler secret put VAPID_PRIVATE_KEY     # paste the private key
#   echo "${subject}" | npx wrangler secret put VAPID_SUBJECT`);
}
