// The CSAT survey in LINE: sent when a conversation is resolved (by reply when
// the customer's token is fresh, else by push), rated by a tap, then a comment
// or Skip, and thanks — stored for reports, shown in the thread, sent to
// outbound webhooks as csat.rated, without reopening the conversation.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sendCsatSurvey } from "../../src/csat";
import { indexRow } from "../helpers/conversations";
import { receiver, runDeliveries, subscribe } from "../outbound-webhooks/helpers";
import { addRule } from "../automation/helpers";
import { agentAnswersAndResolves, csatWorkspace, fakeLine, responses, sent, surveyCustomer } from "./helpers";

function ratingData(messages: Array<Record<string, unknown>>): string[] {
  const flex = JSON.stringify(messages);
  return [...flex.matchAll(/"data":"(csat:[^"]+)"/g)].map((m) => m[1] ?? "");
}

describe("survey on resolve", { timeout: 30_000 }, () => {
  it("asks for a rating by reply, takes the tap and the comment, thanks, and stays resolved", async () => {
    const setup = await csatWorkspace("flow", { texts: { en: { thanks: "Thanks from Cafe Mori!" } } });
    const hook = await subscribe(setup, ["csat.rated"]);
    const hooks = receiver();
    const line = fakeLine();
    const yuki = surveyCustomer(setup, "flow");
    await yuki.says("Where is my order?");
    const agent = setup.people.agent ?? setup.admin;
    await yuki.stub().send({ agent: { id: agent.id, name: agent.name }, messages: [{ type: "text", text: "It ships today." }], preview: { type: "text", text: "It ships today." } });
    // The customer's thanks brings a fresh reply token: the survey goes with it, free.
    await yuki.says("Great, thanks!");
    await yuki.stub().triage({ kind: "status", status: "resolved" }, { id: agent.id, name: agent.name });
    await yuki.post([]);

    const survey = sent(line.calls).at(-1);
    expect(survey?.via).toBe("reply");
    expect(survey?.messages[0]?.type).toBe("flex");
    expect(survey?.messages[0]?.altText).toBe("How would you rate our support today?");
    const taps = ratingData(survey?.messages ?? []);
    expect(taps).toHaveLength(5);
    expect(taps[0]).toMatch(/^csat:csat_[\w-]+:5$/);

    await yuki.taps(taps[1] ?? "");
    const prompt = sent(line.calls).at(-1);
    expect(prompt?.via).toBe("reply");
    expect(prompt?.messages[0]?.text).toMatch(/Anything you would like to add/);
    expect(JSON.stringify(prompt?.messages[0]?.quickReply)).toContain(":skip");

    await yuki.says("Fast and friendly, thank you");
    expect(sent(line.calls).at(-1)?.messages[0]?.text).toBe("Thanks from Cafe Mori!");

    const [row] = await responses(yuki.id());
    expect(row).toMatchObject({ score: 4, comment: "Fast and friendly, thank you", status: "done", sent_via: "reply", trigger: "resolve", language: "en" });
    const index = await indexRow(yuki.id());
    // Still resolved; the tap and the comment did not add to the two unread questions from before.
    expect(index).toMatchObject({ status: "resolved", unread_count: 2 });

    const thread = await yuki.stub().thread();
    const lines = thread.messages.filter((m) => m.body.type === "activity" && m.body.action === "csat").map((m) => (m.body.type === "activity" ? m.body.params : null));
    expect(lines).toEqual([{ csat: "rated", score: 4 }, { csat: "commented", comment: "Fast and friendly, thank you" }]);

    await runDeliveries(setup.workspaceId);
    const delivered = hooks.filter((h) => h.json.type === "csat.rated");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.json.data).toMatchObject({ score: 4, comment: "Fast and friendly, thank you", conversationId: yuki.id(), trigger: "resolve" });
    expect(hook.subscription.eventTypes).toEqual(["csat.rated"]);

    // The reports' rollup counted the answer once: a 4 with a comment.
    const rollup = await env.DB.prepare("SELECT score_4, score_5, commented FROM report_csat WHERE workspace_id = ? AND grain = 'd' AND tag_id = '*' AND channel_id = '*' AND team_id = '*' AND agent_id = '*'").bind(setup.workspaceId).all();
    expect(rollup.results).toEqual([{ score_4: 1, score_5: 0, commented: 1 }]);
  });

  it("Skip ends the survey without a comment; a second tap changes nothing", async () => {
    const setup = await csatWorkspace("skip");
    const line = fakeLine();
    const ken = surveyCustomer(setup, "skip");
    await ken.says("hello");
    await agentAnswersAndResolves(setup, ken);
    await ken.post([]);
    const taps = ratingData(sent(line.calls).at(-1)?.messages ?? []);
    await ken.taps(taps[4] ?? "");
    const responseId = String((await responses(ken.id()))[0]?.id);
    await ken.taps(`csat:${responseId}:skip`);
    expect(sent(line.calls).at(-1)?.messages[0]?.text).toBe("Thank you for your feedback!");
    await ken.taps(taps[0] ?? "");
    const [row] = await responses(ken.id());
    expect(row).toMatchObject({ score: 1, comment: null, status: "done" });
    // A later text is a normal message again: it reopens the conversation.
    await ken.says("one more question");
    expect((await indexRow(ken.id()))?.status).toBe("open");
  });

  it("uses the customer's language and the channel's own texts for it", async () => {
    const setup = await csatWorkspace("lang", { texts: { ja: { question: "今日の対応はいかがでしたか？" } } });
    const line = fakeLine((call) => (call.path.startsWith("/v2/bot/profile/") ? Response.json({ userId: "U", displayName: "Aoi", language: "ja" }) : null));
    const aoi = surveyCustomer(setup, "lang");
    await aoi.says("こんにちは");
    await agentAnswersAndResolves(setup, aoi);
    await aoi.post([]);
    const survey = sent(line.calls).at(-1)?.messages[0];
    expect(survey?.altText).toBe("今日の対応はいかがでしたか？");
    expect(JSON.stringify(survey)).toContain("5 · とても満足");
  });
});

