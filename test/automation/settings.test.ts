// The automation settings pages: admins only, every form validated with clear
// errors (422 fragments for htmx), saved per channel with an audit entry, and
// a keyword rule made in the settings answering a customer right away.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { channelRowId } from "../helpers/conversations";
import { login } from "../helpers/session";
import { auditActions, loginAs, loginInNewWorkspace } from "../helpers/users";
import { customer, fakeLine, newChannel, sends, settingsRow } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

const form = (channel: string, fields: Record<string, string>) => ({ channel, ...fields });
const DAYS = { day0: "", day1: "09:00-12:00, 13:00-18:00", day2: "9-18", day3: "22:00-02:00", day4: "24h", day5: "", day6: "" };

describe("automation settings access", () => {
  it("shows the three pages to admins, in the settings nav", async () => {
    const admin = await login();
    for (const path of ["/settings/automation", "/settings/automation/messages", "/settings/automation/keywords"]) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain('href="/settings/automation/keywords"');
      expect(html).toContain("/automation.css");
    }
  });

  it("refuses agents and supervisors", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const person = await loginAs(role);
      expect((await person.get("/settings/automation")).status).toBe(403);
      expect((await person.post("/settings/automation/hours", { timeZone: "UTC" })).status).toBe(403);
    }
  });

  it("answers 404 for another workspace's channel", async () => {
    const stranger = await loginInNewWorkspace("owner");
    expect((await stranger.get(`/settings/automation?channel=${await channelRowId()}`)).status).toBe(404);
  });
});

describe("business hours settings", () => {
  it("saves the weekly hours in a time zone, and explains what is wrong", async () => {
    const admin = await login();
    const channel = await newChannel();
    const ok = await admin.post("/settings/automation/hours", form(channel.id, { timeZone: "Asia/Bangkok", ...DAYS }), { htmx: true });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("Saved");
    expect(html).toContain('value="09:00-12:00, 13:00-18:00"');
    expect(html).toContain("hours-status"); // the status card comes along
    const row = await settingsRow(channel);
    expect(row?.time_zone).toBe("Asia/Bangkok");
    expect(JSON.parse(String(row?.weekly_hours))).toEqual([
      [],
      [{ start: 540, end: 720 }, { start: 780, end: 1080 }],
      [{ start: 540, end: 1080 }],
      [{ start: 1320, end: 120 }],
      [{ start: 0, end: 1440 }],
      [],
      [],
    ]);
    expect((await auditActions(channel.workspaceId)).map((a) => a.action)).toContain("automation.hours.updated");

    const bad = await admin.post("/settings/automation/hours", form(channel.id, { timeZone: "Mars/Olympus", ...DAYS, day1: "09:00-25:00", day2: "09:00-12:00, 11:00-13:00", day5: "soon" }), { htmx: true });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain("Choose a time zone from the list");
    expect(text).toContain("has a time that does not exist");
    expect(text).toContain("overlap");
    expect(text).toContain("is not a time range");
    expect(text).toContain('value="soon"'); // what was typed stays
  });

  it("adds and removes closures, with date checks", async () => {
    const admin = await login();
    const channel = await newChannel();
    const bad = await admin.post("/settings/automation/holidays", form(channel.id, { name: "Golden Week", startDate: "2026-05-06", endDate: "2026-05-03" }), { htmx: true });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("The last day cannot be before the first day");
    const ok = await admin.post("/settings/automation/holidays", form(channel.id, { name: "Golden Week", startDate: "2026-05-03", endDate: "2026-05-06" }), { htmx: true });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<time class="auto-holiday__dates" datetime="2026-05-03">3 – 6 May 2026</time>');
    const id = (await env.DB.prepare("SELECT id FROM holidays WHERE channel_id = ?").bind(channel.id).first<{ id: string }>())?.id;
    const gone = await admin.post(`/settings/automation/holidays/${id}/delete`, form(channel.id, {}), { htmx: true });
    expect(await gone.text()).toContain("No closures planned");
  });

  it("switches the manual away mode on and off", async () => {
    const admin = await login();
    const channel = await newChannel();
    const on = await admin.post("/settings/automation/away-now", form(channel.id, { awayNow: "on" }), { htmx: true });
    expect(await on.text()).toContain("Away — switched on by hand");
    expect((await settingsRow(channel))?.away_now).toBe(1);
    const off = await admin.post("/settings/automation/away-now", form(channel.id, { awayNow: "off" }));
    expect(off.status).toBe(303);
    expect((await settingsRow(channel))?.away_now).toBe(0);
  });
});

