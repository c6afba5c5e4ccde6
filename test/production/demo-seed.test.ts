// Production mode never gets the demo's sample conversations: the seed trigger
// `npm start` calls in demo mode is not mounted, and the seed itself refuses.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/simulator/demo-seed";
import { ORIGIN } from "../helpers/session";

describe("demo seed with the simulator off", () => {
  it("is not reachable and seeds nothing", async () => {
    const res = await SELF.fetch(`${ORIGIN}/simulator/control/demo-seed`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(404);
    expect(await seedDemo(env, ORIGIN)).toEqual({ seeded: false, reason: "simulator-off" });
    for (const table of ["conversations", "canned_replies", "keyword_rules", "audit_logs"]) {
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>(), table).toEqual({ n: 0 });
    }
  });
});
