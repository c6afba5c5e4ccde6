// The fake LINE's account linking and membership: link tokens it issued
// (POST /v2/bot/user/{userId}/linkToken, valid 10 minutes, used once, as on LINE)
// and the membership plans its customers hold (GET /v2/bot/membership/subscription/{userId}).
// A link token names its channel (`LT<channel id>_<random>`), so LINE's account-link
// dialog (/simulator/dialog/bot/accountLink) knows which account to send the event from.
export const LINK_TOKEN_TTL_MS = 10 * 60_000;

export interface SimMembership {
  membershipId: number;
  title: string;
  joinedAt: number;
}

export class SimulatorAccountLinks {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS link_tokens (token TEXT PRIMARY KEY, user_id TEXT NOT NULL, issued_at INTEGER NOT NULL, used_at INTEGER);
      CREATE TABLE IF NOT EXISTS memberships (user_id TEXT PRIMARY KEY, membership_id INTEGER NOT NULL, title TEXT NOT NULL, joined_at INTEGER NOT NULL);`);
  }

  issue(channelId: string, userId: string, now: number): string {
    const token = `LT${channelId}_${crypto.randomUUID().replace(/-/g, "")}`;
    this.sql.exec("INSERT INTO link_tokens (token, user_id, issued_at) VALUES (?, ?, ?)", token, userId, now);
    return token;
  }

  /** The LINE user of a fresh, unused token, marking it used; null otherwise. */
  use(token: string, now: number): string | null {
    const row = this.sql.exec<{ user_id: string; issued_at: number; used_at: number | null }>("SELECT user_id, issued_at, used_at FROM link_tokens WHERE token = ?", token).toArray()[0];
    if (!row || row.used_at !== null || now - row.issued_at > LINK_TOKEN_TTL_MS) return null;
    this.sql.exec("UPDATE link_tokens SET used_at = ? WHERE token = ?", now, token);
    return row.user_id;
  }

  pending(now: number): Array<{ token: string; userId: string; issuedAt: number }> {
    return this.sql
      .exec<{ token: string; user_id: string; issued_at: number }>("SELECT token, user_id, issued_at FROM link_tokens WHERE used_at IS NULL AND issued_at > ? ORDER BY issued_at DESC LIMIT 20", now - LINK_TOKEN_TTL_MS)
      .toArray()
      .map((r) => ({ token: r.token, userId: r.user_id, issuedAt: r.issued_at }));
  }

  membership(userId: string): SimMembership | null {
    const row = this.sql.exec<{ membership_id: number; title: string; joined_at: number }>("SELECT membership_id, title, joined_at FROM memberships WHERE user_id = ?", userId).toArray()[0];
    return row ? { membershipId: row.membership_id, title: row.title, joinedAt: row.joined_at } : null;
  }

  setMembership(userId: string, membership: SimMembership | null): void {
    if (!membership) this.sql.exec("DELETE FROM memberships WHERE user_id = ?", userId);
    else this.sql.exec("INSERT OR REPLACE INTO memberships (user_id, membership_id, title, joined_at) VALUES (?, ?, ?, ?)", userId, membership.membershipId, membership.title, membership.joinedAt);
  }
}

/** The channel a link token was issued by (null when it is not one of ours). */
export function channelOfLinkToken(token: string): string | null {
  return /^LT([0-9A-Za-z_-]{1,64})_[0-9a-f]{32}$/.exec(token)?.[1] ?? null;
}

/** GET /v2/bot/membership/subscription/{userId}, shaped as messaging-api.yml says. */
export function subscriptionBody(m: SimMembership): object {
  return {
    subscriptions: [
      {
        membership: { membershipId: m.membershipId, title: m.title, description: `${m.title} (simulator)`, benefits: ["Members-only messages"], price: 500, currency: "JPY" },
        user: { membershipNo: 1, joinedTime: Math.floor(m.joinedAt / 1000), nextBillingDate: new Date(m.joinedAt + 30 * 86_400_000).toISOString().slice(0, 10), totalSubscriptionMonths: 1 },
      },
    ],
  };
}