describe("when the survey is not sent", { timeout: 30_000 }, () => {
  it("not without an agent's answer, not twice within N days, not when switched off", async () => {
    const setup = await csatWorkspace("rules", { minDaysBetween: 7 });
    const line = fakeLine();
    const mia = surveyCustomer(setup, "rules");
    await mia.says("hi");
    const agent = setup.people.agent ?? setup.admin;
    await mia.stub().triage({ kind: "status", status: "resolved" }, { id: agent.id, name: agent.name });
    await mia.post([]);
    expect(await responses(mia.id())).toHaveLength(0);

    await mia.says("still there?");
    await agentAnswersAndResolves(setup, mia);
    await mia.post([]);
    expect(await responses(mia.id())).toHaveLength(1);

    // Within 7 days: resolved again after another answer, no second survey.
    await mia.says("another thing");
    await agentAnswersAndResolves(setup, mia);
    await mia.post([]);
    expect(await responses(mia.id())).toHaveLength(1);
    const outcome = await sendCsatSurvey(env, mia.id(), { trigger: "agent" });
    expect(outcome).toEqual({ sent: false, reason: "recent", days: 7 });
    expect(sent(line.calls).filter((s) => s.messages[0]?.type === "flex")).toHaveLength(1);

    const off = await csatWorkspace("off", { onResolve: 0 });
    const leo = surveyCustomer(off, "off");
    await leo.says("hi");
    await agentAnswersAndResolves(off, leo);
    await leo.post([]);
    expect(await responses(leo.id())).toHaveLength(0);
  });

  it("nothing is sent in standby mode, and a rating tapped in standby is kept without a reply", async () => {
    const setup = await csatWorkspace("standby");
    const line = fakeLine();
    const sam = surveyCustomer(setup, "standby");
    await sam.says("hello");
    await agentAnswersAndResolves(setup, sam);
    await sam.post([]);
    const taps = ratingData(sent(line.calls).at(-1)?.messages ?? []);
    const before = sent(line.calls).length;
    await sam.taps(taps[0] ?? "", { mode: "standby" });
    expect(sent(line.calls)).toHaveLength(before);
    expect((await responses(sam.id()))[0]).toMatchObject({ score: 5, status: "done" });

    // Now in standby (the last event was): an agent's survey is refused.
    expect(await sendCsatSurvey(env, sam.id(), { trigger: "agent" })).toEqual({ sent: false, reason: "standby" });
  });

  it("goes by push when the reply token is not fresh, and says so", async () => {
    const setup = await csatWorkspace("push", { minDaysBetween: 0 });
    const line = fakeLine();
    const rio = surveyCustomer(setup, "push");
    await rio.says("hello");
    const agent = setup.people.agent ?? setup.admin;
    // The agent's answer spends the customer's reply token.
    await rio.stub().send({ agent: { id: agent.id, name: agent.name }, messages: [{ type: "text", text: "Hi!" }], preview: { type: "text", text: "Hi!" } });
    const outcome = await sendCsatSurvey(env, rio.id(), { trigger: "agent" });
    expect(outcome).toMatchObject({ sent: true, via: "push" });
    expect(sent(line.calls).at(-1)?.via).toBe("push");
    expect((await responses(rio.id()))[0]).toMatchObject({ sent_via: "push", trigger: "agent" });
  });
});

describe("survey answers are not requests", { timeout: 30_000 }, () => {
  it("a rating and a comment start no automation, then or with the customer's next message", async () => {
    const setup = await csatWorkspace("answers");
    const channel = { id: setup.channelId, lineChannelId: setup.lineChannelId, workspaceId: setup.workspaceId };
    await addRule(channel, { keywords: ["thanks"] });
    await addRule(channel, { keywords: ["opening hours"] });
    const line = fakeLine();
    const nao = surveyCustomer(setup, "answers");
    await nao.says("hello");
    await agentAnswersAndResolves(setup, nao);
    await nao.post([]);
    const taps = ratingData(sent(line.calls).at(-1)?.messages ?? []);
    await nao.taps(taps[0] ?? "");
    // The comment happens to be a keyword: it is still only the survey's comment.
    await nao.says("thanks");
    expect(sent(line.calls).at(-1)?.messages[0]?.text).toBe("Thank you for your feedback!");

    await nao.says("opening hours");
    const texts = sent(line.calls).flatMap((s) => s.messages.map((m) => m.text));
    expect(texts).toContain("Answer to opening hours");
    expect(texts).not.toContain("Answer to thanks");

    // Nobody waited on the rating: the agent's next answer counts one first response, from "opening hours".
    const agent = setup.people.agent ?? setup.admin;
    await nao.stub().send({ agent: { id: agent.id, name: agent.name }, messages: [{ type: "text", text: "9 to 5." }], preview: { type: "text", text: "9 to 5." } });
    await nao.post([]);
    const thread = (await nao.stub().thread({ limit: 50 })).messages;
    const asked = thread.find((m) => m.body.type === "text" && m.body.text === "opening hours")?.createdAt ?? 0;
    const answered = thread.find((m) => m.body.type === "text" && m.body.text === "9 to 5.")?.createdAt ?? 0;
    const { results } = await env.DB.prepare("SELECT value_ms FROM reporting_events WHERE conversation_id = ? AND kind = 'first_response' ORDER BY created_at").bind(nao.id()).all<{ value_ms: number }>();
    expect(results.at(-1)?.value_ms).toBe(answered - asked);
  });
});
