// The SLA badge of an inbox row: "due in 12 m" while a target runs, "due now"
// at the minute, "breached" once one was missed (red). Durations through Intl
// in the reader's language; nothing when no SLA target is running.
import type { FC } from "hono/jsx";
import { localeContext, t } from "./i18n";

const formats = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string, unit: "minute" | "hour" | "day"): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "narrow", maximumFractionDigits: 0 })));
  return f;
}

/** "12m", "3h", "2d" in the reader's language. */
export function shortDuration(ms: number): string {
  const { locale } = localeContext();
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return unitFormat(locale, "minute").format(minutes);
  if (minutes < 48 * 60) return unitFormat(locale, "hour").format(Math.round(minutes / 60));
  return unitFormat(locale, "day").format(Math.round(minutes / 1440));
}

export const SlaBadge: FC<{ dueAt?: number | null; breachedAt?: number | null; now: number }> = ({ dueAt, breachedAt, now }) => {
  if (breachedAt) return <span class="tag tag--sla tag--sla-breached">{t("sla.breached")}</span>;
  if (!dueAt) return null;
  const left = dueAt - now;
  return (
    <span class={`tag tag--sla${left < 15 * 60_000 ? " tag--sla-soon" : ""}`} data-sla-due={dueAt}>
      {left <= 30_000 ? t("sla.overdue") : t("sla.due", { time: shortDuration(left) })}
    </span>
  );
};
