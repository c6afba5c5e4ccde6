// A workspace-realistic inbox dataset, generated deterministically as SQL.
//
// What is seeded is what the inbox list and search read: the D1 conversation index
// (conversations, contacts, contact_identities, conversation_tags), the workspace's
// agents, teams and tags, a second channel, and the FTS5 search documents
// (conversation_search: one per message plus one per conversation title, as
// src/conversations/index-writer.ts writes them, each with its twin row of 2-character
// terms in conversation_search_short under the same rowid, see search-docs.ts). Message bodies live in each
// conversation's Durable Object; the list and search never read them, so no Durable
// Object is created.
//
// Each chunk has its own PRNG stream, so a chunk can be regenerated identically to
// resume an interrupted seed.
import { shortSearchDocument } from "../../../src/lib/search-grams.ts";

const DAY = 86_400_000;
const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // src/lib/ids.ts

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const intIn = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const hex = (rnd, n) => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(rnd() * 16)];
  return s;
};
/** Same shape as src/lib/ids.ts newId: `<prefix>_<10 time chars><10 random chars>`. */
export function newId(rnd, prefix, now) {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ID_ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let tail = "";
  for (let i = 0; i < 10; i++) tail += ID_ALPHABET[Math.floor(rnd() * 32)];
  return `${prefix}_${time}${tail}`;
}

export const q = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

// ---------------------------------------------------------------- vocabulary

const JA_FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "森", "池田", "橋本", "石川", "前田"];
const JA_GIVEN = ["花子", "太郎", "陽菜", "結衣", "大翔", "蓮", "美咲", "翔太", "さくら", "健太", "愛", "由美", "直樹", "恵", "拓也", "葵", "湊", "凛", "悠真", "芽衣"];
const JA_HANDLES = ["はなこ🌸", "ゆい", "けんた", "Mika", "たろう", "みさき☆", "Yuki", "あおい", "りん🍀", "Sho"];
const TH_GIVEN = ["สมชาย", "สมศรี", "ปิยะ", "นภา", "กมล", "อรุณ", "วิภา", "ธนา", "ศิริพร", "ประเสริฐ", "มาลี", "สุดา", "พิมพ์", "ณัฐ", "กานต์", "ปวีณา"];
const TH_FAMILY = ["ใจดี", "สุขใจ", "วงศ์ไทย", "ศรีสุข", "ทองดี", "แสงทอง", "บุญมา", "รักษ์ไทย", "พงษ์ศักดิ์", "มีสุข"];
const TH_NICK = ["พลอย", "มิ้นท์", "ต้น", "เบียร์", "ฝน", "Ploy", "Mint", "Bank", "Nong May", "Aom"];
const EN_GIVEN = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Chloe", "Daniel", "Grace", "Ryan", "Hannah"];
const EN_FAMILY = ["Smith", "Johnson", "Brown", "Taylor", "Lee", "Wilson", "Martin", "Walker", "Clark", "Lewis", "Young", "King"];

const PRODUCTS = {
  ja: ["ワイヤレスイヤホン", "保湿クリーム", "ランニングシューズ", "コーヒー豆", "抹茶ラテ", "スマホケース", "日焼け止め", "トートバッグ"],
  th: ["ครีมกันแดด", "รองเท้าวิ่ง", "หูฟังไร้สาย", "กระเป๋าผ้า", "เคสโทรศัพท์", "กาแฟคั่ว", "ชาเขียวมัทฉะ"],
  en: ["wireless earbuds", "sunscreen", "running shoes", "coffee beans", "tote bag", "phone case", "matcha latte"],
};

