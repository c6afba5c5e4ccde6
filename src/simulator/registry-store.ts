// SQLite storage of the fake LINE's channel registry (the "LINE Developers Console"):
// one row per provisioned channel. Used only by the LineSimulatorDO named
// REGISTRY_NAME; every channel's own state lives in that channel's object.
import type { ChatMode, FakeChannel } from "./fake-channels";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fake_channels (
  channel_id TEXT PRIMARY KEY, channel_secret TEXT NOT NULL, access_token TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, basic_id TEXT NOT NULL, bot_user_id TEXT NOT NULL, chat_mode TEXT NOT NULL, created_at INTEGER NOT NULL);
`;

type Row = {
  channel_id: string; channel_secret: string; access_token: string; name: string;
  basic_id: string; bot_user_id: string; chat_mode: string; created_at: number;
};

export class RegistryStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  insert(ch: FakeChannel): void {
    this.sql.exec(
      "INSERT INTO fake_channels (channel_id, channel_secret, access_token, name, basic_id, bot_user_id, chat_mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ch.channelId, ch.channelSecret ?? "", ch.accessToken ?? "", ch.name, ch.basicId, ch.botUserId, ch.chatMode, ch.createdAt,
    );
  }

  byToken(token: string): FakeChannel | null {
    return this.one("SELECT * FROM fake_channels WHERE access_token = ?", token);
  }

  byId(channelId: string): FakeChannel | null {
    return this.one("SELECT * FROM fake_channels WHERE channel_id = ?", channelId);
  }

  all(): FakeChannel[] {
    return this.sql.exec<Row>("SELECT * FROM fake_channels ORDER BY created_at, channel_id LIMIT 200").toArray().map(toChannel);
  }

  private one(query: string, key: string): FakeChannel | null {
    const row = this.sql.exec<Row>(query, key).toArray()[0];
    return row ? toChannel(row) : null;
  }
}

function toChannel(r: Row): FakeChannel {
  const chatMode: ChatMode = r.chat_mode === "bot" ? "bot" : "chat";
  return {
    channelId: r.channel_id, channelSecret: r.channel_secret, accessToken: r.access_token, name: r.name,
    basicId: r.basic_id, botUserId: r.bot_user_id, chatMode, fromEnv: false, createdAt: r.created_at,
  };
}
