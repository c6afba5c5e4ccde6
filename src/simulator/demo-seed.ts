// Demo data for a fresh `npm start` (SIMULATOR=on only): three conversations — a
// Japanese customer's order question with a photo and a sticker, a Thai customer
// who also triggers a keyword reply, and a group chat of three — plus shared canned
// replies and that keyword rule. Everything goes through the paths real data takes:
// the simulator's customers send signed webhooks to this app (ConversationDOs store
// them, index them, fetch profiles, run automation), the demo admin answers through
// the conversation service (LINE's reply API, i.e. the fake one), and the settings
// are written by their own query modules, audit entries included.
//
// Once per database: an audit entry with a fixed id is claimed first, so a second
// call (a restart, or two at once) changes nothing. scripts/start.mjs calls it after
// startup rather than ensureBootstrap, so the demo-project tests, which count and
// list the demo workspace's conversations, start from an empty inbox.
import { and, asc, eq } from "drizzle-orm";
import { createRule } from "../automation/rules";
import { db, schema } from "../db/client";
import { DEMO_ADMIN } from "../db/demo-admin";
import { type Bindings, simulatorEnabled } from "../env";
import { conversationKeyName } from "../conversations/model";
import { sendText } from "../conversations/service";
import { createCannedReply } from "../settings/queries/canned-replies";
import type { PhoneAction } from "./customer-actions";
import { demoParcelPhoto } from "./demo-photo";
import { envChannel } from "./fake-channels";
import type { ChannelContext } from "./phone";
import { simulatorStub } from "./simulator-do";

export type DemoSeedResult = { seeded: true; conversations: number } | { seeded: false; reason: "simulator-off" | "already-seeded" | "not-ready" };

const CANNED_REPLIES = [
  { shortcut: "arigato", body: "お問い合わせありがとうございます。担当の{{agent.name}}が確認いたします。少々お待ちください。" },
  { shortcut: "exchange", body: "Sorry about the mix-up, {{contact.name}}! We'll send the right size today. Please return the other one with the prepaid label in the box." },
  { shortcut: "khopkhun", body: "ขอบคุณที่ติดต่อเราค่ะ ทีมงานจะตอบกลับโดยเร็วที่สุดค่ะ" },
];

const HOURS_REPLY = "営業時間は毎日10:00〜20:00です。\nWe're open daily 10:00–20:00.\nร้านเปิดทุกวัน 10:00–20:00 น.";

/** The audit entry that marks the demo as seeded (its id makes the claim atomic). */
function markerId(workspaceId: string): string {
  return `aud_demo_seed_${workspaceId}`;
}

/**
 * Seeds the demo workspace once. `origin` is this app's own URL: the simulator's
 * customers post their webhooks there, as they do from the phone page.
 */
