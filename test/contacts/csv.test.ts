// CSV export of the filtered directory (custom fields as columns, formula-safe
// cells) and CSV import (match by id or a unique field, per-row errors, nothing
// written from a bad file, all rows in one transaction).
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/contacts/csv/format";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { customField, plainContact, setField } from "./directory-helpers";

let admin: Agent;
beforeAll(async () => {
  admin = await login();
});

function upload(path: string, csv: string, matchBy: string): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", admin.csrf);
  form.set("matchBy", matchBy);
  form.set("file", new File([csv], "contacts.csv", { type: "text/csv" }));
  return SELF.fetch(`${ORIGIN}${path}`, { method: "POST", redirect: "manual", headers: { cookie: admin.cookie, origin: ORIGIN }, body: form });
}

function apply(csv: string, matchBy: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/contacts/import/apply`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: admin.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: admin.csrf, matchBy, csv }),
  });
}

describe("CSV export", () => {
  it("exports the filtered list with custom fields as columns, formula-safe", async () => {
    const tier = await customField("tier", "Tier");
    const a = await plainContact("=HYPERLINK(\"http://evil\")");
    const b = await plainContact("Export Beta");
    await setField(a, tier, "+gold");
    await setField(b, tier, "silver");
    const res = await admin.get("/contacts/export.csv?q=export%20beta");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parseCsv(await res.text());
    expect(rows[0]).toContain("tier");
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe(b);
    expect(rows[1]?.[rows[0]?.indexOf("tier") ?? -1]).toBe("silver");
    const evil = parseCsv(await (await admin.get("/contacts/export.csv?q=hyperlink")).text());
    expect(evil[1]?.[1]).toBe("'=HYPERLINK(\"http://evil\")");
    expect(evil[1]?.[evil[0]?.indexOf("tier") ?? -1]).toBe("'+gold");
  });
});

describe("CSV export at size", () => {
  it("exports more contacts than one statement can look up at once (D1 binds 100), each with its field", async () => {
    const tier = await customField("tier", "Tier");
    const made = [];
    for (let i = 0; i < 120; i++) {
      const id = await plainContact(`Wholesale ${String(i).padStart(3, "0")}`);
      await setField(id, tier, `level-${i}`);
      made.push(id);
    }
    const res = await admin.get("/contacts/export.csv?q=wholesale");
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    expect(rows).toHaveLength(121);
    const column = rows[0]?.indexOf("tier") ?? -1;
    const byId = new Map(rows.slice(1).map((r) => [r[0], r[column]]));
    expect(byId.get(made[0])).toBe("level-0");
    expect(byId.get(made[119])).toBe("level-119");
  }, 30_000);
});

describe("CSV import", () => {
  it("previews per-row errors and writes nothing from a file with a bad row", async () => {
    const member = await customField("member_no", "Member no.");
    const a = await plainContact("Import A");
    const b = await plainContact("Import B");
    await setField(a, member, "M-100");
    await setField(b, member, "M-200");
    const csv = "member_no,tier,tags\r\nM-100,gold,Imported;VIP-CSV\r\nM-999,silver,\r\nM-200,,Imported\r\n";
    const preview = await upload("/contacts/import", csv, "member_no");
    expect(preview.status).toBe(422);
    const html = await preview.text();
    expect(html).toContain("Row 3: no contact has member_no “M-999”");
    expect(html).not.toContain("Apply the changes");
    // Forcing the apply anyway changes nothing.
    expect((await apply(csv, "member_no")).status).toBe(422);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE t.name = 'Imported'").first<{ n: number }>())?.n).toBe(0);
    expect(await env.DB.prepare("SELECT id FROM tags WHERE name = 'VIP-CSV'").first()).toBeNull();
  });

  it("applies a clean file by contact id: fields and tags, all rows at once", async () => {
    const tier = await customField("tier", "Tier");
    const a = await plainContact("Apply A");
    const b = await plainContact("Apply B");
    const csv = `id,name,tier,tags\n${a},Apply A,gold,Wholesale-CSV\n${b},ignored,silver,Wholesale-CSV;Retail-CSV\n`;
    const preview = await upload("/contacts/import", csv, "id");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("2 rows ready to apply.");
    expect(html).toContain("Apply the changes");
    const done = await apply(csv, "id");
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/contacts?notice=imported&n=2");
    const values = await env.DB.prepare("SELECT contact_id, value FROM contact_field_values WHERE field_id = ? AND contact_id IN (?, ?) ORDER BY value").bind(tier, a, b).all<{ contact_id: string; value: string }>();
    expect(values.results).toEqual([{ contact_id: a, value: "gold" }, { contact_id: b, value: "silver" }]);
    const tags = await env.DB.prepare("SELECT kt.contact_id, t.name FROM contact_tags kt JOIN tags t ON t.id = kt.tag_id WHERE kt.contact_id IN (?, ?) ORDER BY t.name, kt.contact_id").bind(a, b).all<{ name: string }>();
    expect(tags.results).toHaveLength(3);
    expect((await env.DB.prepare("SELECT action FROM audit_logs WHERE action = 'contact.imported' ORDER BY created_at DESC").first())?.action).toBe("contact.imported");
  });

  it("rolls back when a contact was merged between preview and apply", async () => {
    const a = await plainContact("Rollback A");
    const b = await plainContact("Rollback B");
    const tier = await customField("tier", "Tier");
    const csv = `id,tier\n${a},bronze\n${b},bronze\n`;
    expect((await upload("/contacts/import", csv, "id")).status).toBe(200);
    await env.DB.prepare("UPDATE contacts SET merged_into_id = ? WHERE id = ?").bind(a, b).run();
    const res = await apply(csv, "id");
    expect(res.status).toBe(422);
    expect(await env.DB.prepare("SELECT value FROM contact_field_values WHERE field_id = ? AND contact_id = ?").bind(tier, a).first()).toBeNull();
  });

  it("refuses an unknown column and an unreadable file", async () => {
    const res = await upload("/contacts/import", "id,shoe_size\nct_x,42\n", "id");
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Unknown column “shoe_size”");
    const broken = await upload("/contacts/import", 'id,tier\n"ct_x,gold\n', "id");
    expect(await broken.text()).toContain("cannot be read as CSV");
  });
});
