// The workflow engine end to end through the webhook: a trigger starts a run,
// a question waits for the customer (quick-reply postback or typed text), a
// branch routes, assign picks the team's online agent, messages go out reply
// token first; invalid answers re-prompt; a timeout fires from the DO alarm;
// a run keeps its version; events caused by a workflow start no workflow.
import { afterEach, describe, expect, it } from "vitest";
import { event } from "../helpers/line";
import { env } from "cloudflare:test";
import { customer, drain, fakeLine, newChannel, sends, sentTexts } from "../automation/helpers";
import { fireWorkflowTimer, logKinds, postbackOf, publishedWorkflow, republish, runRows, teamWithOnlineAgent } from "./helpers";
import type { Step } from "../../src/workflows/definition";
import { newId } from "../../src/lib/ids";

let line: ReturnType<typeof fakeLine>;
afterEach(() => line?.restore());

const text = (t: string) => ({ messages: [{ type: "text" as const, text: t }], quickReplies: [] });

function routingSteps(thaiTeam: string, jaTeam: string): Step[] {
  return [
    { id: "ask", type: "question", message: text("Which language?"), answer: { kind: "choice", display: "quickReplies", options: [{ label: "ไทย", value: "th" }, { label: "日本語", value: "ja" }] }, saveTo: { variable: "language" }, next: "route" },
    {
      id: "route",
      type: "branch",
      rules: [
        { when: [{ subject: "answer", variable: "language", op: "equals", value: "th" }], next: "thai" },
        { when: [{ subject: "answer", variable: "language", op: "equals", value: "ja" }], next: "japanese" },
      ],
      otherwise: null,
    },
    { id: "thai", type: "assign", to: { kind: "team", teamId: thaiTeam, usePolicy: true, rule: "round_robin" }, next: "thanks" },
    { id: "japanese", type: "assign", to: { kind: "team", teamId: jaTeam, usePolicy: true, rule: "round_robin" }, next: "thanks" },
    { id: "thanks", type: "send", message: text("Thanks {{contact.name}}, an agent will answer soon ({{answers.language}})."), next: null },
  ];
}

