// /settings/automation: business hours of one channel — whether it is open right
// now and until when, the manual "we are away" switch, the weekly schedule in
// the channel's time zone (several ranges a day, past midnight allowed) and
// holidays or closures by date. Each card is its own form and fragment.
import type { FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { CsrfField, FormAlert, TextField } from "../../settings/views/form-bits";
import { t } from "../../ui/i18n";
import { isOpenAt, nextChange, rangesLabel } from "../hours";
import { type AutomationSettings, type Holiday, scheduleOf } from "../settings";
import { IconCalendar, IconPower } from "./icons";
import { channelTime, closureDates, weekdayName } from "./dates";
import { AutomationShell, ChannelField, type ChannelChoice, rich } from "./shell";

type Errors = Partial<Record<string, string>>;
export const HOURS_PATH = "/settings/automation";
/** Monday first, as people read a week. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["Asia/Tokyo", "Asia/Bangkok", "Asia/Taipei", "Asia/Jakarta", "Asia/Seoul", "Asia/Singapore", "Europe/London", "America/New_York", "America/Los_Angeles", "UTC"];
  }
}

export const StatusCard: FC<{ settings: AutomationSettings; holidays: Holiday[]; csrfToken: string; now?: number }> = ({ settings, holidays, csrfToken, now = Date.now() }) => {
  const schedule = scheduleOf(settings, holidays);
  const open = isOpenAt(schedule, now);
  const change = nextChange(schedule, now, !open);
  const away = settings.awayNow === 1;
  const state = away ? "away" : open ? "open" : "closed";
  const zone = settings.timeZone;
  const at = change === null ? "" : channelTime(change, zone, now);
  const text = away
    ? t("automation.status.away")
    : open
      ? change === null ? t("automation.status.openLong") : t("automation.status.openUntil", { time: at })
      : change === null ? t("automation.status.closedLong") : t("automation.status.closedUntil", { time: at });
  return (
    <section id="hours-status" class={`card auto-status auto-status--${state}`} aria-live="polite">
      <div class="auto-status__main">
        <span class="auto-status__dot" aria-hidden="true" />
        <div>
          <p class="auto-status__text">{text}</p>
          <p class="auto-status__zone">{t("automation.status.zone", { zone, time: channelTime(now, zone, now) })}</p>
        </div>
      </div>
      <form method="post" action={`${HOURS_PATH}/away-now`} hx-post={`${HOURS_PATH}/away-now`} hx-target="#hours-status" hx-swap="outerHTML" hx-disable="find button">
        <CsrfField token={csrfToken} />
        <ChannelField channelId={settings.channelId} />
        <input type="hidden" name="awayNow" value={away ? "off" : "on"} />
        <button type="submit" class={`btn ${away ? "btn--primary" : "btn--ghost"} btn--sm`}>
          <IconPower />
          {away ? t("automation.status.switchOff") : t("automation.status.switchOn")}
        </button>
      </form>
    </section>
  );
};

export interface HoursFormProps {
  settings: AutomationSettings;
  csrfToken: string;
  /** Submitted values after a failed save (day0..day6, timeZone). */
  values?: Record<string, string>;
  errors?: Errors;
  saved?: boolean;
}

export const HoursForm: FC<HoursFormProps> = ({ settings, csrfToken, values, errors = {}, saved }) => {
  const day = (d: number) => values?.[`day${d}`] ?? rangesLabel(settings.weeklyHours[d] ?? []);
  return (
    <section id="hours-form" class="card" aria-labelledby="hours-title">
      <div class="card__head">
        <h2 id="hours-title" class="card__title">
          {t("automation.week.title")}
        </h2>
        <p class="card__lead">{t("automation.week.lead")}</p>
      </div>
      <form class="form" method="post" action={`${HOURS_PATH}/hours`} hx-post={`${HOURS_PATH}/hours`} hx-target="#hours-form" hx-swap="outerHTML" hx-disable="find button">
        <CsrfField token={csrfToken} />
        <ChannelField channelId={settings.channelId} />
        <FormAlert message={errors._form} />
        <TextField
          id="hours-tz"
          name="timeZone"
          label={t("automation.week.timeZone")}
          value={values?.timeZone ?? settings.timeZone}
          error={errors.timeZone}
          hint={rich(t("automation.week.timeZoneHint"), { variable: <code>{"{{next_open}}"}</code> })}
          extra={{ list: "time-zones", autocomplete: "off", spellcheck: false, required: true }}
        />
        <datalist id="time-zones">
          {timeZones().map((z) => (
            <option value={z} />
          ))}
        </datalist>
        <div class="auto-week" role="group" aria-label={t("automation.week.days")}>
          {DAY_ORDER.map((d) => (
            <div class="auto-week__day">
              <label class="auto-week__name" for={`hours-day${d}`}>
                {weekdayName(d)}
              </label>
              <div class="auto-week__input">
                <input
                  id={`hours-day${d}`}
                  class="input input--mono"
                  name={`day${d}`}
                  value={day(d)}
                  placeholder={t("automation.week.closed")}
                  autocomplete="off"
                  spellcheck={false}
                  aria-invalid={errors[`day${d}`] ? "true" : undefined}
                  aria-describedby={errors[`day${d}`] ? `hours-day${d}-error` : "hours-days-hint"}
                />
                {errors[`day${d}`] ? (
                  <p id={`hours-day${d}-error`} class="field__error">
                    {errors[`day${d}`]}
                  </p>
                ) : null}
              </div>
            </div>
          ))}
        </div>
        <p id="hours-days-hint" class="field__hint">
          {rich(t("automation.week.hint"), { example: <code>09:00-12:00, 13:00-18:00</code>, overnight: <code>22:00-02:00</code>, allDay: <code>24h</code> })}
        </p>
        <div class="auto-actions">
          {saved ? (
            <span class="auto-saved" role="status">
              {t("automation.saved")}
            </span>
          ) : null}
          <button type="submit" class="btn btn--primary">
            {t("automation.week.save")}
          </button>
        </div>
      </form>
    </section>
  );
};

