// A fake of Google's OAuth token endpoint and Sheets API in this isolate
// (https://oauth.google.test, https://sheets.google.test — never the network).
// The token endpoint verifies the jwt-bearer assertion with the service
// account's PUBLIC key (RS256), its claims and lifetime, as Google does; the
// Sheets fake checks the bearer token and records values.append calls.
import { vi } from "vitest";

export interface Appended {
  spreadsheetId: string;
  range: string;
  query: Record<string, string>;
  values: string[][];
}

export interface FakeGoogle {
  clientEmail: string;
  privateKeyPem: string;
  appended: Appended[];
  tokenRequests: number;
  rejectedAssertions: string[];
  /** Answer Sheets calls with this status instead (e.g. 503) until cleared. */
  failSheetsWith: number | null;
}

function b64urlDecode(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function pem(der: ArrayBuffer): string {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN PRIVATE KEY-----\n${b64.replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
}

let installed = false;
let current: { fake: FakeGoogle; publicKey: CryptoKey } | null = null;
const TOKEN = "ya29.fake-access-token";

/** A new service account (RSA key pair) and a fresh record of calls. */
export async function fakeGoogle(): Promise<FakeGoogle> {
  const pair = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const privateKeyPem = pem((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const fake: FakeGoogle = { clientEmail: `csat-${crypto.randomUUID().slice(0, 8)}@linedesk-test.iam.gserviceaccount.com`, privateKeyPem, appended: [], tokenRequests: 0, rejectedAssertions: [], failSheetsWith: null };
  current = { fake, publicKey: pair.publicKey };
  if (!installed) {
    installed = true;
    const spy = vi.mocked(globalThis.fetch);
    const previous = spy.getMockImplementation();
    spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (url.host === "oauth.google.test") return token(request);
      if (url.host === "sheets.google.test") return sheets(request, url);
      return previous ? previous(input, init) : new Response("no route", { status: 599 });
    });
  }
  return fake;
}

async function token(request: Request): Promise<Response> {
  if (!current) return new Response("no account", { status: 500 });
  const form = new URLSearchParams(await request.text());
  const fail = (why: string) => {
    current?.fake.rejectedAssertions.push(why);
    return Response.json({ error: "invalid_grant", error_description: why }, { status: 400 });
  };
  if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return fail("grant_type");
  const [header, claims, signature] = (form.get("assertion") ?? "").split(".");
  if (!header || !claims || !signature) return fail("not a JWT");
  const ok = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", current.publicKey, b64urlDecode(signature), new TextEncoder().encode(`${header}.${claims}`));
  if (!ok) return fail("Invalid JWT Signature.");
  const h = JSON.parse(new TextDecoder().decode(b64urlDecode(header)));
  const c = JSON.parse(new TextDecoder().decode(b64urlDecode(claims)));
  const now = Math.floor(Date.now() / 1000);
  if (h.alg !== "RS256") return fail("alg");
  if (c.iss !== current.fake.clientEmail) return fail("iss");
  if (c.aud !== "https://oauth.google.test/token") return fail("aud");
  if (c.scope !== "https://www.googleapis.com/auth/spreadsheets") return fail("scope");
  if (!(c.iat <= now + 5 && c.exp > now && c.exp - c.iat <= 3600)) return fail("lifetime");
  current.fake.tokenRequests++;
  return Response.json({ access_token: TOKEN, expires_in: 3599, token_type: "Bearer" });
}

async function sheets(request: Request, url: URL): Promise<Response> {
  if (!current) return new Response("no account", { status: 500 });
  if (request.headers.get("authorization") !== `Bearer ${TOKEN}`) return Response.json({ error: { code: 401 } }, { status: 401 });
  if (current.fake.failSheetsWith) return Response.json({ error: { code: current.fake.failSheetsWith } }, { status: current.fake.failSheetsWith });
  const m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+):append$/.exec(url.pathname);
  if (!m || request.method !== "POST") return Response.json({ error: { code: 404 } }, { status: 404 });
  const body = (await request.json()) as { values: string[][] };
  current.fake.appended.push({ spreadsheetId: decodeURIComponent(m[1] ?? ""), range: decodeURIComponent(m[2] ?? ""), query: Object.fromEntries(url.searchParams), values: body.values });
  return Response.json({ spreadsheetId: m[1], updates: { updatedRows: body.values.length } });
}
