// SLA in the inbox: "SLA due first" lists the conversations with a running or
// breached target by due time (breached first), then the rest in the usual
// order, paged by keyset with every conversation exactly once; the badge
// carries the due time as data for the client to keep it fresh, says
// "breached" once the due time has passed, and shows in the thread header too.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/inbox/queries";
import { createPolicy } from "../../src/sla/policies";
import { userId } from "../helpers/line";
import { login } from "../helpers/session";
import { customer, fakeLine, newWorkspace } from "../outbound-webhooks/helpers";

const MIN = 60_000;
const ids = (html: string) => [...html.matchAll(/id="conv-([0-9a-f]{64})"/g)].map((m) => m[1] ?? "");

describe("SLA in the inbox", { timeout: 60_000 }, () => {
  it("sorts by due time, breached first, then the conversations without a target; keyset pages cover each once", async () => {
    const setup = await newWorkspace("SLA sort");
    const now = Date.now();
    const rows = Array.from({ length: PAGE_SIZE + 12 }, (_, i) => {
      // Every fourth has no target (the first page ends among the due ones); a few are breached (due in the past); two share a due time.
      const due = i % 4 === 0 ? null : i % 7 === 1 ? now - (i + 1) * MIN : now + (((i * 37) % 50) + 1) * MIN;
      return { id: (i + 1).toString(16).padStart(64, "a"), due: i === 5 ? now + 38 * MIN : due, breached: due !== null && due < now ? due : null, activity: now - i * 1000 };
    });
    await env.DB.batch(
      rows.map((r, i) =>
        env.DB.prepare(
          `INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, bucket, last_message_preview, last_message_direction,
             last_activity_at, unread_count, last_seq, created_at, sla_due_at, sla_breached_at)
           VALUES (?, ?, ?, 'user', ?, ?, 'open', 'active', 'hi', 'inbound', ?, 0, 1, ?, ?, ?)`,
        ).bind(r.id, setup.workspaceId, setup.channelId, userId(`sla-sort-${i}`), `Customer ${i}`, r.activity, r.activity, r.due, r.breached),
      ),
    );
    const withDue = rows.filter((r) => r.due !== null).sort((a, b) => (a.due ?? 0) - (b.due ?? 0) || (a.id < b.id ? -1 : 1));
    const without = rows.filter((r) => r.due === null).sort((a, b) => b.activity - a.activity);
    const expected = [...withDue, ...without].map((r) => r.id);

    const admin = await login(setup.admin.email, setup.admin.password);
    const page = await (await admin.get("/inbox?sort=sla")).text();
    // The sort is offered beside the filters, and chosen.
    expect(page).toMatch(/<option value="sla" selected="">/);
    const seen = ids(page);
    expect(seen.slice(0, 3)).toEqual(expected.slice(0, 3));
    let cursor = /cursor=([^"&]+)/.exec(page)?.[1];
    expect(cursor).toMatch(/^s\./);
    for (let i = 0; i < 5 && cursor; i++) {
      const next = await (await admin.get(`/inbox/list?sort=sla&cursor=${cursor}`, { headers: { "hx-request": "true" } })).text();
      seen.push(...ids(next));
      cursor = /cursor=([^"&]+)/.exec(next)?.[1];
    }
    expect(seen).toEqual(expected);

    // The breached rows say so, the others carry their due time for the client.
    const breached = rows.find((r) => r.breached !== null)!;
    const rowHtml = page.slice(page.indexOf(`id="conv-${breached.id}"`));
    expect(rowHtml.slice(0, rowHtml.indexOf("</li>"))).toContain("tag--sla-breached");
    expect(page).toMatch(/data-sla-due="\d+"/);
    // The usual order is unchanged without the sort.
    expect(ids(await (await admin.get("/inbox")).text())[0]).toBe(rows[0]?.id);
  });

  it("the thread header shows the badge with its due time, and 'breached' once it has passed", async () => {
    const setup = await newWorkspace("SLA header");
    await createPolicy(env.DB, setup.workspaceId, { name: "Std", position: 1, channelId: null, teamId: null, minPriority: null, tagId: null, firstResponseMinutes: 20, nextResponseMinutes: null, resolutionMinutes: null, businessHours: 0 });
    fakeLine();
    const c = customer(setup, "sla-header");
    const t0 = Date.now();
    await c.says("Is anyone there?", { timestamp: t0 });
    const admin = await login(setup.admin.email, setup.admin.password);
    const html = await (await admin.get(`/inbox/c/${c.id()}`)).text();
    const badge = /<span id="thread-sla"[^>]*>([^<]*)<\/span>/.exec(html);
    expect(badge?.[0]).toContain(`data-sla-due="${t0 + 20 * MIN}"`);
    expect(badge?.[1]).toMatch(/^due in (20|19)m$/);
    // The page loads the script that keeps the words fresh.
    expect(html).toContain('src="/sla-badge.js"');

    // Past due (the alarm has not run yet): the header already says breached.
    await env.DB.prepare("UPDATE conversations SET sla_due_at = ? WHERE id = ?").bind(t0 - MIN, c.id()).run();
    const late = await (await admin.get(`/inbox/c/${c.id()}`)).text();
    expect(/<span id="thread-sla"[^>]*>([^<]*)<\/span>/.exec(late)?.[1]).toBe("breached");
  });
});