export async function seedDemo(env: Bindings, origin: string, now = Date.now()): Promise<DemoSeedResult> {
  if (!simulatorEnabled(env)) return { seeded: false, reason: "simulator-off" };
  const d = db(env.DB);
  const workspace = await d.select({ id: schema.workspaces.id }).from(schema.workspaces).where(eq(schema.workspaces.demo, 1)).orderBy(asc(schema.workspaces.createdAt)).get();
  const admin = workspace ? await d.select().from(schema.users).where(and(eq(schema.users.email, DEMO_ADMIN.email), eq(schema.users.workspaceId, workspace.id))).get() : undefined;
  const channel = env.LINE_CHANNEL_ID ? await d.select({ id: schema.channels.id }).from(schema.channels).where(eq(schema.channels.lineChannelId, env.LINE_CHANNEL_ID)).get() : undefined;
  if (!workspace || !admin || !channel) return { seeded: false, reason: "not-ready" };

  const claim = await d
    .insert(schema.auditLogs)
    .values({ id: markerId(workspace.id), workspaceId: workspace.id, actorId: admin.id, action: "demo.seeded", targetType: "workspace", targetId: workspace.id, data: null, createdAt: now })
    .onConflictDoNothing()
    .run();
  if (!claim.meta.changes) return { seeded: false, reason: "already-seeded" };

  const who = { workspaceId: workspace.id, actorId: admin.id };
  for (const reply of CANNED_REPLIES) await createCannedReply(env.DB, who, { ownerId: null, ...reply }, now);
  await createRule(env.DB, who, channel.id, {
    name: "Opening hours",
    keywords: ["営業時間", "เวลาทำการ", "opening hours"],
    matchMode: "contains",
    priority: 10,
    activeWindow: "always",
    reply: { messages: [{ type: "text", text: HOURS_REPLY }], quickReplies: [] },
    enabled: true,
  }, now);

  const fake = await envChannel(env);
  const ctx: ChannelContext = { channelId: fake.channelId, channelSecret: fake.channelSecret, origin, locale: "en" };
  const phone = simulatorStub(env, fake.channelId);
  const { users } = await phone.overview(fake.channelId);
  const userId = (name: string) => users.find((u) => u.displayName === name)?.userId ?? null;
  const agent = { id: admin.id, name: admin.name };
  const say = async (chatId: string, action: PhoneAction) => {
    const outcome = await phone.send(ctx, chatId, action);
    if (!outcome.ok) throw new Error(`demo seed: ${outcome.error}`);
  };
  const answer = (source: { type: "user"; userId: string } | { type: "group"; groupId: string }, text: string) =>
    sendText(env, env.CONVERSATIONS.idFromName(conversationKeyName({ channelId: channel.id, source })).toString(), agent, text);
  let conversations = 0;

  // A group of three customers organising an order together (oldest in the list).
  const group = [userId("Alex Morgan"), userId("Putri Lestari"), userId("陳 偉倫")].filter((id): id is string => id !== null);
  if (group.length === 3) {
    const created = await phone.createGroup(ctx, { name: "Office party order", type: "group", memberIds: group });
    if (created.ok) {
      const [alex = "", putri = "", chen = ""] = group;
      await say(created.chatId, { kind: "text", as: alex, text: "Hi! We'd like 30 boxes of the matcha cookies for our office party on Friday." });
      await say(created.chatId, { kind: "text", as: putri, text: "Could they arrive by Thursday afternoon? We're setting up that day." });
      await say(created.chatId, { kind: "text", as: chen, text: "請問可以開公司抬頭的收據嗎？" });
      await answer({ type: "group", groupId: created.chatId }, "Happy to help! 30 boxes can arrive on Thursday by 15:00, and we'll issue the receipt with your company name.");
      conversations++;
    }
  }

  // A Thai customer asking about stock, then the opening hours (the keyword rule answers).
  const somchai = userId("Somchai P.");
  if (somchai) {
    await say(somchai, { kind: "text", text: "สวัสดีครับ เสื้อแจ็คเก็ตสีน้ำเงินไซส์ L ยังมีของไหมครับ" });
    await answer({ type: "user", userId: somchai }, "สวัสดีค่ะ คุณสมชาย ไซส์ L ยังมีสินค้าค่ะ สั่งซื้อทางออนไลน์หรือรับที่ร้านก็ได้นะคะ");
    await say(somchai, { kind: "text", text: "ร้านมีเวลาทำการกี่โมงถึงกี่โมงครับ จะไปรับที่ร้าน" });
    conversations++;
  }

  // A Japanese customer whose order arrived in the wrong size: text, a photo, the answer, a sticker (newest).
  const tanaka = userId("田中 ゆき");
  if (tanaka) {
    await say(tanaka, { kind: "text", text: "こんにちは。3月12日に注文したウールコート（注文番号 A12345）が今日届きました。" });
    await say(tanaka, { kind: "media", bytes: await demoParcelPhoto(), contentType: "image/png", fileName: "parcel.png" });
    await say(tanaka, { kind: "text", text: "ところが中身がMサイズでした。注文したのはLサイズです。交換できますか？" });
    await answer({ type: "user", userId: tanaka }, "田中様、ご連絡ありがとうございます。ご不便をおかけして申し訳ございません。本日Lサイズを発送いたします。");
    await answer({ type: "user", userId: tanaka }, "Mサイズは、箱に同封の着払い伝票でご返送ください。");
    await say(tanaka, { kind: "text", text: "ありがとうございます！助かります。" });
    await say(tanaka, { kind: "sticker", packageId: "11537", stickerId: "52002734" });
    conversations++;
  }
  return { seeded: true, conversations };
}
