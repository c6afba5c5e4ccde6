// /settings/profile (everyone signed in): the person's language (Automatic or
// one of ours), time zone (the workspace's or any IANA zone) and, below, their
// push notification devices and categories (profile-notifications.tsx).
import type { FC } from "hono/jsx";
import { LANGUAGES, type LanguageCode, timeZones } from "../../lib/locales";
import { t } from "../../ui/i18n";
import { IconCheck } from "../../ui/icons";
import { clockLabel } from "../../ui/time";
import { Avatar } from "../../ui/avatar";
import type { Viewer } from "../context";
import type { ProfileSettings } from "../profile-store";
import { CsrfField, FieldError } from "./form-bits";
import { DevicesCard, type DevicesCardProps, PreferencesCard, type PreferencesCardProps } from "./profile-notifications";
import { SettingsShell } from "./shell";

export const PROFILE_PATH = "/settings/profile";

function languageName(code: LanguageCode): string {
  return LANGUAGES.find((l) => l.code === code)?.label ?? code;
}

export interface LanguageCardProps {
  csrfToken: string;
  profile: ProfileSettings;
  /** What the browser asks for (Accept-Language), when it is one of ours. */
  browserLocale: LanguageCode | null;
  /** Typed values after a refused post (else the saved ones). */
  values?: { language: string; timeZone: string };
  errors?: { language?: string; timeZone?: string };
  saved?: boolean;
  now: number;
}

export const LanguageCard: FC<LanguageCardProps> = ({ csrfToken, profile, browserLocale, values, errors = {}, saved, now }) => {
  const language = values?.language ?? profile.language ?? "";
  const zone = values?.timeZone ?? profile.timeZone ?? "";
  const effectiveZone = zone || profile.workspaceTimeZone;
  const auto = browserLocale ? t("pwa.profile.language.auto", { language: languageName(browserLocale) }) : t("pwa.profile.language.autoWorkspace", { language: languageName(profile.workspaceLanguage) });
  return (
    <section class="card" aria-labelledby="profile-language-title">
      <div class="card__head">
        <h2 id="profile-language-title" class="card__title">
          {t("pwa.profile.prefs.title")}
        </h2>
      </div>
      {saved ? (
        <div class="alert alert--ok" role="status">
          <IconCheck />
          <span>{t("pwa.profile.saved")}</span>
        </div>
      ) : null}
      <form class="profile-form" method="post" action={PROFILE_PATH}>
        <CsrfField token={csrfToken} />
        <div class="field">
          <label class="field__label" for="profile-language">
            {t("pwa.profile.language")}
          </label>
          <select id="profile-language" class="input select" name="language" aria-invalid={errors.language ? "true" : undefined} aria-describedby="profile-language-hint profile-language-error">
            <option value="" selected={language === ""}>
              {auto}
            </option>
            {LANGUAGES.map((l) => (
              <option value={l.code} lang={l.code} selected={language === l.code}>
                {l.label}
              </option>
            ))}
          </select>
          <p id="profile-language-hint" class="field__hint">
            {t("pwa.profile.language.hint")}
          </p>
          <FieldError id="profile-language-error" message={errors.language} />
        </div>
        <div class="field">
          <label class="field__label" for="profile-time-zone">
            {t("pwa.profile.timeZone")}
          </label>
          <select id="profile-time-zone" class="input select" name="timeZone" aria-invalid={errors.timeZone ? "true" : undefined} aria-describedby="profile-time-zone-hint profile-time-zone-error">
            <option value="" selected={zone === ""}>
              {t("pwa.profile.timeZone.default", { zone: profile.workspaceTimeZone })}
            </option>
            {timeZones().map((z) => (
              <option value={z} selected={zone === z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
          <p id="profile-time-zone-hint" class="field__hint">
            {t("pwa.profile.timeZone.hint", { time: clockLabel(now, effectiveZone) })}
          </p>
          <FieldError id="profile-time-zone-error" message={errors.timeZone} />
        </div>
        <div class="profile-form__actions">
          <button type="submit" class="btn btn--primary">
            {t("pwa.profile.save")}
          </button>
        </div>
      </form>
    </section>
  );
};

export interface ProfilePageProps {
  viewer: Viewer;
  language: LanguageCardProps;
  devices: DevicesCardProps;
  preferences: PreferencesCardProps;
}

export const ProfilePage: FC<ProfilePageProps> = ({ viewer, language, devices, preferences }) => (
  <SettingsShell viewer={viewer} active={PROFILE_PATH} title={t("pwa.profile.title")} lead={t("pwa.profile.lead")}>
    <link rel="stylesheet" href="/pwa.css" />
    <div class="profile-who">
      <Avatar name={viewer.name} />
      <div class="profile-who__text">
        <strong class="profile-who__name">{viewer.name}</strong>
        <span class="profile-who__email">{t("pwa.profile.signedInAs", { email: viewer.email })}</span>
      </div>
    </div>
    <LanguageCard {...language} />
    <DevicesCard {...devices} />
    <PreferencesCard {...preferences} />
    <script src="/profile.js" defer></script>
  </SettingsShell>
);
