// The centred system lines of a thread in the reader's language: activity
// (someone resolved, assigned, snoozed… — from the line's `params`) and LINE
// events (follow, block, members joining… — from the event name and the few
// values its stored English text carries). A row stored before `params`
// existed, or a text this file does not recognise, shows its stored text.
import type { ActivityParams, MessageBody, Priority } from "../conversations/model";
import { t, tn } from "./i18n";
import { fullLabel } from "./time";

type Activity = Extract<MessageBody, { type: "activity" }>;
type LineEvent = Extract<MessageBody, { type: "event" }>;

function priorityLabel(p: Priority): string {
  return t(`composer.activity.priorityLevel.${p}`);
}

/** An activity line in the current language; `timeZone` for snooze times. */
export function activityText(body: Activity, timeZone?: string): string {
  const actor = body.actorName ?? "";
  const p = body.params;
  switch (body.action) {
    case "woke":
      return t("composer.activity.woke");
    case "reopened":
      // Written by the inbound path without params; its two texts tell the cases apart.
      return body.text.startsWith("Snooze ended") ? t("composer.activity.reopenedSnoozed") : t("composer.activity.reopened");
    case "csat":
      if (p?.csat === "rated" && p.score !== undefined) return t("csat.line.rated", { score: p.score });
      if (p?.csat === "commented" && p.comment !== undefined) return t("csat.line.comment", { comment: p.comment });
      return p?.csat === "skipped" ? t("csat.line.skipped") : body.text;
    case "sla":
      return p?.slaKind ? t(`sla.line.breached.${p.slaKind}`) : body.text;
  }
  if (body.action === "assigned" && p?.by && p.assignee) return assignedByText(p.assignee, p.by);
  if (!p || !body.actorName) return body.text;
  switch (body.action) {
    case "status":
      return p.status ? t(`composer.activity.status.${p.status}`, { actor }) : body.text;
    case "snoozed":
      return p.until === undefined ? body.text : t("composer.activity.snoozed", { actor, until: fullLabel(p.until, timeZone) });
    case "assigned":
      if (p.self) return t("composer.activity.took", { actor });
      return p.assignee ? t("composer.activity.assigned", { actor, assignee: p.assignee }) : body.text;
    case "unassigned":
      return p.previous ? t("composer.activity.unassigned", { actor, previous: p.previous }) : t("composer.activity.unassignedSomeone", { actor });
    case "team":
      if (p.team) return t("composer.activity.team", { actor, team: p.team });
      return p.previous ? t("composer.activity.teamRemoved", { actor, team: p.previous }) : t("composer.activity.teamRemovedSome", { actor });
    case "priority":
      return p.priority === undefined ? body.text : t("composer.activity.priority", { actor, priority: priorityLabel(p.priority) });
    case "pinned":
      return t("composer.activity.pinned", { actor });
    case "unpinned":
      return t("composer.activity.unpinned", { actor });
    case "contactMerged":
      return p.merged ? t("contacts.merge.systemLine", { actor, names: p.merged.join(", ") }) : body.text;
  }
}

/** "Assigned to Aiko by round robin (Support)": an automatic assignment (src/assignment/). */
function assignedByText(assignee: string, by: NonNullable<ActivityParams["by"]>): string {
  if (by.kind === "workflow") return t("settings.assignment.line.byWorkflow", { assignee, workflow: by.name });
  return t(`settings.assignment.line.${by.mode}`, { assignee, team: by.team });
}

/** A LINE event line in the current language. */
export function eventText(body: LineEvent): string {
  const text = body.text;
  let m: RegExpExecArray | null;
  switch (body.event) {
    case "follow":
      return body.unblocked ? t("composer.event.unblocked") : t("composer.event.followed");
    case "unfollow":
      return t("composer.event.blocked");
    case "join":
      return t("composer.event.joined");
    case "leave":
      return t("composer.event.left");
    case "memberJoined":
      return (m = /^(\d+) members? joined$/.exec(text)) ? tn("composer.event.membersJoined", Number(m[1])) : text;
    case "memberLeft":
      return (m = /^(\d+) members? left$/.exec(text)) ? tn("composer.event.membersLeft", Number(m[1])) : text;
    case "unsend":
      return t("composer.event.unsent");
    case "videoPlayComplete":
      return (m = /^Watched video "(.*)" to the end$/s.exec(text)) ? t("composer.event.videoWatched", { tracking: m[1] ?? "" }) : text;
    case "beacon":
      return (m = /^Beacon (\S+) \((.*)\)$/s.exec(text)) ? t("composer.event.beacon", { type: m[1] ?? "", hwid: m[2] ?? "" }) : text;
    case "accountLink":
      return text === "Linked their account" ? t("composer.event.linked") : t("composer.event.linkFailed");
    case "membership":
      return (m = /^Membership (\S+) \(#(.*)\)$/s.exec(text)) ? t("composer.event.membership", { type: m[1] ?? "", id: m[2] ?? "" }) : text;
  }
}
