// The HTTP request step against a fake CRM inside the test: secrets and answers
// templated into URL, headers and JSON body; response fields saved and shown in
// a note; a 5xx retried; a 4xx follows the step's error branch; secrets never
// reach the thread or the run log.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { customer, drain, fakeLine, newChannel, sentTexts } from "../automation/helpers";
import { putSecret } from "../../src/workflows/secrets";
import { publishedWorkflow } from "./helpers";

let line: ReturnType<typeof fakeLine>;
let restoreFetch: (() => void) | null = null;
afterEach(() => {
  line?.restore();
  restoreFetch?.();
});

interface Seen {
  method: string;
  url: string;
  auth: string | null;
  body: unknown;
}

/** Answers requests to crm.test with `answer`; everything else goes where it went before. */
function fakeCrm(answer: (attempt: number) => Response): Seen[] {
  const seen: Seen[] = [];
  const spy = vi.mocked(globalThis.fetch);
  const previous = spy.getMockImplementation();
  spy.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).host !== "crm.test") return previous ? previous(input, init) : new Response("no route", { status: 599 });
    const text = await request.text();
    seen.push({ method: request.method, url: request.url, auth: request.headers.get("authorization"), body: text ? JSON.parse(text) : null });
    return answer(seen.length);
  });
  restoreFetch = () => previous && spy.mockImplementation(previous);
  return seen;
}

const text = (t: string) => ({ messages: [{ type: "text" as const, text: t }], quickReplies: [] });

async function ticketWorkflow(channelId: string, workspaceId: string) {
  await putSecret(env.DB, env.APP_SECRET, { workspaceId, actorId: null }, "CRM_TOKEN", "s3cr3t-token");
  return publishedWorkflow({ id: channelId, workspaceId, lineChannelId: "" }, "Ticket", { type: "conversation.opened", channelIds: [channelId] }, [
    { id: "ask", type: "question", message: text("What is wrong?"), answer: { kind: "text", validate: "text", reprompt: "Tell us more", maxAttempts: 2 }, saveTo: { variable: "problem" }, next: "call" },
    {
      id: "call",
      type: "http",
      request: {
        method: "POST",
        url: "https://crm.test/api/tickets?ref={{conversation.id}}",
        headers: [{ name: "Authorization", value: "Bearer {{secret.CRM_TOKEN}}" }],
        body: '{"ticket": {"subject": "{{answers.problem}}", "requester": "{{contact.name}}"}}',
        timeoutSeconds: 5,
        retries: 2,
        save: [{ pointer: "/ticket/id", variable: "ticketId" }],
        note: "Ticket #{{answers.ticketId}} opened",
        onError: "sorry",
      },
      next: "done",
    },
    { id: "done", type: "send", message: text("Ticket {{answers.ticketId}} is open."), next: null },
    { id: "sorry", type: "send", message: text("We could not open a ticket, an agent will help."), next: null },
  ]);
}

describe("HTTP request step", { timeout: 30_000 }, () => {
  it("fills secrets and answers in, retries a 5xx, saves the response and notes it", async () => {
    line = fakeLine("Ken");
    const seen = fakeCrm((attempt) => (attempt === 1 ? new Response("busy", { status: 503 }) : Response.json({ ticket: { id: 4711 } }, { status: 201 })));
    const channel = await newChannel();
    const wf = await ticketWorkflow(channel.id, channel.workspaceId);
    const c = customer(channel, "http-ok");
    await c.says("hi");
    await c.says('My "parcel" is late');
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ method: "POST", auth: "Bearer s3cr3t-token", body: { ticket: { subject: 'My "parcel" is late', requester: "Ken" } } });
    expect(seen[1]?.url).toBe(`https://crm.test/api/tickets?ref=${c.id()}`);
    expect(sentTexts(line.calls).at(-1)).toBe("Ticket 4711 is open.");
    const thread = await c.thread();
    expect(thread.some((m) => m.body.type === "note" && m.body.text === "Ticket #4711 opened")).toBe(true);
    expect(JSON.stringify(thread)).not.toContain("s3cr3t-token");
    const log = await env.DB.prepare("SELECT detail FROM workflow_run_log WHERE workflow_id = ?").bind(wf).all<{ detail: string }>();
    expect(JSON.stringify(log.results)).not.toContain("s3cr3t-token");
  });

  it("a 4xx is not retried: the run log has the error and the error branch runs", async () => {
    line = fakeLine();
    const seen = fakeCrm(() => Response.json({ error: "invalid subject" }, { status: 422 }));
    const channel = await newChannel();
    const wf = await ticketWorkflow(channel.id, channel.workspaceId);
    const c = customer(channel, "http-4xx");
    await c.says("hi");
    await c.says("broken");
    await drain(c.stub());
    expect(seen).toHaveLength(1);
    expect(sentTexts(line.calls).at(-1)).toBe("We could not open a ticket, an agent will help.");
    const log = await env.DB.prepare("SELECT kind, detail FROM workflow_run_log WHERE workflow_id = ? AND kind = 'http'").bind(wf).all<{ detail: string }>();
    expect(log.results[0]?.detail).toContain("HTTP 422");
    expect((await c.thread()).some((m) => m.body.type === "note" && m.body.text.includes("HTTP 422"))).toBe(true);
  });
});