const INBOUND = {
  ja: [
    "注文番号{order}の配送状況を教えてください",
    "商品がまだ届きません。いつ発送されますか？",
    "返品したいのですが、手続きを教えてください",
    "注文をキャンセルしたいです",
    "サイズ交換は可能ですか？",
    "ポイントが反映されていません",
    "クーポンコードが使えません",
    "領収書を発行してもらえますか？",
    "配送料はいくらですか？",
    "{product}の在庫はありますか？",
    "予約の変更をお願いします",
    "ログインできません。パスワードを忘れました",
    "届いた{product}が壊れていました",
    "ありがとうございました！",
    "了解です",
    "はい、大丈夫です",
  ],
  th: [
    "สวัสดีค่ะ สั่งสินค้าไปแล้วยังไม่ได้รับเลยค่ะ",
    "ขอเลขพัสดุหน่อยครับ คำสั่งซื้อ {order}",
    "ต้องการยกเลิกคำสั่งซื้อค่ะ",
    "เปลี่ยนไซส์ได้ไหมคะ",
    "โอนเงินแล้วค่ะ แนบสลิปให้แล้ว",
    "สินค้าชำรุด ขอคืนเงินได้ไหมครับ",
    "มี{product}สีอื่นไหมคะ",
    "ค่าส่งเท่าไหร่ครับ",
    "ใช้โค้ดส่วนลดไม่ได้ค่ะ",
    "ขอใบกำกับภาษีด้วยครับ",
    "ขอบคุณมากค่ะ",
    "โอเคครับ",
  ],
  en: [
    "Hi, where is my order {order}?",
    "I'd like a refund for my last purchase",
    "Can I change the delivery address?",
    "The package arrived damaged",
    "Is the {product} back in stock?",
    "My coupon code doesn't work",
    "How much is shipping to Bangkok?",
    "Please cancel my subscription",
    "I forgot my password and can't log in",
    "Can I get an invoice for order {order}?",
    "Thanks for your help!",
    "ok great",
  ],
};

const OUTBOUND = {
  ja: [
    "お問い合わせありがとうございます。担当の{agent}です。",
    "確認いたしますので少々お待ちください。",
    "ご不便をおかけして申し訳ございません。",
    "{date}に発送予定です。",
    "注文番号{order}で承りました。",
    "返品用の送り状をお送りしました。",
    "キャンセルの手続きが完了しました。",
    "またのご利用をお待ちしております。",
  ],
  th: [
    "สวัสดีค่ะ {agent} ยินดีให้บริการค่ะ",
    "ขออภัยในความไม่สะดวกค่ะ ทางเราจะตรวจสอบให้นะคะ",
    "จัดส่งภายในวันที่ {date} ค่ะ",
    "เลขพัสดุคือ TH{order} ค่ะ",
    "ยกเลิกคำสั่งซื้อเรียบร้อยแล้วค่ะ",
    "ขอบคุณที่ใช้บริการค่ะ",
  ],
  en: [
    "Hi, this is {agent}. Thanks for reaching out!",
    "Sorry for the inconvenience, let me check that for you.",
    "Your order ships on {date}.",
    "I've issued a refund for order {order}.",
    "Your subscription has been cancelled.",
    "Anything else I can help with?",
  ],
};

/** The workspace's people and labels (ids are generated; names are fixed). */
export const AGENTS = [
  ["Kenji Sato", "ja"], ["Yui Tanaka", "ja"], ["Haruto Suzuki", "ja"], ["Mei Kobayashi", "ja"], ["Sota Ito", "ja"], ["Rina Yamada", "ja"],
  ["Daiki Nakamura", "ja"], ["Aoi Kato", "ja"], ["Somchai Jaidee", "th"], ["Nattaya Srisuk", "th"], ["Kanya Thongdee", "th"],
  ["Pim Saengthong", "th"], ["Arthit Boonma", "th"], ["Emily Carter", "en"], ["Tom Walker", "en"], ["Sarah Lee", "en"],
  ["Hiroshi Mori", "ja"], ["Ploy Wongthai", "th"], ["Ken Ishikawa", "ja"],
]; // + the demo admin = 20 agents
export const TEAMS = ["Support JP", "Support TH", "Sales", "Billing", "Escalations"];
/** [name, color, base probability]. */
export const TAGS = [
  ["VIP", "violet", 0.02], ["返品", "amber", 0.08], ["配送", "blue", 0.15], ["請求", "green", 0.06], ["不具合", "red", 0.03],
  ["ご意見", "grey", 0.05], ["卸売", "violet", 0.01], ["キャンペーン", "green", 0.1], ["クレーム", "red", 0.04], ["スパム", "grey", 0.005],
];

// --------------------------------------------------------------- generation

/**
 * Fixed parts: the people and labels, second channel. `ctx`: { seed, now, workspaceId,
 * channel1Id, adminId }. Returns { sql, ids } where ids = { channel2Id, agentIds, teamIds, tagIds }.
 */
