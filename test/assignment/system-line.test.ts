// The thread's line for an automatic assignment reads "Assigned to X by <policy
// or workflow>" in each reader's language, from the line's data, not its text.
import { describe, expect, it } from "vitest";
import type { MessageBody } from "../../src/conversations/model";
import { withLocale } from "../../src/ui/i18n";
import { activityText } from "../../src/ui/system-lines";

type Activity = Extract<MessageBody, { type: "activity" }>;

const line = (by: NonNullable<NonNullable<Activity["params"]>["by"]>): Activity => ({
  type: "activity",
  action: "assigned",
  text: "Assigned to Aiko by round robin (Support)",
  actorName: "Support",
  params: { assignee: "Aiko", by },
});

describe("automatic assignment lines", () => {
  it("name the policy and team, or the workflow, in the reader's language", () => {
    const rr = line({ kind: "policy", mode: "round_robin", team: "Support" });
    const lo = line({ kind: "policy", mode: "least_open", team: "Thai" });
    const wf = line({ kind: "workflow", name: "Routing survey" });
    expect(withLocale({ locale: "en", timeZone: "UTC" }, () => [activityText(rr), activityText(lo), activityText(wf)])).toEqual([
      "Assigned to Aiko by round robin (Support)",
      "Assigned to Aiko by least open (Thai)",
      "Assigned to Aiko by workflow Routing survey",
    ]);
    expect(withLocale({ locale: "ja", timeZone: "UTC" }, () => activityText(rr))).toBe("ラウンドロビン（Support）でAikoさんに割り当てました");
    expect(withLocale({ locale: "th", timeZone: "UTC" }, () => activityText(lo))).toBe("มอบหมายให้ Aiko โดยงานเปิดน้อยที่สุด (Thai)");
  });

  it("an agent's own assignment still reads as before", () => {
    const manual: Activity = { type: "activity", action: "assigned", text: "Ken assigned the conversation to Aiko", actorName: "Ken", params: { assignee: "Aiko", self: false } };
    expect(withLocale({ locale: "en", timeZone: "UTC" }, () => activityText(manual))).toBe("Ken assigned the conversation to Aiko");
  });
});
