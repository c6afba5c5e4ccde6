// A conversation's after-ack work (index row, listeners) runs from the instance's own
// timer, as in production; the alarm is its safety net. This file runs in the "timers"
// test project (vitest.config.ts): the other projects leave the work to the alarm, so
// their tests decide when it runs.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDO } from "../../src/conversations/conversation-do";
import { BACKSTOP_MS } from "../../src/conversations/runtime";
import { allDueNow, conversationOf, indexRow, runtimeOf } from "../helpers/conversations";
import { postWebhook, textEvent, userId, webhookBody } from "../helpers/line";
import { fakeLine as routeFakeLine } from "../automation/helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

function fakeLine(): void {
  restore = routeFakeLine("Busy customer").restore;
}

/** Polls `check` until it holds (the timer runs on real time); bounded, so a bug fails rather than hangs. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("never happened");
}

const preview = async (id: string) => (await indexRow(id))?.last_message_preview;

describe("a conversation's after-ack runs", () => {
  it("come from the instance's own timer, with the alarm a safety net BACKSTOP_MS behind that messages do not move; a job further off gets the alarm at its time", async () => {
    fakeLine();
    const uid = userId("timer-runs");
    const before = Date.now();
    await postWebhook(webhookBody([textEvent("first", { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    const alarm = () => runInDurableObject(stub, (_i: unknown, state: DurableObjectState) => state.storage.getAlarm());
    // No alarm runs in this test until the end: the index rows are the timer's work.
    await eventually(async () => (await preview(id)) === "first");
    const safetyNet = await alarm();
    expect(safetyNet).toBeGreaterThanOrEqual(before + BACKSTOP_MS);

    // Right after a run: its work waits for the next run, an interval later, and the alarm stays put.
    await postWebhook(webhookBody([textEvent("second", { userId: uid })]));
    expect(await alarm()).toBe(safetyNet);
    await eventually(async () => (await preview(id)) === "second");
    expect(await alarm()).toBe(safetyNet);

    // A job an hour away, like a snooze's wake-up: once the safety net has run, the alarm waits for it.
    const far = Date.now() + 3_600_000;
    await runInDurableObject(stub, (instance: ConversationDO) => runtimeOf(instance).store.enqueue("wake", "wake", { until: far }, far));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await alarm()).toBe(far);
  });

  it("are done by the alarm when the timer does not get to them (the instance went away first)", async () => {
    fakeLine();
    const uid = userId("timer-safety-net");
    await postWebhook(webhookBody([textEvent("first", { userId: uid })]));
    const { id, stub } = await conversationOf({ type: "user", userId: uid });
    await eventually(async () => (await preview(id)) === "first");
    // This message's work waits an interval for the timer; the alarm is made due and runs it first.
    await postWebhook(webhookBody([textEvent("before the timer", { userId: uid })]));
    await allDueNow(stub);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await preview(id)).toBe("before the timer");
  });
});
