// Tappable LINE actions (quick-reply chips and template buttons) on the simulator phone.
// Each is a plain form posting what LINE would send, so it also works without JavaScript.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconCamera, IconExternal, IconImage, IconMapPin } from "./parts";
import type { QuickReplyAction } from "../message-schema";

export interface ActionTarget {
  chatId: string;
  /** The member holding the phone in a group chat. */
  viewerId: string | null;
}

function sendUrl(chatId: string): string {
  return `/simulator/chats/${encodeURIComponent(chatId)}/send`;
}

const Hidden: FC<{ name: string; value: string | undefined }> = ({ name, value }) =>
  value === undefined ? null : <input type="hidden" name={name} value={value} />;

/** One LINE action as a button; `variant` picks chip (quick reply) or block (template) styling. */
export const ActionButton: FC<{ action: QuickReplyAction; target: ActionTarget; variant: "chip" | "block"; imageUrl?: string }> = ({
  action,
  target,
  variant,
  imageUrl,
}) => {
  const cls = variant === "chip" ? "qr-chip" : "tpl-action";
  const label = action.label ?? "";
  const icon = imageUrl ? <img class="qr-icon" src={imageUrl} alt="" /> : null;
  const as = target.viewerId ?? undefined;
  switch (action.type) {
    case "message":
      return (
        <form method="post" action={sendUrl(target.chatId)} class="action-form" data-async>
          <Hidden name="kind" value="text" />
          <Hidden name="text" value={action.text} />
          <Hidden name="as" value={as} />
          <button class={cls} type="submit">{icon}{label}</button>
        </form>
      );
    case "postback":
    case "datetimepicker": {
      const display = action.type === "postback" ? (action.displayText ?? action.text) : undefined;
      return (
        <form method="post" action={sendUrl(target.chatId)} class="action-form" data-async>
          <Hidden name="kind" value="postback" />
          <Hidden name="data" value={action.data} />
          <Hidden name="displayText" value={display} />
          <Hidden name="as" value={as} />
          {action.type === "datetimepicker" ? (
            <>
              <Hidden name="mode" value={action.mode} />
              <input
                class="picker-input"
                name="value"
                type={action.mode === "datetime" ? "datetime-local" : action.mode}
                value={action.initial}
                aria-label={label}
              />
            </>
          ) : null}
          <button class={cls} type="submit">{icon}{label}</button>
        </form>
      );
    }
    case "uri":
      return (
        <a class={cls} href={action.uri} target="_blank" rel="noopener noreferrer">
          {icon}{label} <IconExternal />
        </a>
      );
    case "location":
      return <a class={cls} href="#sheet-location" data-open-sheet="location">{icon ?? <IconMapPin />} {label}</a>;
    case "camera":
    case "cameraRoll":
      return <label class={cls} for="media-input">{icon ?? (action.type === "camera" ? <IconCamera /> : <IconImage />)} {label}</label>;
    case "clipboard":
      return <button class={cls} type="button" data-copy={action.clipboardText}>{icon}{label}</button>;
    case "richmenuswitch":
      return <span class={`${cls} is-disabled`} title={t("simulator.richMenuNotSimulated")}>{label || t("simulator.richMenu")}</span>;
  }
};
