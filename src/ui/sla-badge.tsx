// The SLA badge of an inbox row and the thread header: "due in 12 m" while a
// target runs, "due now" in its last half minute, "breached" once one was
// missed or its due time passed (red). Durations through Intl in the reader's
// language; nothing when no SLA target is running. The due time travels as
// data-sla-due, so public/sla-badge.js keeps the words true as time passes.
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

/** Under this much time left the badge turns amber (the client script uses the same numbers). */
const SOON_MS = 15 * 60_000;
const NOW_MS = 30_000;

export const SlaBadge: FC<{ dueAt?: number | null; breachedAt?: number | null; now: number; id?: string }> = ({ dueAt, breachedAt, now, id }) => {
  if (!dueAt && !breachedAt) return id ? <span id={id} hidden></span> : null;
  const left = (dueAt ?? now) - now;
  if (breachedAt || left <= 0) {
    return (
      <span id={id} class="tag tag--sla tag--sla-breached">
        {t("sla.breached")}
      </span>
    );
  }
  return (
    <span id={id} class={`tag tag--sla${left < SOON_MS ? " tag--sla-soon" : ""}`} data-sla-due={dueAt ?? undefined}>
      {left <= NOW_MS ? t("sla.overdue") : t("sla.due", { time: shortDuration(left) })}
    </span>
  );
};
