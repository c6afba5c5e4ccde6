// What agents and customers notice around workflows beyond the editor: the
// composer's "/" command list offers the shortcuts the agent's role may run
// (picking one posts to the toolbar button's route); the shipped templates'
// texts reach a customer in their own language while left unedited; the run
// log names its line kinds in the reader's language.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { customer, newChannel, sentTexts, sends } from "../automation/helpers";
import { routeLineToSimulator, type LineCall } from "../helpers/line";
import { hiddenCsrf } from "../helpers/session";
import { loginAs } from "../helpers/users";
import { templateDraft } from "../../src/workflows/templates";
import { postbackOf, publishedWorkflow } from "./helpers";

let line: ReturnType<typeof routeLineToSimulator>;
afterEach(() => line?.restore());

/** LINE answered in-process, with a customer profile in `language`. */
function lineSpeaking(language: string) {
  return routeLineToSimulator((call: LineCall) => {
    if (call.path === "/v2/bot/message/reply" || call.path === "/v2/bot/message/push") return Response.json({ sentMessages: [] });
    if (call.path.startsWith("/v2/bot/profile/")) return Response.json({ userId: call.path.split("/").pop(), displayName: "Yuki", language });
    return null;
  });
}

const note = (text: string) => [{ id: "n", type: "note" as const, text, next: null }];

describe("workflow shortcuts in the command list, customer texts, run log", { timeout: 60_000 }, () => {
  it("the / command list offers the shortcuts the agent's role may run, filtered by what is typed", async () => {
    line = lineSpeaking("en");
    const channel = await newChannel();
    const stamp = Date.now().toString(36);
    const forAgents = await publishedWorkflow(channel, "Refund", { type: "shortcut", label: `Refund ${stamp}`, minRole: "agent" }, note("Refund started"));
    await publishedWorkflow(channel, "Legal", { type: "shortcut", label: `Legal ${stamp}`, minRole: "supervisor" }, note("Legal started"));
    const c = customer(channel, "commands");
    await c.says("I want my money back");
    const agent = await loginAs("agent");
    const list = await (await agent.get(`/inbox/c/${c.id()}/compose/canned?q=${stamp}`)).text();
    expect(list).toContain(`data-workflow-command="Refund ${stamp}"`);
    expect(list).toContain(`data-workflow-url="/inbox/c/${c.id()}/workflows/${forAgents}"`);
    expect(list).not.toContain(`Legal ${stamp}`);
    const supervisor = await loginAs("supervisor");
    const both = await (await supervisor.get(`/inbox/c/${c.id()}/compose/canned?q=${encodeURIComponent(`legal ${stamp}`)}`)).text();
    expect(both).toContain(`data-workflow-command="Legal ${stamp}"`);
    expect(both).not.toContain(`Refund ${stamp}`);
    // Picking it posts where the toolbar button does, and the run starts.
    const page = await (await agent.get(`/inbox/c/${c.id()}`)).text();
    const ran = await agent.post(`/inbox/c/${c.id()}/workflows/${forAgents}`, { _csrf: hiddenCsrf(page) }, { htmx: true });
    expect(ran.status).toBe(200);
    expect(await ran.text()).toContain(`Refund ${stamp} started`);
  });

  it("a shipped template's texts and choices go out in the customer's language; an edited text as written", async () => {
    line = lineSpeaking("ja");
    const channel = await newChannel();
    const faq = templateDraft("faq", []).draft;
    await publishedWorkflow(channel, "FAQ", { type: "conversation.opened", channelIds: [channel.id] }, faq.steps);
    const c = customer(channel, "faq-ja");
    await c.says("こんにちは");
    const question = sends(line.calls).at(-1)?.messages.at(-1) as Record<string, unknown>;
    expect(question.text).toBe("Yukiさん、こんにちは！どのようなご用件でしょうか？");
    await c.send([{ type: "postback", postback: { data: postbackOf([question], "営業時間") }, replyToken: "rt-faq-ja", source: { type: "user", userId: c.uid }, timestamp: Date.now(), mode: "active", webhookEventId: `ev-faq-${Date.now()}`, deliveryContext: { isRedelivery: false } }]);
    expect(sentTexts(line.calls).at(-1)).toBe("営業時間は月曜〜金曜の 9:00〜18:00 です。");

    const edited = faq.steps.map((s) => (s.id === "menu" && s.type === "question" ? { ...s, message: { messages: [{ type: "text" as const, text: "Welcome to our shop!" }], quickReplies: [] } } : s));
    const channel2 = await newChannel();
    await publishedWorkflow(channel2, "FAQ edited", { type: "conversation.opened", channelIds: [channel2.id] }, edited);
    const d = customer(channel2, "faq-edited");
    await d.says("hello");
    expect(sentTexts(line.calls).at(-1)).toBe("Welcome to our shop!");
  });

  it("the run log names its line kinds in the reader's language", async () => {
    line = lineSpeaking("en");
    const channel = await newChannel();
    const id = await publishedWorkflow(channel, "Log", { type: "message.received", channelIds: [channel.id], conditions: [] }, note("Logged"));
    await customer(channel, "log").says("hi");
    const admin = await loginAs("admin");
    await env.DB.prepare("UPDATE users SET language = 'ja' WHERE id = ?").bind(admin.user.id).run();
    const html = await (await admin.get(`/settings/workflows/${id}/runs`)).text();
    expect(html).toMatch(/class="wf-log__kind">開始</);
    expect(html).toMatch(/class="wf-log__kind">完了</);
  });
});
