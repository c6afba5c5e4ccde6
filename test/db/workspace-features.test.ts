// The one read that tells listeners which optional features a workspace uses:
// a workspace that uses none gets no push, workflow, SLA or CSAT work per
// message, and switching a feature on in this isolate is seen by the next event
// at once (not after the cache's few seconds).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { saveCsatSettings, defaultCsatSettings } from "../../src/csat/settings";
import { workspaceFeatures } from "../../src/db/workspace-features";
import { saveSubscription } from "../../src/push/subscriptions";
import { createPolicy } from "../../src/sla/policies";
import { newWorkspace } from "../outbound-webhooks/helpers";

const NONE = { push: false, workflows: false, sla: false, csatOnResolve: false, csatComments: false };

describe("workspace features", () => {
  it("a new workspace uses none, and each feature switched on shows at once", async () => {
    const setup = await newWorkspace("features");
    const now = Date.now();
    expect(await workspaceFeatures(env.DB, setup.workspaceId, now)).toEqual(NONE);

    await createPolicy(env.DB, setup.workspaceId, {
      name: "Standard", position: 10, channelId: null, teamId: null, minPriority: null, tagId: null,
      firstResponseMinutes: 15, nextResponseMinutes: null, resolutionMinutes: null, businessHours: 0,
    });
    expect(await workspaceFeatures(env.DB, setup.workspaceId, now + 1)).toEqual({ ...NONE, sla: true });

    await saveCsatSettings(env.DB, { ...defaultCsatSettings(setup.channelId, setup.workspaceId), onResolve: 1 });
    expect(await workspaceFeatures(env.DB, setup.workspaceId, now + 2)).toEqual({ ...NONE, sla: true, csatOnResolve: true });

    const saved = await saveSubscription(env.DB, { workspaceId: setup.workspaceId, userId: setup.admin.id }, {
      endpoint: `https://push.test/wpush/${crypto.randomUUID()}`, p256dh: "BPk", auth: "au", label: "Chrome", locale: null,
    });
    expect(saved.ok).toBe(true);
    expect((await workspaceFeatures(env.DB, setup.workspaceId, now + 3)).push).toBe(true);
  });

  it("keeps an answer a few seconds per workspace: a change written behind its back shows after that", async () => {
    const setup = await newWorkspace("features-ttl");
    const now = Date.now();
    expect((await workspaceFeatures(env.DB, setup.workspaceId, now)).sla).toBe(false);
    // Another isolate (production) writes without telling this one.
    await env.DB.prepare("INSERT INTO sla_policies (id, workspace_id, name, position, first_response_minutes, business_hours, created_at, updated_at) VALUES (?, ?, 'Other', 1, 5, 0, ?, ?)")
      .bind(`sla_${crypto.randomUUID()}`, setup.workspaceId, now, now)
      .run();
    expect((await workspaceFeatures(env.DB, setup.workspaceId, now + 1000)).sla).toBe(false);
    expect((await workspaceFeatures(env.DB, setup.workspaceId, now + 5001)).sla).toBe(true);
  });
});
