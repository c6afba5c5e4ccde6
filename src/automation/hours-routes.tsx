// /settings/automation (business hours): the page, saving the weekly hours and
// time zone, the manual away switch, and adding/removing holidays. htmx swaps
// the card that changed; without JavaScript every form posts and redirects back.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { fieldErrors } from "../settings/forms";
import { t } from "../ui/i18n";
import { awayNowForm, holidayForm, hoursForm, idParam } from "./forms";
import { automationContext, backTo, formBody, isHtmx } from "./route-context";
import { addHoliday, deleteHoliday, listHolidays, saveSettings } from "./settings";
import { HolidaysCard, HOURS_PATH, HoursForm, HoursPage, StatusCard } from "./views/hours-page";
import { HTTPException } from "hono/http-exception";

export const hoursRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ctx = await automationContext(c);
    return c.html(<HoursPage {...ctx} holidays={await listHolidays(c.env.DB, ctx.channel.id)} />);
  })
  .post("/hours", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const parsed = hoursForm.safeParse(body);
    if (!parsed.success) {
      const failed = { values: body, errors: fieldErrors(parsed.error) };
      if (isHtmx(c)) return c.html(<HoursForm settings={ctx.settings} csrfToken={ctx.viewer.csrfToken} {...failed} />, 422);
      return c.html(<HoursPage {...ctx} holidays={await listHolidays(c.env.DB, ctx.channel.id)} hours={failed} />, 422);
    }
    const { timeZone, day0, day1, day2, day3, day4, day5, day6 } = parsed.data;
    const weeklyHours = [day0, day1, day2, day3, day4, day5, day6];
    await saveSettings(c.env.DB, ctx.who, ctx.channel.id, { timeZone, weeklyHours }, "hours");
    if (!isHtmx(c)) return c.redirect(backTo(HOURS_PATH, ctx.channel.id), 303);
    const settings = { ...ctx.settings, timeZone, weeklyHours };
    const holidays = await listHolidays(c.env.DB, ctx.channel.id);
    return c.html(
      <>
        <HoursForm settings={settings} csrfToken={ctx.viewer.csrfToken} saved />
        <hx-partial hx-target="#hours-status" hx-swap="outerHTML">
          <StatusCard settings={settings} holidays={holidays} csrfToken={ctx.viewer.csrfToken} />
        </hx-partial>
      </>,
    );
  })
  .post("/away-now", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const parsed = awayNowForm.safeParse(body);
    if (!parsed.success) throw new HTTPException(422, { message: t("automation.error.awaySwitch") });
    const on = parsed.data.awayNow === "on";
    await saveSettings(c.env.DB, ctx.who, ctx.channel.id, { awayNow: on ? 1 : 0, awayNowSince: on ? Date.now() : null }, "away_now");
    if (!isHtmx(c)) return c.redirect(backTo(HOURS_PATH, ctx.channel.id), 303);
    return c.html(<StatusCard settings={{ ...ctx.settings, awayNow: on ? 1 : 0 }} holidays={await listHolidays(c.env.DB, ctx.channel.id)} csrfToken={ctx.viewer.csrfToken} />);
  })
  .post("/holidays", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const parsed = holidayForm.safeParse(body);
    if (!parsed.success) {
      const failed = { values: body, errors: fieldErrors(parsed.error) };
      const holidays = await listHolidays(c.env.DB, ctx.channel.id);
      if (isHtmx(c)) return c.html(<HolidaysCard channelId={ctx.channel.id} holidays={holidays} csrfToken={ctx.viewer.csrfToken} {...failed} />, 422);
      return c.html(<HoursPage {...ctx} holidays={holidays} holiday={failed} />, 422);
    }
    await addHoliday(c.env.DB, ctx.who, ctx.channel.id, parsed.data);
    if (!isHtmx(c)) return c.redirect(backTo(HOURS_PATH, ctx.channel.id), 303);
    return c.html(<HolidaysAndStatus c={ctx} holidays={await listHolidays(c.env.DB, ctx.channel.id)} />);
  })
  .post("/holidays/:id/delete", async (c) => {
    const body = await formBody(c);
    const ctx = await automationContext(c, body);
    const id = idParam.safeParse(c.req.param());
    if (!id.success || !(await deleteHoliday(c.env.DB, ctx.who, id.data.id))) throw new HTTPException(404, { message: t("automation.error.closureNotFound") });
    if (!isHtmx(c)) return c.redirect(backTo(HOURS_PATH, ctx.channel.id), 303);
    return c.html(<HolidaysAndStatus c={ctx} holidays={await listHolidays(c.env.DB, ctx.channel.id)} />);
  });

/** The holidays card, and the status card (a closure may close the channel today). */
function HolidaysAndStatus({ c, holidays }: { c: Awaited<ReturnType<typeof automationContext>>; holidays: Awaited<ReturnType<typeof listHolidays>> }) {
  return (
    <>
      <HolidaysCard channelId={c.channel.id} holidays={holidays} csrfToken={c.viewer.csrfToken} />
      <hx-partial hx-target="#hours-status" hx-swap="outerHTML">
        <StatusCard settings={c.settings} holidays={holidays} csrfToken={c.viewer.csrfToken} />
      </hx-partial>
    </>
  );
}
