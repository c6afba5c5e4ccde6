// Issue 8, defect 2: search covers every status (the hit says which) and opens
// the thread at the matching message, even when it is far back in the thread.
import { beforeAll, describe, expect, it } from "vitest";
import { conversationOf, drainOutbox } from "../helpers/conversations";
import { postWebhook, routeLineToSimulator, textEvent, userId, webhookBody } from "../helpers/line";
import { type Agent, login } from "../helpers/session";

let agent: Agent;
beforeAll(async () => {
  agent = await login();
});

async function customerWrites(seed: string, texts: string[], rounds = 8) {
  routeLineToSimulator();
  const start = Date.now() - texts.length * 1000;
  const events = texts.map((text, i) => textEvent(text, { userId: userId(seed), timestamp: start + i * 1000 }));
  expect((await postWebhook(webhookBody(events))).status).toBe(200);
  const c = await conversationOf({ type: "user", userId: userId(seed) });
  await drainOutbox(c.stub, rounds);
  return c;
}

const rowOf = (html: string, id: string) => {
  const start = html.indexOf(`id="conv-${id}"`);
  return start === -1 ? "" : html.slice(start, html.indexOf("</li>", start));
};

describe("search spans every status", () => {
  it("finds a resolved conversation from All (and from Mine) and shows its status on the hit", async () => {
    const { id } = await customerWrites("search-resolved", ["Where is my quokka plushie?"]);
    expect((await agent.post(`/inbox/c/${id}/triage`, { status: "resolved" }, { htmx: true })).status).toBe(200);

    for (const view of ["all", "mine", "snoozed"]) {
      const html = await (await agent.get(`/inbox/list?view=${view}&q=quokka`)).text();
      const row = rowOf(html, id);
      expect(row, `searching from ${view}`).not.toBe("");
      expect(row).toContain("Resolved");
    }
    // The full page, as a browser opening a shared link would get it.
    const page = await (await agent.get("/inbox?q=quokka")).text();
    expect(rowOf(page, id)).toContain("Resolved");
    expect(page).toContain("Results from every status");
  });

  it("shows Open on an open hit too, and explains a search that finds nothing", async () => {
    const { id } = await customerWrites("search-open", ["My wombat mug arrived broken"]);
    expect(rowOf(await (await agent.get("/inbox/list?q=wombat")).text(), id)).toContain(">Open<");
    const none = await (await agent.get("/inbox/list?q=zzqqxxyy")).text();
    expect(none).toContain("No conversations match “zzqqxxyy”");
    expect(none).toContain("every status");
    expect(none).toContain("Clear search");
  });
});

describe("a hit opens the thread at the matching message", () => {
  it("links the hit to the thread with the search, which opens at that message far back in the thread", async () => {
    const filler = Array.from({ length: 70 }, (_, i) => `later message number ${i}`);
    const { id } = await customerWrites("search-deep", ["My tracking code is KX-55123, please check", ...filler]);

    const row = rowOf(await (await agent.get("/inbox/list?q=KX-55123")).text(), id);
    expect(row).toContain(`href="/inbox/c/${id}?q=KX-55123"`);

    // The usual thread page (the newest 50 messages) does not reach it…
    const latest = await (await agent.get(`/inbox/c/${id}`, { headers: { "hx-request": "true" } })).text();
    expect(latest).not.toContain("KX-55123");
    // …the search hit's page does, highlighted, with the messages after it.
    const hit = await (await agent.get(`/inbox/c/${id}?q=KX-55123`, { headers: { "hx-request": "true" } })).text();
    expect(hit).toContain("My tracking code is KX-55123, please check");
    expect(hit).toContain("later message number 69");
    const highlight = /data-highlight="(msg_[0-9a-z]{20})"/.exec(hit)?.[1];
    expect(highlight).toBeTruthy();
    const bubble = hit.slice(hit.indexOf(`id="msg-${highlight}"`));
    expect(bubble.slice(0, 2000)).toContain("KX-55123");

    // The same by message id (links that name the message).
    const byId = await (await agent.get(`/inbox/c/${id}?at=${highlight}`)).text();
    expect(byId).toContain(`data-highlight="${highlight}"`);
    expect(byId).toContain("KX-55123");
  });

  it("opens at the hit with a link to the latest when the hit is hundreds of messages back", async () => {
    const filler = Array.from({ length: 230 }, (_, i) => `chatter ${i}`);
    // Three alarm runs index all 231 messages (the index job goes before the events' listeners,
    // 200 search documents a run); the listeners' work for every message is not needed here.
    const { id } = await customerWrites("search-far", ["Order PZ-90817 was charged twice", ...filler], 3);
    const hit = await (await agent.get(`/inbox/c/${id}?q=${encodeURIComponent("pz-90817")}`, { headers: { "hx-request": "true" } })).text();
    expect(hit).toContain("Order PZ-90817 was charged twice");
    expect(hit).toContain("jump to the latest");
    expect(hit).not.toContain("chatter 229");
  });

  it("falls back to the latest messages when only the name matched", async () => {
    const { id } = await customerWrites("search-name-only", ["hello there"]);
    const res = await agent.get(`/inbox/c/${id}?q=${encodeURIComponent("nothing like this")}`, { headers: { "hx-request": "true" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("hello there");
    expect(html).not.toContain("data-highlight");
  });
});