export interface HolidaysCardProps {
  channelId: string;
  holidays: Holiday[];
  csrfToken: string;
  values?: Record<string, string>;
  errors?: Errors;
}

export const HolidaysCard: FC<HolidaysCardProps> = ({ channelId, holidays, csrfToken, values = {}, errors = {} }) => (
  <section id="holidays" class="card" aria-labelledby="holidays-title">
    <div class="card__head">
      <h2 id="holidays-title" class="card__title">
        {t("automation.holidays.title")}
      </h2>
      <p class="card__lead">{t("automation.holidays.lead")}</p>
    </div>
    <ul class="row-list auto-holidays">
      {holidays.map((h) => (
        <li class="auto-holiday">
          <IconCalendar />
          <span class="auto-holiday__name">{h.name}</span>
          <time class="auto-holiday__dates" datetime={h.startDate}>
            {closureDates(h.startDate, h.endDate)}
          </time>
          <form method="post" action={`${HOURS_PATH}/holidays/${h.id}/delete`} hx-post={`${HOURS_PATH}/holidays/${h.id}/delete`} hx-target="#holidays" hx-swap="outerHTML" hx-confirm={t("automation.holidays.removeConfirm", { name: h.name })}>
            <CsrfField token={csrfToken} />
            <ChannelField channelId={channelId} />
            <button type="submit" class="btn btn--danger-ghost btn--xs">
              {t("automation.holidays.remove")}
            </button>
          </form>
        </li>
      ))}
    </ul>
    {holidays.length ? null : <p class="auto-empty">{t("automation.holidays.empty")}</p>}
    <form class="auto-holiday-form" method="post" action={`${HOURS_PATH}/holidays`} hx-post={`${HOURS_PATH}/holidays`} hx-target="#holidays" hx-swap="outerHTML" hx-disable="find button">
      <CsrfField token={csrfToken} />
      <ChannelField channelId={channelId} />
      <TextField id="holiday-name" name="name" label={t("automation.holidays.name")} value={values.name ?? ""} error={errors.name} placeholder={t("automation.holidays.nameExample")} extra={{ required: true, maxlength: 60 }} />
      <TextField id="holiday-start" name="startDate" type="date" label={t("automation.holidays.firstDay")} value={values.startDate ?? ""} error={errors.startDate} extra={{ required: true }} />
      <TextField id="holiday-end" name="endDate" type="date" label={t("automation.holidays.lastDay")} value={values.endDate ?? ""} error={errors.endDate} />
      <button type="submit" class="btn btn--ghost auto-holiday-form__add">
        {t("automation.holidays.add")}
      </button>
    </form>
  </section>
);

export interface HoursPageProps {
  viewer: Viewer;
  channels: ChannelChoice[];
  channel: ChannelChoice;
  settings: AutomationSettings;
  holidays: Holiday[];
  hours?: Omit<HoursFormProps, "settings" | "csrfToken">;
  holiday?: Pick<HolidaysCardProps, "values" | "errors">;
}

export const HoursPage: FC<HoursPageProps> = ({ viewer, channels, channel, settings, holidays, hours, holiday }) => (
  <AutomationShell
    viewer={viewer}
    active={HOURS_PATH}
    title={t("automation.nav.hours")}
    lead={t("automation.hours.lead")}
    channels={channels}
    channel={channel}
  >
    <StatusCard settings={settings} holidays={holidays} csrfToken={viewer.csrfToken} />
    <HoursForm settings={settings} csrfToken={viewer.csrfToken} {...hours} />
    <HolidaysCard channelId={channel.id} holidays={holidays} csrfToken={viewer.csrfToken} {...holiday} />
  </AutomationShell>
);