export function baseSql(ctx) {
  const rnd = mulberry32(ctx.seed ^ 0x5eed);
  const created = ctx.now - 400 * DAY;
  const channel2Id = newId(rnd, "ch", created);
  const agents = AGENTS.map(([name, lang], i) => ({ id: newId(rnd, "usr", created + i), name, lang, email: `agent${String(i + 1).padStart(2, "0")}@linedesk.test` }));
  const teams = TEAMS.map((name, i) => ({ id: newId(rnd, "team", created + i), name }));
  const tags = TAGS.map(([name, color], i) => ({ id: newId(rnd, "tag", created + i), name, color }));
  const ws = q(ctx.workspaceId);
  const lines = [];
  // Same sealed secrets as the demo channel (only the LINE channel id differs).
  lines.push(
    `INSERT INTO channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc, created_at) SELECT ${q(channel2Id)}, workspace_id, 'LINE OA Thailand', '2000000902', channel_secret_enc, access_token_enc, ${created} FROM channels WHERE id = ${q(ctx.channel1Id)};`,
  );
  // Agents share the demo admin's password hash (local demo data only).
  for (const a of agents) {
    lines.push(
      `INSERT INTO users (id, workspace_id, email, name, password_hash, role, active, availability, created_at) SELECT ${q(a.id)}, ${ws}, ${q(a.email)}, ${q(a.name)}, password_hash, 'agent', 1, ${q(pick(rnd, ["online", "away", "offline", "offline"]))}, ${created} FROM users WHERE id = ${q(ctx.adminId)};`,
    );
  }
  lines.push(`INSERT INTO teams (id, workspace_id, name, created_at) VALUES ${teams.map((t) => `(${q(t.id)}, ${ws}, ${q(t.name)}, ${created})`).join(", ")};`);
  lines.push(`INSERT INTO tags (id, workspace_id, name, color, created_at) VALUES ${tags.map((t) => `(${q(t.id)}, ${ws}, ${q(t.name)}, ${q(t.color)}, ${created})`).join(", ")};`);
  const members = teamMembers(agents, teams, ctx.adminId);
  lines.push(`INSERT INTO team_members (team_id, user_id) VALUES ${members.map(([t, u]) => `(${q(t)}, ${q(u)})`).join(", ")};`);
  return { sql: lines.join("\n") + "\n", ids: { channel2Id, agentIds: agents.map((a) => a.id), teamIds: teams.map((t) => t.id), tagIds: tags.map((t) => t.id) } };
}

function teamMembers(agents, teams, adminId) {
  const out = [];
  const [jp, th, sales, billing, esc] = teams.map((t) => t.id);
  agents.forEach((a, i) => {
    out.push([a.lang === "th" ? th : a.lang === "ja" ? jp : sales, a.id]);
    if (i % 4 === 0) out.push([a.lang === "en" ? billing : sales, a.id]);
    if (i % 7 === 3) out.push([billing, a.id]);
  });
  out.push([esc, adminId], [jp, adminId], [esc, agents[0].id], [esc, agents[8].id]);
  return [...new Map(out.map((p) => [p.join(), p])).values()];
}

/** Team → member ids, and language → agent ids (for plausible assignees). */
function staffing(ids, adminId) {
  const agents = AGENTS.map(([name, lang], i) => ({ id: ids.agentIds[i], name, lang }));
  const teams = TEAMS.map((name, i) => ({ id: ids.teamIds[i], name }));
  const byTeam = new Map();
  for (const [t, u] of teamMembers(agents, teams, adminId)) byTeam.set(t, [...(byTeam.get(t) ?? []), u]);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  names.set(adminId, "Aiko");
  return { byTeam, names };
}

function title(rnd, lang) {
  const r = rnd();
  if (lang === "ja") return r < 0.7 ? `${pick(rnd, JA_FAMILY)} ${pick(rnd, JA_GIVEN)}` : r < 0.85 ? `${pick(rnd, JA_FAMILY)}${pick(rnd, JA_GIVEN)}` : pick(rnd, JA_HANDLES);
  if (lang === "th") return r < 0.55 ? `${pick(rnd, TH_GIVEN)} ${pick(rnd, TH_FAMILY)}` : r < 0.8 ? pick(rnd, TH_GIVEN) : pick(rnd, TH_NICK);
  return r < 0.85 ? `${pick(rnd, EN_GIVEN)} ${pick(rnd, EN_FAMILY)}` : pick(rnd, EN_GIVEN);
}

