// Issue 8, defect 7: an empty list says why — which filter hides conversations
// and how to clear it, that everything is resolved, or (only in simulator mode,
// only for a workspace with no conversation at all) to write from the simulator.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { ConversationList } from "../../src/inbox/views/conversation-list";
import { loginAs, loginInNewWorkspace } from "../helpers/users";

const SIMULATOR_HINT = "simulator";

describe("empty lists", () => {
  it("tells a brand-new workspace (simulator mode) to write from the simulator", async () => {
    const owner = await loginInNewWorkspace();
    const html = await (await owner.get("/inbox")).text();
    expect(html).toContain("No conversations yet");
    expect(html).toContain("Send a message from the LINE simulator");
    expect(html).toContain('href="/simulator"');
  });

  it("says All is caught up when every conversation is resolved, with a way to them — no simulator hint", async () => {
    const owner = await loginInNewWorkspace();
    const channel = newId("ch");
    await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, 'Caught-up OA', ?, 'x', 'x', 0)")
      .bind(channel, owner.user.workspaceId, `77${Date.now()}`.slice(0, 10))
      .run();
    await env.DB.prepare(
      `INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, title, status, bucket, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at)
       VALUES (?, ?, ?, 'user', 'Ucaughtup', 'Done customer', 'resolved', 'resolved', 'thanks!', 'inbound', ?, 0, 1, 0)`,
    )
      .bind("d".repeat(63) + "1", owner.user.workspaceId, channel, Date.now())
      .run();
    const html = await (await owner.get("/inbox/list?view=all")).text();
    expect(html).toContain("All caught up");
    expect(html).toContain('href="/inbox?view=resolved"');
    expect(html.toLowerCase()).not.toContain(SIMULATOR_HINT);
  });

  it("names the filter that hides conversations and links to the view without it", async () => {
    const agent = await loginAs("agent");
    const tag = newId("tag");
    await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Wholesale', 'blue', 0)").bind(tag, agent.user.workspaceId).run();
    const html = await (await agent.get(`/inbox/list?view=follow_up&tag=${tag}`)).text();
    expect(html).toContain("Nothing in Follow-up with these filters");
    expect(html).toContain("tag Wholesale");
    expect(html).toMatch(/href="\/inbox\?view=follow_up"[^>]*>\s*Clear filters/);
    expect(html.toLowerCase()).not.toContain(SIMULATOR_HINT);
  });

  it("says what an empty view is for (Mine), not that the workspace is empty", async () => {
    const agent = await loginAs("agent");
    const html = await (await agent.get("/inbox/list?view=mine")).text();
    expect(html).toContain("Nothing assigned to you");
    expect(html).toContain("Show all open conversations");
    expect(html.toLowerCase()).not.toContain(SIMULATOR_HINT);
  });

  it("never mentions the simulator in production mode, even for an empty workspace", () => {
    const html = String(ConversationList({ items: [], nextCursor: null, empty: { kind: "workspace", simulator: false } }));
    expect(html).toContain("No conversations yet");
    expect(html).toContain("LINE Official Account");
    expect(html.toLowerCase()).not.toContain(SIMULATOR_HINT);
  });
});
