// What linedesk fills into an automated message for the customer — {{next_open}}
// and {{wait}} — is in the workspace's language, so a Japanese shop's away
// message does not say "soon" or "about 15 minutes" in English. English stays
// exactly as before; the admin's own words are never touched.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { nextOpenText, waitText } from "../../src/automation/customer-text";
import { encryptSecret } from "../../src/lib/crypto";
import { newId } from "../../src/lib/ids";
import { CHANNEL_SECRET } from "../helpers/line";
import { createWorkspace } from "../helpers/users";
import { ALWAYS_CLOSED, configure, customer, fakeLine, sentTexts, type TestChannel } from "./helpers";

let restore: (() => void) | null = null;
afterEach(() => restore?.());

describe("{{wait}} and {{next_open}} for customers", () => {
  it("reads the wait in the workspace's language, English as before", () => {
    expect(waitText(10 * 60_000, "en")).toBe("about 10 minutes");
    expect(waitText(60_000, "en")).toBe("about 1 minute");
    expect(waitText(null, "en")).toBe("a few minutes");
    expect(waitText(15 * 60_000, "ja")).toBe("約15分");
    expect(waitText(2 * 3_600_000, "th")).toBe("ประมาณ 2 ชั่วโมง");
    expect(waitText(20_000, "zh-TW")).toBe("不到一分鐘");
  });

  it("names the next opening in the channel's time zone, written the language's way", () => {
    const at = Date.UTC(2026, 10, 19, 0, 0); // Thursday 19 November, 09:00 in Tokyo
    expect(nextOpenText(at, "Asia/Tokyo", "en")).toBe("11/19 (Thu) 09:00");
    expect(nextOpenText(at, "Asia/Tokyo", "ja")).toBe("11/19(木) 09:00");
    expect(nextOpenText(at, "Asia/Bangkok", "th")).toBe("พฤหัส 19/11 07:00");
    expect(nextOpenText(null, "Asia/Tokyo", "ja")).toBe("まもなく");
    expect(nextOpenText(null, "UTC", "en")).toBe("soon");
  });

  it("fills a Japanese workspace's away message in Japanese, leaving the admin's text as written", async () => {
    const routed = fakeLine();
    restore = routed.restore;
    const workspaceId = await createWorkspace("さくら商店");
    await env.DB.prepare("UPDATE workspaces SET language = 'ja', time_zone = 'Asia/Tokyo' WHERE id = ?").bind(workspaceId).run();
    const channel: TestChannel = { id: newId("ch"), lineChannelId: `4${String(Date.now()).slice(-9)}`, workspaceId };
    await env.DB.prepare("INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(channel.id, workspaceId, "さくら商店", channel.lineChannelId, await encryptSecret(env.APP_SECRET, CHANNEL_SECRET), await encryptSecret(env.APP_SECRET, env.LINE_CHANNEL_ACCESS_TOKEN ?? ""), Date.now())
      .run();
    await configure(channel, { weeklyHours: ALWAYS_CLOSED, timeZone: "Asia/Tokyo", awayEnabled: 1, awayText: "{{contact.name}}様、ただいま営業時間外です。再開は{{next_open}}です。" });
    await customer(channel, "ja-away").says("こんにちは");
    expect(sentTexts(routed.calls)).toEqual(["Yuki様、ただいま営業時間外です。再開はまもなくです。"]);
  });
});