describe("workflow engine", { timeout: 30_000 }, () => {
  it("routes by a quick-reply answer: question → postback → branch → assign the team's online agent → send", async () => {
    line = fakeLine("Somchai");
    const channel = await newChannel();
    const thai = await teamWithOnlineAgent(channel.workspaceId, "Thai");
    const ja = await teamWithOnlineAgent(channel.workspaceId, "Japanese");
    const wf = await publishedWorkflow(channel, "Routing", { type: "conversation.opened", channelIds: [channel.id] }, routingSteps(thai.teamId, ja.teamId));
    const c = customer(channel, "route");
    await c.says("hello");
    const question = sends(line.calls).at(-1);
    expect(question?.via).toBe("reply");
    expect(question?.messages[0]).toMatchObject({ type: "text", text: "Which language?" });
    const data = postbackOf(question?.messages ?? [], "ไทย");
    await c.send([event("postback", { replyToken: "rt-pb-1", postback: { data } }, { userId: c.uid })]);
    expect(sentTexts(line.calls).at(-1)).toBe("Thanks Somchai, an agent will answer soon (th).");
    expect(sends(line.calls).at(-1)?.via).toBe("reply");
    const triage = (await c.stub().thread()).triage;
    expect(triage.teamName).toContain("Thai");
    expect(triage.assigneeId).toBe(thai.online.id);
    const [run] = await runRows(wf);
    expect(run).toMatchObject({ status: "completed", version: 1 });
    expect(JSON.parse(String(run?.answers))).toMatchObject({ language: "th" });
    expect(await logKinds(wf)).toEqual(expect.arrayContaining(["started", "waiting", "answer", "finished"]));
  });

  it("takes a typed answer to a choice question, and re-prompts an invalid free-text answer", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const thai = await teamWithOnlineAgent(channel.workspaceId, "Thai");
    const ja = await teamWithOnlineAgent(channel.workspaceId, "Japanese");
    await publishedWorkflow(channel, "Routing", { type: "conversation.opened", channelIds: [channel.id] }, [
      { id: "qty", type: "question", message: text("How many?"), answer: { kind: "text", validate: "number", reprompt: "Please send a number, like 3.", maxAttempts: 3 }, saveTo: { variable: "qty" }, next: "ask" },
      ...routingSteps(thai.teamId, ja.teamId),
    ]);
    const c = customer(channel, "typed");
    await c.says("hi");
    expect(sentTexts(line.calls).at(-1)).toBe("How many?");
    await c.says("a few");
    expect(sentTexts(line.calls).at(-1)).toBe("Please send a number, like 3.");
    await c.says("3");
    expect(sentTexts(line.calls).at(-1)).toBe("Which language?");
    await c.says("日本語");
    expect(sentTexts(line.calls).at(-1)).toContain("(ja)");
    expect((await c.stub().thread()).triage.assigneeId).toBe(ja.online.id);
  });

  it("follows the timeout branch when the customer does not answer (DO alarm, no sleeping)", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const wf = await publishedWorkflow(channel, "Survey", { type: "conversation.opened", channelIds: [channel.id] }, [
      { id: "ask", type: "question", message: text("Email?"), answer: { kind: "text", validate: "email", reprompt: "That is not an email address.", maxAttempts: 2 }, saveTo: {}, timeoutMinutes: 10, onTimeout: "late", next: null },
      { id: "late", type: "send", message: text("No worries, an agent will follow up."), next: null },
    ]);
    const c = customer(channel, "timeout");
    await c.says("hi");
    expect(sentTexts(line.calls).at(-1)).toBe("Email?");
    await fireWorkflowTimer(c.stub());
    expect(sentTexts(line.calls).at(-1)).toBe("No worries, an agent will follow up.");
    expect(sends(line.calls).at(-1)?.via).toBe("push");
    expect(await logKinds(wf)).toContain("timeout");
    // The run is over: a later message starts nothing and answers nothing.
    const before = line.calls.length;
    await c.says("me@example.com");
    expect(sends(line.calls.slice(before))).toEqual([]);
  });

  it("keeps the version a run started with when a new one is published mid-run", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const steps = (reply: string): Step[] => [
      { id: "ask", type: "question", message: text("Name?"), answer: { kind: "text", validate: "text", reprompt: "Your name?", maxAttempts: 3 }, saveTo: { variable: "name" }, next: "done" },
      { id: "done", type: "send", message: text(`${reply} {{answers.name}}`), next: null },
    ];
    const wf = await publishedWorkflow(channel, "Pinned", { type: "conversation.opened", channelIds: [channel.id] }, steps("Version one says hi"));
    const c = customer(channel, "pin");
    await c.says("hi");
    await republish(channel.workspaceId, wf, steps("Version two says hi"));
    await c.says("Ana");
    expect(sentTexts(line.calls).at(-1)).toBe("Version one says hi Ana");
    expect((await runRows(wf))[0]).toMatchObject({ version: 1, status: "completed" });
  });

  it("an agent's reply cancels a waiting question", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const wf = await publishedWorkflow(channel, "Ask", { type: "conversation.opened", channelIds: [channel.id] }, [
      { id: "ask", type: "question", message: text("Order number?"), answer: { kind: "text", validate: "number", reprompt: "Digits only please", maxAttempts: 3 }, saveTo: {}, next: null },
    ]);
    const c = customer(channel, "takeover");
    await c.says("hi");
    await c.stub().send({ agent: { id: "usr_x", name: "Ana" }, messages: [{ type: "text", text: "I can help" }], preview: { type: "text", text: "I can help" } });
    const { drain } = await import("../automation/helpers");
    await drain(c.stub());
    const before = line.calls.length;
    await c.says("not a number");
    expect(sentTexts(line.calls.slice(before))).toEqual([]);
    expect((await runRows(wf))[0]).toMatchObject({ status: "cancelled" });
  });

  it("a tag added by an agent starts the workflow for that tag, once; another tag starts nothing", async () => {
    line = fakeLine();
    const channel = await newChannel();
    const tag = async (name: string) => {
      const id = newId("tag");
      await env.DB.prepare("INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, 'violet', 0)").bind(id, channel.workspaceId, name).run();
      return { id, name };
    };
    const vip = await tag("VIP");
    const other = await tag("Wholesale");
    const wf = await publishedWorkflow(channel, "VIP welcome", { type: "tag.added", tagId: vip.id }, [{ id: "hi", type: "send", message: text("Welcome to our VIP desk!"), next: null }]);
    const c = customer(channel, "vip");
    await c.says("hello");
    const agent = { id: "usr_agent", name: "Ana" };
    await c.stub().tagChanged("tag.added", other, "conversation", agent);
    await drain(c.stub());
    expect(sentTexts(line.calls)).not.toContain("Welcome to our VIP desk!");
    await c.stub().tagChanged("tag.added", vip, "conversation", agent);
    await drain(c.stub());
    expect(sentTexts(line.calls).filter((t) => t === "Welcome to our VIP desk!")).toHaveLength(1);
    expect(await runRows(wf)).toHaveLength(1);
  });

  it("loop protection: a conversation a workflow reopens does not start the 'opened' workflow again", async () => {
    line = fakeLine();
    const channel = await newChannel();
    await publishedWorkflow(channel, "Welcome", { type: "conversation.opened", channelIds: [channel.id] }, [{ id: "hi", type: "send", message: text("Welcome!"), next: null }]);
    await publishedWorkflow(channel, "Reopen", { type: "conversation.resolved", channelIds: [channel.id] }, [
      { id: "survey", type: "send", message: text("Thanks for chatting"), next: "reopen" },
      { id: "reopen", type: "setStatus", status: "open", next: null },
    ]);
    const c = customer(channel, "loop");
    await c.says("hi");
    await c.stub().triage({ kind: "status", status: "resolved" }, { id: "usr_x", name: "Ana" });
    await drain(c.stub());
    const texts = sentTexts(line.calls);
    expect(texts.filter((t) => t === "Welcome!")).toHaveLength(1);
    expect(texts).toContain("Thanks for chatting");
    expect((await c.stub().thread()).triage.status).toBe("open");
  });
});
