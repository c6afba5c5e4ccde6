// Flex messages on the simulator phone: a bubble (or carousel) is drawn with its
// texts and buttons, and the buttons work as LINE's do — a postback sends a
// postback event with its data (displayText shown as the customer's message,
// never sent as a message event), a message action sends its text, a uri
// action is a link. Text is escaped and only colour values reach a style.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ratingMessage } from "../../src/csat/messages";
import { api, captureWebhooks, entries, firstEvent, newCustomer, simulator } from "./helpers";

const sim = simulator("sim-flex");
let hooks: ReturnType<typeof captureWebhooks>;
beforeEach(() => {
  hooks = captureWebhooks();
});
afterEach(() => hooks.restore());

/** The hidden fields of the form whose button says `label`, as the browser would post them. */
function buttonForm(html: string, label: string): URLSearchParams {
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => (f[2] ?? "").includes(`>${label}</button>`));
  if (!form) throw new Error(`no button ${label}`);
  return new URLSearchParams([...(form[2] ?? "").matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? "", (m[2] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"')]));
}

async function tap(chatId: string, html: string, label: string) {
  const res = await sim.request(`/chats/${chatId}/send`, { method: "POST", body: buttonForm(html, label) });
  expect(res.status).toBe(303);
}

describe("flex messages on the phone", () => {
  it("draws the CSAT rating bubble; tapping a score sends the postback LINE would, and shows the displayText", async () => {
    const chatId = await newCustomer(sim, "Flex Rater");
    const survey = ratingMessage("csat_abc", { question: "How did we do? <b>", scores: ["Poor", "Fair", "Okay", "Good", "Great"] });
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [survey] })).status).toBe(200);
    const page = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(page).toContain('class="flex-bubble"');
    expect(page).toContain("How did we do? &lt;b&gt;");
    expect(page).toContain("flex-button--primary");

    const before = hooks.captured.length;
    await tap(chatId, page, "Good");
    expect(hooks.captured.length).toBe(before + 1);
    const event = firstEvent(hooks.last());
    expect(event).toMatchObject({ type: "postback", replyToken: expect.any(String), postback: { data: "csat:csat_abc:4" }, source: { type: "user", userId: chatId } });
    expect(event).not.toHaveProperty("message");
    // The customer's side shows the choice as their message, as LINE does.
    const after = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(after).toContain(">Good<");
    expect((await entries(sim, chatId)).filter((e) => e.direction === "in").map((e) => e.message?.type ?? "postback")).not.toContain("text");
  });

  it("message and uri buttons in a carousel; unsafe colours and URLs are left out", async () => {
    const chatId = await newCustomer(sim, "Flex Shopper");
    const bubble = (title: string, color: string) => ({
      type: "bubble",
      hero: { type: "image", url: "javascript:alert(1)" },
      body: { type: "box", layout: "vertical", contents: [{ type: "text", text: title, weight: "bold", color }] },
      footer: {
        type: "box",
        layout: "vertical",
        contents: [
          { type: "button", style: "primary", action: { type: "message", label: `Buy ${title}`, text: `I want ${title}` } },
          { type: "button", style: "link", action: { type: "uri", label: "Details", uri: "https://example.com/item" } },
        ],
      },
    });
    const flex = { type: "flex", altText: "Our menu", contents: { type: "carousel", contents: [bubble("Latte", "#AA3300"), bubble("Mocha", "red;background:url(x)")] } };
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [flex] })).status).toBe(200);
    const page = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(page).toContain("flex-carousel");
    expect(page).toContain('style="color:#AA3300"');
    expect(page).not.toContain("url(x)");
    expect(page).not.toContain("javascript:alert");
    expect(page).toMatch(/<a class="tpl-action" href="https:\/\/example.com\/item" target="_blank"/);

    await tap(chatId, page, "Buy Mocha");
    expect(firstEvent(hooks.last())).toMatchObject({ type: "message", message: { type: "text", text: "I want Mocha" } });
  });

  it("a box or image with an action and no label (LINE needs none there) is tappable like a button", async () => {
    const chatId = await newCustomer(sim, "Flex Tapper");
    const flex = {
      type: "flex",
      altText: "Your order",
      contents: {
        type: "bubble",
        hero: { type: "image", url: "https://example.com/order.png", action: { type: "postback", data: "order=1042&view=1", displayText: "Show order 1042" } },
        body: { type: "box", layout: "vertical", action: { type: "message", text: "Track order 1042" }, contents: [{ type: "text", text: "Order 1042 is on its way" }] },
      },
    };
    expect((await api(sim, "POST", "/line/v2/bot/message/push", { to: chatId, messages: [flex] })).status).toBe(200);
    const page = await (await sim.request(`/?chat=${chatId}`)).text();
    expect(page).toContain("Order 1042 is on its way");

    await tap(chatId, page, "Track order 1042");
    expect(firstEvent(hooks.last())).toMatchObject({ type: "message", message: { type: "text", text: "Track order 1042" } });
    await tap(chatId, page, "Show order 1042");
    expect(firstEvent(hooks.last())).toMatchObject({ type: "postback", postback: { data: "order=1042&view=1" } });
  });
});
