// Settings → Profile, notifications: this device (enabled by public/profile.js
// with PushManager), the person's subscribed devices with Remove, a test push,
// and the categories they want (Mine, Unassigned, @mentions, SLA) with
// "hide message text". Forms work with htmx and without JavaScript.
import type { FC } from "hono/jsx";
import type { DeviceView } from "../../push/subscriptions";
import { labelParts } from "../../push/device-label";
import type { NotificationPreferences } from "../../push/preferences";
import { t, tn } from "../../ui/i18n";
import { IconAlert, IconBell, IconCheck } from "../../ui/icons";
import { fullLabel, shortLabel } from "../../ui/time";
import { CsrfField, FormAlert } from "./form-bits";
import { IconMonitor, IconPhone } from "./profile-icons";


const MOBILE = new Set(["Android", "iPhone", "iPad"]);

/** "Chrome on Android" in the reader's language. */
export function deviceName(label: string): string {
  const { browser, system } = labelParts(label);
  return t("pwa.device.label", { browser: browser || t("pwa.device.unknownBrowser"), system: system || t("pwa.device.unknownSystem") });
}

export interface DevicesCardProps {
  csrfToken: string;
  devices: DeviceView[];
  /** The VAPID public key browsers subscribe with; null when push is not configured. */
  vapidPublicKey: string | null;
  /** A message after an action: what happened, or what went wrong. */
  notice?: { kind: "ok" | "error"; text: string };
  now: number;
}

const DeviceRow: FC<{ device: DeviceView; csrfToken: string; now: number }> = ({ device, csrfToken, now }) => {
  const name = deviceName(device.label);
  const Icon = MOBILE.has(labelParts(device.label).system) ? IconPhone : IconMonitor;
  const action = `/settings/profile/devices/${device.id}/delete`;
  return (
    <li class="device-row" data-endpoint-hash={device.endpointHash} data-device-id={device.id}>
      <span class="device-row__icon">
        <Icon />
      </span>
      <div class="device-row__text">
        <span class="device-row__name">
          {name}
          <span class="tag tag--on device-row__this" hidden>
            {t("pwa.device.thisDevice")}
          </span>
        </span>
        <span class="device-row__meta">
          {t("pwa.device.added", { when: fullLabel(device.createdAt) })} · {device.lastSuccessAt ? t("pwa.device.lastSuccess", { when: shortLabel(device.lastSuccessAt, now) }) : t("pwa.device.noneYet")}
        </span>
        {device.failures > 0 ? (
          <span class="device-row__warn">
            <IconAlert />
            {tn("pwa.device.failing", device.failures)}
          </span>
        ) : null}
      </div>
      <form method="post" action={action} hx-post={action} hx-target="#push-devices" hx-swap="outerHTML" class="device-row__remove">
        <CsrfField token={csrfToken} />
        <button type="submit" class="btn btn--danger-ghost btn--sm" aria-label={t("pwa.device.removeLabel", { device: name })}>
          {t("pwa.device.remove")}
        </button>
      </form>
    </li>
  );
};

/** The notifications card: this device, the device list and the test button. htmx swaps it whole (#push-devices). */
export const DevicesCard: FC<DevicesCardProps> = ({ csrfToken, devices, vapidPublicKey, notice, now }) => (
  <section id="push-devices" class="card" aria-labelledby="push-devices-title">
    <div class="card__head">
      <h2 id="push-devices-title" class="card__title">
        {t("pwa.notify.title")}
      </h2>
      <p class="card__lead">{t("pwa.notify.lead")}</p>
    </div>
    {notice?.kind === "error" ? <FormAlert message={notice.text} id="push-notice" /> : null}
    {notice?.kind === "ok" ? (
      <div class="alert alert--ok" role="status" id="push-notice">
        <IconCheck />
        <span>{notice.text}</span>
      </div>
    ) : null}
    {vapidPublicKey === null ? (
      <div class="alert alert--warn" role="status">
        <IconAlert />
        <span>{t("pwa.notify.notConfigured")}</span>
      </div>
    ) : (
      <div class="push-device" id="push-device" data-vapid-key={vapidPublicKey} data-subscribe-url="/settings/profile/devices">
        <span class="push-device__icon">
          <IconBell />
        </span>
        <div class="push-device__text">
          <strong>{t("pwa.device.thisDevice")}</strong>
          <span id="push-device-status" aria-live="polite">
            {t("pwa.device.checking")}
          </span>
        </div>
        <div class="push-device__actions">
          <button type="button" class="btn btn--primary btn--sm" id="push-enable" hidden>
            {t("pwa.device.enable")}
          </button>
          <button type="button" class="btn btn--ghost btn--sm" id="push-disable" hidden>
            {t("pwa.device.disable")}
          </button>
        </div>
      </div>
    )}
    <h3 class="push-devices__title">{t("pwa.devices.title")}</h3>
    <ul class="row-list device-list">
      {devices.map((d) => (
        <DeviceRow device={d} csrfToken={csrfToken} now={now} />
      ))}
    </ul>
    {devices.length === 0 ? <p class="push-devices__empty">{t("pwa.devices.empty")}</p> : null}
    {vapidPublicKey !== null && devices.length > 0 ? (
      <form class="push-test" method="post" action="/settings/profile/test" hx-post="/settings/profile/test" hx-target="#push-devices" hx-swap="outerHTML">
        <CsrfField token={csrfToken} />
        <button type="submit" class="btn btn--ghost btn--sm">
          <IconBell />
          <span>{t("pwa.test.button")}</span>
        </button>
      </form>
    ) : null}
  </section>
);

export interface PreferencesCardProps {
  csrfToken: string;
  preferences: NotificationPreferences;
  saved?: boolean;
}

const CATEGORIES = ["mine", "unassigned", "mentions", "sla"] as const;

/** The categories and the privacy option. htmx swaps it whole (#push-preferences). */
export const PreferencesCard: FC<PreferencesCardProps> = ({ csrfToken, preferences, saved }) => (
  <section id="push-preferences" class="card" aria-labelledby="push-preferences-title">
    <div class="card__head">
      <h2 id="push-preferences-title" class="card__title">
        {t("pwa.prefs.title")}
      </h2>
      <p class="card__lead">{t("pwa.prefs.lead")}</p>
    </div>
    {saved ? (
      <div class="alert alert--ok" role="status">
        <IconCheck />
        <span>{t("pwa.prefs.saved")}</span>
      </div>
    ) : null}
    <form class="prefs-form" method="post" action="/settings/profile/notifications" hx-post="/settings/profile/notifications" hx-target="#push-preferences" hx-swap="outerHTML">
      <CsrfField token={csrfToken} />
      <fieldset class="prefs-form__group">
        <legend class="visually-hidden">{t("pwa.prefs.title")}</legend>
        {CATEGORIES.map((c) => (
          <label class="check-row">
            <input type="checkbox" name={c} checked={preferences[c]} />
            <span class="check-row__text">
              <strong>{t(`pwa.prefs.${c}`)}</strong>
              <span class="check-row__hint">{t(`pwa.prefs.${c}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label class="check-row check-row--privacy">
        <input type="checkbox" name="hideText" checked={preferences.hideText} />
        <span class="check-row__text">
          <strong>{t("pwa.prefs.hideText")}</strong>
          <span class="check-row__hint">{t("pwa.prefs.hideText.hint")}</span>
        </span>
      </label>
      <div class="prefs-form__actions">
        <button type="submit" class="btn btn--primary">
          {t("pwa.prefs.save")}
        </button>
      </div>
    </form>
  </section>
);