describe("automatic messages settings", () => {
  it("validates a message and previews it as LINE bubbles with sample values", async () => {
    const admin = await login();
    const channel = await newChannel("Ramen Taro");
    const bad = await admin.post("/settings/automation/messages/greeting", form(channel.id, { greetingEnabled: "on", greetingText: "Hi {{name}}!" }), { htmx: true });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Unknown variable {{name}}");
    const empty = await admin.post("/settings/automation/messages/away", form(channel.id, { awayEnabled: "on", awayText: " ", quietMinutes: "2" }), { htmx: true });
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Write the away message");
    expect(emptyHtml).toContain("Enter 5 or more");
    const ok = await admin.post("/settings/automation/messages/greeting", form(channel.id, { greetingEnabled: "on", greetingText: "Hi {{contact.name}}, welcome to {{channel.name}}!" }), { htmx: true });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("Hi Yuki, welcome to Ramen Taro!");
    expect(html).toContain("lp-bubble");
    expect((await settingsRow(channel))?.greeting_enabled).toBe(1);
    const preview = await admin.post("/settings/automation/messages/preview", form(channel.id, { section: "queue", queueText: "You are #{{position}} ({{wait}})" }), { htmx: true });
    expect(await preview.text()).toContain("You are #3 (about 15 minutes)");
  });
});

describe("keyword rule settings", () => {
  const rule = (fields: Record<string, string>) => ({ name: "Hours", keywords: "hours\n営業時間", matchMode: "exact", priority: "5", activeWindow: "always", enabled: "on", m0_type: "text", m0_text: "We're open 9–18.", ...fields });

  it("refuses unsafe patterns, bad flex JSON and bad quick replies, keeping what was typed", async () => {
    const admin = await login();
    const channel = await newChannel();
    const res = await admin.post(
      "/settings/automation/keywords",
      form(channel.id, rule({ matchMode: "regex", keywords: "(a+)\\1", m1_type: "flex", m1_json: "{not json", m2_type: "sticker", m2_sticker: "1/2", qr: "A label that is far too long for LINE" })),
      { htmx: true },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Back-references like \\1 are not supported");
    expect(html).toContain("Message 2: This is not valid JSON");
    expect(html).toContain("Message 3: LINE only lets accounts send stickers from its free sticker list");
    expect(html).toContain("Quick-reply labels can have at most 20 characters");
    expect(html).toContain("{not json");
    const flexNoAlt = await admin.post("/settings/automation/keywords", form(channel.id, rule({ m1_type: "flex", m1_json: '{"type":"bubble"}' })), { htmx: true });
    expect(await flexNoAlt.text()).toContain("Flex messages need an alt text");
  });

  it("creates a rule shown with a LINE preview, edits, switches off and deletes it", async () => {
    const admin = await login();
    const channel = await newChannel();
    const created = await admin.post("/settings/automation/keywords", form(channel.id, rule({ qr: "Menu\nBook | I want to book" })), { htmx: true });
    expect(created.status).toBe(200);
    const html = await created.text();
    expect(html).toContain('hx-target="#rule-list"');
    expect(html).toContain("We&#39;re open 9–18.");
    expect(html).toContain("lp-chip");
    const id = (await env.DB.prepare("SELECT id FROM keyword_rules WHERE channel_id = ?").bind(channel.id).first<{ id: string }>())?.id ?? "";
    const edit = await admin.get(`/settings/automation/keywords/${id}/edit?channel=${channel.id}`, { headers: { "hx-request": "true" } });
    expect(await edit.text()).toContain("I want to book");
    const saved = await admin.post(`/settings/automation/keywords/${id}`, form(channel.id, rule({ name: "Opening hours", m0_text: "Open 10–20." })), { htmx: true });
    expect(await saved.text()).toContain("Opening hours");
    const off = await admin.post(`/settings/automation/keywords/${id}/toggle`, form(channel.id, {}), { htmx: true });
    expect(await off.text()).toContain("Switch on");
    expect((await env.DB.prepare("SELECT enabled FROM keyword_rules WHERE id = ?").bind(id).first<{ enabled: number }>())?.enabled).toBe(0);
    const stranger = await loginInNewWorkspace("owner");
    expect((await stranger.post(`/settings/automation/keywords/${id}/delete`, {}, { htmx: true })).status).toBe(404);
    expect((await admin.post(`/settings/automation/keywords/${id}/delete`, form(channel.id, {}), { htmx: true })).status).toBe(200);
    expect(await env.DB.prepare("SELECT id FROM keyword_rules WHERE id = ?").bind(id).first()).toBeNull();
  });

  it("previews a half-filled form and names what is still wrong", async () => {
    const admin = await login();
    const channel = await newChannel();
    const res = await admin.post("/settings/automation/keywords/preview", form(channel.id, rule({ m1_type: "location", m1_title: "Shop", m1_address: "Tokyo", m1_lat: "91", m1_lng: "139" })), { htmx: true });
    const html = await res.text();
    expect(html).toContain("We&#39;re open 9–18.");
    expect(html).toContain("Message 2: Latitude must be a number between -90 and 90");
  });

  it("a rule saved in the settings answers the customer's keyword", async () => {
    const routed = fakeLine();
    restore = routed.restore;
    const admin = await login();
    const channel = await newChannel();
    await admin.post("/settings/automation/keywords", form(channel.id, rule({ keywords: "menu", m0_text: "Today's menu: ramen", m1_type: "sticker", m1_sticker: "446/1988" })), { htmx: true });
    await customer(channel, "settings-rule").says("ＭＥＮＵ");
    expect(sends(routed.calls)).toEqual([{ via: "reply", messages: [{ type: "text", text: "Today's menu: ramen" }, { type: "sticker", packageId: "446", stickerId: "1988" }] }]);
  });
});
