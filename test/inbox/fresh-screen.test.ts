// Issue 8, defect 3: after an action every part of the screen it touched is
// current — the view counts, the thread header's status, the triage bar and the
// list row — from the action's own response (out-of-band swaps), and the bar
// the browser asks for after a live change (a snooze that ended) is current too.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { conversationOf, drainOutbox, editMeta } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import type { Agent } from "../helpers/session";
import { loginAs } from "../helpers/users";

let agent: Agent & { user: { id: string } };
beforeAll(async () => {
  // Its own agent, so "Mine" counts only what this file assigns.
  agent = await loginAs("agent", { name: "Fresh Screen" });
});

async function conversation(seed: string) {
  routeLineToSimulator();
  expect((await postWebhook(webhookBody([textEvent("hello", { userId: userId(seed) })]))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub);
  return c;
}

const triage = (id: string, form: Record<string, string>) => agent.post(`/inbox/c/${id}/triage`, form, { htmx: true });
/** The out-of-band element with this id in a response, or "" when it is not there. */
const oob = (html: string, id: string) => {
  const m = new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*hx-swap-oob="true"[^>]*>([\\s\\S]*?)</`).exec(html) ?? new RegExp(`<[a-z]+ [^>]*hx-swap-oob="true"[^>]*id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return m ? m[1]!.trim() : "";
};
const counts = async () => (await agent.get("/inbox/counts")).json<Record<"mine" | "pinned" | "snoozed" | "resolved", number>>();

describe("an action's response brings every affected part up to date", () => {
  it("carries the new view counts at once (assign, pin, snooze)", async () => {
    const { id } = await conversation("fresh-counts");
    const assigned = await (await triage(id, { assignee: agent.user.id })).text();
    expect(oob(assigned, "count-mine")).toBe(String((await counts()).mine));
    expect(Number(oob(assigned, "count-mine"))).toBeGreaterThanOrEqual(1);

    const pinned = await (await triage(id, { pinned: "1" })).text();
    expect(oob(pinned, "count-pinned")).toBe(String((await counts()).pinned));

    const before = await counts();
    const snoozed = await (await triage(id, { snooze: "1h" })).text();
    expect(oob(snoozed, "count-snoozed")).toBe(String(before.snoozed + 1));
    expect(oob(snoozed, "count-mine")).toBe(String(before.mine - 1));
  });

  it("carries the thread header's new status and the list row (resolve, as with the e key)", async () => {
    const { id } = await conversation("fresh-status");
    const html = await (await triage(id, { status: "resolved" })).text();
    expect(oob(html, "thread-status")).toBe("Resolved");
    expect(html).toMatch(/id="triage-bar"[^>]*data-status="resolved"/);
    const row = /<li id="conv-[0-9a-f]{64}"[^>]*hx-swap-oob="true"[\s\S]*?<\/li>/.exec(html)?.[0] ?? "";
    expect(row).toContain(`conv-${id}`);
    expect(row).toContain("Resolved");
  });

  it("bulk actions carry the counts too", async () => {
    const { id } = await conversation("fresh-bulk");
    const before = await counts();
    const res = await agent.get("/inbox/bulk", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true", origin: "https://linedesk.test" },
      body: new URLSearchParams([["_csrf", agent.csrf], ["ids", id], ["action", "resolve"]]),
    });
    const html = await res.text();
    expect(oob(html, "count-resolved")).toBe(String(before.resolved + 1));
  });
});

describe("the header after a change the agent did not make", () => {
  it("shows the conversation open again, without the snooze, once the snooze ended", async () => {
    const { id, stub } = await conversation("fresh-wake");
    const snoozed = await (await triage(id, { snooze: "4h" })).text();
    expect(snoozed).toMatch(/id="triage-bar"[^>]*data-status="snoozed"/);
    expect(snoozed).toContain("Until ");
    // The snooze's time comes (as the alarm would after four hours).
    await runInDurableObject(stub, (_i: ConversationDO, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'wake'");
    });
    await editMeta(stub, "triage", (triage) => triage && { ...triage, snoozedUntil: 1 });
    await runDurableObjectAlarm(stub);
    await drainOutbox(stub);
    const header = await (await agent.get(`/inbox/c/${id}/triage`, { headers: { "hx-request": "true" } })).text();
    expect(header).toMatch(/id="triage-bar"[^>]*data-status="open"/);
    expect(header).not.toContain("Until ");
    expect(header).toContain("Snooze");
    expect(oob(header, "thread-status")).toBe("Open");
  });

  it("answers 404 for a conversation that is not in the workspace", async () => {
    expect((await agent.get(`/inbox/c/${"c".repeat(64)}/triage`)).status).toBe(404);
  });
});
