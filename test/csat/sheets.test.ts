// Each complete CSAT answer becomes one row in the workspace's Google Sheet:
// a service-account JWT (RS256, WebCrypto) exchanged at the token endpoint,
// then values.append — against a fake that verifies the JWT with the public
// key. A failed append is retried from the outbox and never appended twice.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { saveSheetTarget } from "../../src/csat/sheets";
import { agentAnswersAndResolves, csatWorkspace, fakeLine, sent, surveyCustomer } from "./helpers";
import { fakeGoogle } from "./fake-google";
import { allDueNow } from "../helpers/conversations";

async function rateAndComment(label: string, comment: string) {
  const setup = await csatWorkspace(label);
  const google = await fakeGoogle();
  await saveSheetTarget(env, setup.workspaceId, { clientEmail: google.clientEmail, privateKey: google.privateKeyPem, spreadsheetId: "1AbC-sheet_ID", sheetName: "CSAT answers" });
  const line = fakeLine();
  const c = surveyCustomer(setup, label);
  await c.says("hello");
  await agentAnswersAndResolves(setup, c);
  await c.post([]);
  const data = [...JSON.stringify(sent(line.calls).at(-1)?.messages).matchAll(/"data":"(csat:[^"]+:3)"/g)][0]?.[1] ?? "";
  return { setup, google, c, data, comment };
}

describe("Google Sheets export", { timeout: 30_000 }, () => {
  it("appends the answer as a row, authenticated with a signed JWT", async () => {
    const { google, c, data } = await rateAndComment("sheets", "");
    await c.taps(data);
    await c.says("=1+1 is fine, thanks");
    expect(google.rejectedAssertions).toEqual([]);
    expect(google.tokenRequests).toBe(1);
    expect(google.appended).toHaveLength(1);
    const [call] = google.appended;
    expect(call?.spreadsheetId).toBe("1AbC-sheet_ID");
    expect(call?.range).toBe("CSAT answers!A1");
    expect(call?.query.valueInputOption).toBe("RAW");
    const row = call?.values[0] ?? [];
    expect(row.slice(1, 4)).toEqual(["3", "=1+1 is fine, thanks", expect.stringMatching(/^OA CSAT sheets/)]);
    expect(row[7]).toBe(c.id());
    const stored = await env.DB.prepare("SELECT last_appended_at, last_error, private_key_enc FROM csat_sheets WHERE client_email = ?").bind(google.clientEmail).first<Record<string, unknown>>();
    expect(stored?.last_error).toBeNull();
    expect(stored?.last_appended_at).toBeTypeOf("number");
    // The key is stored sealed, never as the PEM.
    expect(String(stored?.private_key_enc)).not.toContain("PRIVATE KEY");
  });

  it("retries from the outbox after a Sheets outage, once", async () => {
    const { google, c, data, setup } = await rateAndComment("outage", "");
    google.failSheetsWith = 503;
    await c.taps(data);
    await c.says("ok");
    expect(google.appended).toHaveLength(0);
    const target = await env.DB.prepare("SELECT last_error FROM csat_sheets WHERE workspace_id = ?").bind(setup.workspaceId).first<{ last_error: string }>();
    expect(target?.last_error).toMatch(/Sheets API 503/);

    google.failSheetsWith = null;
    const stub = c.stub();
    await allDueNow(stub);
    await runDurableObjectAlarm(stub);
    expect(google.appended).toHaveLength(1);
    await allDueNow(stub);
    await runDurableObjectAlarm(stub);
    expect(google.appended).toHaveLength(1);
  });

  it("a key the token endpoint cannot verify is refused there and nothing is appended", async () => {
    const { google, c, data, setup } = await rateAndComment("wrongkey", "");
    const other = await fakeGoogle();
    // The stored key now belongs to a different account than the endpoint knows.
    await saveSheetTarget(env, setup.workspaceId, { clientEmail: other.clientEmail, privateKey: google.privateKeyPem, spreadsheetId: "1AbC", sheetName: "CSAT" });
    await c.taps(data);
    await c.says("fine");
    expect(other.rejectedAssertions).toEqual(["Invalid JWT Signature."]);
    expect(other.appended).toHaveLength(0);
  });
});
