// @mentions in notes push to the mentioned agent's devices — with the note's
// start, in their language, opening the conversation — never to the author,
// and not to someone who switched @mentions off.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { type Agent, login, ORIGIN } from "../helpers/session";
import { fakeLine, newWorkspace, type Setup } from "../outbound-webhooks/helpers";
import { customerOf, pushesTo, pushService, readPush, subscribeDevice, type TestDevice } from "./helpers";

let setup: Setup;
let asAdmin: Agent;
let adminDevice: TestDevice;
let agentDevice: TestDevice;
let conversationId: string;
let contactId: string;

/** Posts a note like the contact panel does, and waits for the work it leaves for after the response. */
async function note(body: string): Promise<Response> {
  const request = new Request(`${ORIGIN}/contacts/${contactId}/notes`, {
    method: "POST",
    headers: { cookie: asAdmin.cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", "hx-request": "true" },
    body: new URLSearchParams({ _csrf: asAdmin.csrf, body, conversation: conversationId }),
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

beforeAll(async () => {
  setup = await newWorkspace("Mentions", ["agent"]);
  const agent = setup.people.agent ?? setup.admin;
  await env.DB.prepare("UPDATE users SET name = 'Ploy Srisuk', language = 'th' WHERE id = ?").bind(agent.id).run();
  asAdmin = await login(setup.admin.email, setup.admin.password);
  adminDevice = await subscribeDevice(setup.workspaceId, setup.admin.id);
  agentDevice = await subscribeDevice(setup.workspaceId, agent.id);
  fakeLine();
  pushService();
  const yuki = customerOf(setup, "mentions");
  await yuki.says("I was charged twice");
  conversationId = yuki.id();
  const row = await env.DB.prepare("SELECT contact_id FROM conversations WHERE id = ?").bind(conversationId).first<{ contact_id: string }>();
  contactId = row?.contact_id ?? "";
});

describe("mention pushes", () => {
  it("the mentioned agent's devices get the note's start in their language; the author's do not", async () => {
    const pushes = pushService();
    expect((await note("@Ploy Srisuk can you refund the second charge? She sent the receipt.")).status).toBe(200);
    expect(pushesTo(pushes, adminDevice)).toHaveLength(0);
    const [push] = pushesTo(pushes, agentDevice);
    if (!push) throw new Error("the mentioned agent got no push");
    const payload = await readPush(push, agentDevice);
    expect(payload.title).toBe(`${setup.admin.name} กล่าวถึงคุณ`);
    expect(payload.body).toBe("Yuki: @Ploy Srisuk can you refund the second charge? She sent the receipt.");
    expect(payload).toMatchObject({ url: `/inbox/c/${conversationId}`, category: "mentions" });
    expect(push.headers.urgency).toBe("high");
  });

  it("respects @mentions switched off and hide message text", async () => {
    const agent = setup.people.agent ?? setup.admin;
    await env.DB.prepare("INSERT INTO notification_preferences (user_id, workspace_id, mine, unassigned, mentions, sla, hide_text, updated_at) VALUES (?, ?, 1, 1, 0, 1, 0, 0)").bind(agent.id, setup.workspaceId).run();
    const off = pushService();
    await note("@Ploy Srisuk are you there?");
    expect(off).toHaveLength(0);

    await env.DB.prepare("UPDATE notification_preferences SET mentions = 1, hide_text = 1 WHERE user_id = ?").bind(agent.id).run();
    const hidden = pushService();
    await note("@Ploy Srisuk her card ends 4242");
    const [push] = pushesTo(hidden, agentDevice);
    if (!push) throw new Error("no push");
    const payload = await readPush(push, agentDevice);
    expect(payload.body).toBe("ในโน้ตของ Yuki");
    expect(JSON.stringify(payload)).not.toContain("4242");
  });
});
