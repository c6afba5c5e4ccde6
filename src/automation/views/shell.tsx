// The automation settings pages inside the settings shell: their stylesheet,
// a channel picker when the workspace has more than one LINE channel, and the
// small form pieces the pages share (on/off switch, field with error).
import type { Child, FC } from "hono/jsx";
import type { Viewer } from "../../settings/context";
import { localeContext, t } from "../../ui/i18n";
import { SettingsShell } from "../../settings/views/shell";

export interface ChannelChoice {
  id: string;
  name: string;
  workspaceId: string;
}

export interface AutomationShellProps {
  viewer: Viewer;
  /** The nav entry, e.g. "/settings/automation/keywords". */
  active: string;
  title: string;
  lead?: Child;
  channels: ChannelChoice[];
  channel: ChannelChoice;
  children?: Child;
}

export const AutomationShell: FC<AutomationShellProps> = ({ viewer, active, title, lead, channels, channel, children }) => (
  <SettingsShell viewer={viewer} active={active} title={title} lead={lead}>
    <link rel="stylesheet" href="/automation.css" />
    {channels.length > 1 ? (
      <nav class="segmented auto-channels" aria-label={t("automation.channelPicker")}>
        {channels.map((c) => (
          <a class={`segmented__item${c.id === channel.id ? " is-active" : ""}`} href={`${active}?channel=${encodeURIComponent(c.id)}`} aria-current={c.id === channel.id ? "page" : undefined}>
            {c.name}
          </a>
        ))}
      </nav>
    ) : null}
    {children}
  </SettingsShell>
);

export const ChannelField: FC<{ channelId: string }> = ({ channelId }) => <input type="hidden" name="channel" value={channelId} />;

/**
 * A labelled checkbox styled as a switch (a plain checkbox without CSS). Without
 * a label it says "On" or "Off", following the box as it is toggled (CSS only).
 */
export const Switch: FC<{ name: string; checked: boolean; label?: string; id: string }> = ({ name, checked, label, id }) => (
  <label class="auto-switch" for={id}>
    <input id={id} type="checkbox" name={name} checked={checked} class="auto-switch__input" />
    <span class="auto-switch__track" aria-hidden="true">
      <span class="auto-switch__thumb" />
    </span>
    {label ? (
      <span class="auto-switch__label">{label}</span>
    ) : (
      <span class="auto-switch__label">
        <span class="auto-switch__on">{t("automation.switch.on")}</span>
        <span class="auto-switch__off">{t("automation.switch.off")}</span>
      </span>
    )}
  </label>
);


/**
 * A translated sentence with markup in it: each `{name}` in `template` (a
 * message read with t() and no params) becomes `parts[name]`, e.g. a number in
 * <strong> or a variable in <code>. The text around the parts is escaped as usual.
 */
export function rich(template: string, parts: Record<string, Child>): Child[] {
  return template.split(/(\{\w+\})/).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return name !== undefined && name in parts ? parts[name] : piece;
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** "one" or "other" for `count` in the reader's language (for plural templates used with rich()). */
export function pluralForm(count: number): "one" | "other" {
  const { locale } = localeContext();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count) === "one" ? "one" : "other";
}