function fill(rnd, template, lang, agentName, at) {
  return template
    .replace("{order}", `A${intIn(rnd, 100000, 999999)}`)
    .replace("{product}", pick(rnd, PRODUCTS[lang]))
    .replace("{agent}", agentName ?? "Aiko")
    .replace("{date}", new Date(at + intIn(rnd, 1, 5) * DAY).toISOString().slice(5, 10).replace("-", "/"));
}

function weighted(rnd, pairs) {
  let r = rnd();
  for (const [value, p] of pairs) {
    if ((r -= p) < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * SQL for conversations [from, to) of chunk `chunk`, with `messages` search documents in
 * total over the chunk (spread 1..2×avg-1 per conversation, exact sum). Returns
 * { sql, counts } with row counts per table.
 */
export function chunkSql(ctx, ids, chunk, from, to, messages) {
  const rnd = mulberry32((ctx.seed * 1_000_003 + chunk * 7919) >>> 0);
  const { byTeam, names } = staffing(ids, ctx.adminId);
  const [teamJp, teamTh, teamSales, teamBilling, teamEsc] = ids.teamIds;
  const n = to - from;
  // Messages per conversation: pairs (avg+d, avg-d) keep the exact total.
  const avg = Math.floor(messages / n);
  const perConv = new Array(n).fill(avg);
  for (let i = 0; i + 1 < n; i += 2) {
    const d = intIn(rnd, -(avg - 1), avg - 1);
    perConv[i] += d;
    perConv[i + 1] -= d;
  }
  for (let i = 0, rest = messages - avg * n; rest > 0; i = (i + 1) % n, rest--) perConv[i]++;

  const rows = { contacts: [], identities: [], conversations: [], tags: [], docs: [], shortDocs: [] };
  const ws = q(ctx.workspaceId);
  // Explicit rowids, unique across chunks (a chunk holds far fewer than 10M documents), so
  // the short-terms twin of each document can share its rowid as search-docs.ts requires.
  let rowid = (chunk + 1) * 10_000_000;
  const addDoc = (conversationId, docId, text) => {
    rowid++;
    rows.docs.push(`(${rowid}, ${q(conversationId)}, ${ws}, ${q(docId)}, ${q(text)})`);
    const terms = shortSearchDocument(text);
    if (terms) rows.shortDocs.push(`(${rowid}, ${q(terms)})`);
  };
  for (let k = 0; k < n; k++) {
    const lang = weighted(rnd, [["ja", 0.5], ["th", 0.3], ["en", 0.2]]);
    const channelId = lang === "ja" ? ctx.channel1Id : lang === "th" ? ids.channel2Id : rnd() < 0.5 ? ctx.channel1Id : ids.channel2Id;
    const isGroup = rnd() < 0.03;
    const name = isGroup ? "Group chat" : title(rnd, lang);
    const status = weighted(rnd, [["open", 0.15], ["follow_up", 0.04], ["snoozed", 0.03], ["resolved", 0.78]]);
    const bucket = status === "snoozed" || status === "resolved" ? status : "active";
    // Open work is recent; resolved conversations spread over the 90 days.
    const lastActivityAt = bucket === "resolved" ? ctx.now - Math.floor(rnd() * 90 * DAY) : ctx.now - Math.floor(rnd() ** 2 * 14 * DAY);
    const createdAt = lastActivityAt - Math.floor(rnd() * 20 * DAY);
    const team = rnd() < 0.15 ? null : lang === "th" ? weighted(rnd, [[teamTh, 0.85], [teamBilling, 0.1], [teamEsc, 0.05]]) : lang === "ja" ? weighted(rnd, [[teamJp, 0.7], [teamSales, 0.15], [teamBilling, 0.1], [teamEsc, 0.05]]) : weighted(rnd, [[teamSales, 0.6], [teamBilling, 0.3], [teamEsc, 0.1]]);
    const unassigned = bucket === "active" ? rnd() < 0.3 : bucket === "snoozed" ? false : rnd() < 0.05;
    const pool = team ? byTeam.get(team) : [ctx.adminId, ...ids.agentIds];
    const assigneeId = unassigned ? null : pick(rnd, pool);
    const pinned = bucket === "active" ? (rnd() < 0.0015 ? 1 : 0) : rnd() < 0.0001 ? 1 : 0;
    const priority = weighted(rnd, [[0, 0.6], [1, 0.15], [2, 0.15], [3, 0.07], [4, 0.03]]);
    const id = hex(rnd, 64);
    const sourceId = (isGroup ? "C" : "U") + hex(rnd, 32);
    let contactId = null;
    if (!isGroup) {
      contactId = newId(rnd, "ct", createdAt);
      rows.contacts.push(`(${q(contactId)}, ${ws}, ${q(name)}, NULL, ${q(lang)}, NULL, ${createdAt}, ${lastActivityAt})`);
      const following = rnd() < 0.95;
      rows.identities.push(`(${q(newId(rnd, "ci", createdAt))}, ${q(contactId)}, ${q(channelId)}, ${q(sourceId)}, ${q(following ? "following" : "unfollowed")}, ${createdAt}, ${following ? "NULL" : lastActivityAt}, ${createdAt}, ${lastActivityAt}, ${createdAt}, ${createdAt})`);
    }
    // Messages (search documents), oldest first.
    const count = perConv[k];
    const agentName = assigneeId ? names.get(assigneeId) : null;
    let last = { text: "", direction: "inbound" };
    for (let m = 0; m < count; m++) {
      const at = count === 1 ? lastActivityAt : createdAt + Math.floor(((lastActivityAt - createdAt) * m) / (count - 1));
      const outbound = m > 0 && rnd() < 0.45;
      const text = fill(rnd, pick(rnd, (outbound ? OUTBOUND : INBOUND)[lang]), lang, agentName, at);
      addDoc(id, newId(rnd, "msg", at), text);
      last = { text, direction: outbound ? "outbound" : "inbound" };
    }
    addDoc(id, "title", name);
    const unread = bucket === "active" && last.direction === "inbound" ? intIn(rnd, 1, 3) : 0;
    const snoozedUntil = bucket === "snoozed" ? ctx.now + intIn(rnd, 1, 7 * 24) * 3_600_000 : null;
    rows.conversations.push(
      `(${q(id)}, ${ws}, ${q(channelId)}, ${q(isGroup ? "group" : "user")}, ${q(sourceId)}, ${q(contactId)}, ${q(name)}, NULL, ${q(status)}, ${q(bucket)}, ${q(assigneeId)}, ${q(team)}, ${priority}, ${pinned}, ${snoozedUntil ?? "NULL"}, ${q(last.text.slice(0, 140))}, ${q(last.direction)}, ${lastActivityAt}, ${unread}, ${count + 2}, ${createdAt})`,
    );
    TAGS.forEach(([, , p], t) => {
      // Shipping/returns skew to active work, spam to unassigned.
      const boost = bucket === "active" && (t === 1 || t === 2) ? 1.5 : 1;
      if (rnd() < p * boost) rows.tags.push(`(${q(id)}, ${q(ids.tagIds[t])}, ${ws}, ${q(bucket)}, ${pinned}, ${lastActivityAt})`);
    });
  }

  const out = [];
  const insert = (head, values, per) => {
    for (let i = 0; i < values.length; i += per) out.push(`${head} VALUES\n${values.slice(i, i + per).join(",\n")};`);
  };
  insert("INSERT INTO contacts (id, workspace_id, display_name, picture_url, language, status_message, created_at, updated_at)", rows.contacts, 250);
  insert(
    "INSERT INTO contact_identities (id, contact_id, channel_id, line_user_id, friend_status, followed_at, unfollowed_at, first_seen_at, last_seen_at, profile_fetched_at, created_at)",
    rows.identities,
    200,
  );
  insert(
    "INSERT INTO conversations (id, workspace_id, channel_id, source_type, source_id, contact_id, title, picture_url, status, bucket, assignee_id, team_id, priority, pinned, snoozed_until, last_message_preview, last_message_direction, last_activity_at, unread_count, last_seq, created_at)",
    rows.conversations,
    150,
  );
  insert("INSERT INTO conversation_tags (conversation_id, tag_id, workspace_id, bucket, pinned, last_activity_at)", rows.tags, 300);
  insert("INSERT INTO conversation_search (rowid, conversation_id, workspace_id, doc_id, content)", rows.docs, 250);
  insert("INSERT INTO conversation_search_short (rowid, terms)", rows.shortDocs, 250);
  return {
    sql: out.join("\n") + "\n",
    counts: { conversations: rows.conversations.length, contacts: rows.contacts.length, conversation_tags: rows.tags.length, search_docs: rows.docs.length, short_search_docs: rows.shortDocs.length, message_docs: rows.docs.length - n },
  };
}
