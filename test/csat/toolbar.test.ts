// The toolbar's "Send CSAT survey": it says beforehand whether the survey goes
// free with the reply token or by push, sends it, and explains a refusal
// (the repeat rule) with 422; a conversation of another workspace is a 404.
import { describe, expect, it } from "vitest";
import { loginAs, loginInNewWorkspace } from "../helpers/users";
import { csatWorkspace, fakeLine, responses, sent, surveyCustomer } from "./helpers";

describe("toolbar action", { timeout: 30_000 }, () => {
  it("tells reply from push, sends, and refuses a second survey within N days", async () => {
    const setup = await csatWorkspace("toolbar", { minDaysBetween: 7 });
    const agent = await loginAs("agent", { workspaceId: setup.workspaceId });
    const line = fakeLine();
    const c = surveyCustomer(setup, "toolbar");
    await c.says("Can you check my order?");
    const fresh = await (await agent.get(`/inbox/c/${c.id()}`, { headers: { "hx-request": "true" } })).text();
    expect(fresh).toContain("Send CSAT survey");
    expect(fresh).toContain("Goes with the customer&#39;s reply token: free");

    const ok = await agent.post(`/inbox/c/${c.id()}/csat`, {}, { htmx: true });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Survey sent");
    expect(sent(line.calls).at(-1)?.via).toBe("reply");

    const later = await (await agent.get(`/inbox/c/${c.id()}`, { headers: { "hx-request": "true" } })).text();
    expect(later).toContain("No fresh reply token: the survey goes by push and counts toward the monthly quota");
    const again = await agent.post(`/inbox/c/${c.id()}/csat`, {}, { htmx: true });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("this customer had a survey in the last 7 days");

    // The contact panel shows the rating once the customer tapped it.
    const taps = [...JSON.stringify(sent(line.calls).find((s) => s.messages[0]?.type === "flex")?.messages).matchAll(/"data":"(csat:[^"]+:5)"/g)].map((m) => m[1] ?? "");
    await c.taps(taps[0] ?? "");
    await c.says("Super quick, thanks");
    const contactId = (await responses(c.id()))[0]?.contact_id;
    const panel = await (await agent.get(`/contacts/${contactId}/panel`, { headers: { "hx-request": "true" } })).text();
    expect(panel).toContain("Satisfaction");
    expect(panel).toContain("Average 5.0 of 1");
    expect(panel).toContain("Super quick, thanks");

    const outsider = await loginInNewWorkspace("agent");
    const foreign = await outsider.post(`/inbox/c/${c.id()}/csat`, {}, { htmx: true });
    expect(foreign.status).toBe(404);
  });
});
