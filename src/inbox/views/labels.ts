// Labels the inbox views share, in the reader's language: view names, chat
// kinds, snooze presets and the "snoozed until" time in the reader's time zone.
import type { ConversationSourceType } from "../../conversations/model";
import { t } from "../../ui/i18n";
import { clockLabel, dayKey, fullLabel } from "../../ui/time";
import type { InboxView } from "../queries";

export function viewLabel(view: InboxView): string {
  switch (view) {
    case "mine":
      return t("inbox.view.mine");
    case "unassigned":
      return t("inbox.view.unassigned");
    case "all":
      return t("inbox.view.all");
    case "follow_up":
      return t("inbox.view.followUp");
    case "pinned":
      return t("inbox.view.pinned");
    case "snoozed":
      return t("inbox.view.snoozed");
    case "resolved":
      return t("inbox.view.resolved");
  }
}

/** The thread header's kind of chat: "1:1 chat", "Group chat"… */
export function sourceLabel(source: ConversationSourceType): string {
  switch (source) {
    case "user":
      return t("inbox.source.user");
    case "group":
      return t("inbox.source.group");
    case "room":
      return t("inbox.source.room");
    case "channel":
      return t("inbox.source.channel");
  }
}

export const SNOOZE_PRESETS = ["1h", "4h", "1d", "7d"] as const;

export function snoozePresetLabel(preset: (typeof SNOOZE_PRESETS)[number]): string {
  switch (preset) {
    case "1h":
      return t("inbox.snooze.preset.1h");
    case "4h":
      return t("inbox.snooze.preset.4h");
    case "1d":
      return t("inbox.snooze.preset.1d");
    case "7d":
      return t("inbox.snooze.preset.7d");
  }
}

/**
 * When a snooze ends, in the reader's zone: "14:05" today, "Tomorrow 09:00",
 * else the full date and time. Never raw UTC.
 */
export function snoozeUntilLabel(until: number, now = Date.now()): string {
  const days = dayKey(until) - dayKey(now);
  if (days <= 0) return clockLabel(until);
  if (days === 1) return t("inbox.snooze.tomorrowAt", { time: clockLabel(until) });
  return fullLabel(until);
}
