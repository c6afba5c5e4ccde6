// The composer's tools, each a <details> in the bar with its own form, working
// without JavaScript (composer.js keeps one open at a time; a `name` group would
// close the open tool an htmx swap puts back, because the old one is still open):
// sticker picker, attachment upload, location, and the quick-reply editor
// (whose inputs belong to the text form through form="composer-form").
//
// htmx: a tool form targets its own <details> (outerHTML). Success answers with
// the tool closed and fresh, plus <hx-partial>s for the new bubble and the
// status line; a problem answers 413/422 with the tool open and the message.
import type { Child, FC } from "hono/jsx";
import type { QuickReplyButton } from "../../conversations/model";
import type { StickerUrl } from "../../line/stickers";
import { MAX_QUICK_REPLIES, QUICK_REPLY_LABEL_MAX, QUICK_REPLY_TEXT_MAX } from "../forms";
import { PREVIEW_LIMIT, UPLOAD_LIMITS } from "../media-store";
import { pickerStickers, STICKER_PACKAGES } from "../stickers";
import { formatNumber, t } from "../../ui/i18n";
import { IconButtons, IconClose, IconMapPin, IconPaperclip, IconSmile } from "./icons";

export function composeUrl(conversationId: string, what: "text" | "sticker" | "location" | "media" | "canned" | "status"): string {
  return `/inbox/c/${encodeURIComponent(conversationId)}/compose/${what}`;
}

/** Sticker images when the caller has no StickerUrl: a redirect route that knows the environment. */
export const stickerImageRoute: StickerUrl = (packageId, stickerId) => `/inbox/compose/stickers/${encodeURIComponent(packageId)}/${encodeURIComponent(stickerId)}`;

const ToolError: FC<{ id: string; message?: string }> = ({ id, message }) =>
  message ? (
    <p class="composer-tool__error" role="alert" id={id}>
      {message}
    </p>
  ) : null;

interface ToolProps {
  conversationId: string;
  csrfToken: string;
  error?: string;
  open?: boolean;
}

const Tool: FC<{ kind: string; label: string; icon: Child; open?: boolean; children?: Child; badge?: number }> = ({ kind, label, icon, open, children, badge }) => (
  <details class={`composer-tool composer-tool--${kind}`} id={`composer-tool-${kind}`} open={open}>
    <summary class="composer-tool__toggle" title={label} aria-label={label}>
      {icon}
      {badge === undefined ? null : (
        <span class="composer-tool__badge" data-qr-count hidden={badge === 0}>
          {badge}
        </span>
      )}
    </summary>
    <div class="composer-tool__panel" role="group" aria-label={label}>
      {children}
    </div>
  </details>
);

export const StickerTool: FC<ToolProps & { stickerUrl?: StickerUrl }> = ({ conversationId, csrfToken, error, open, stickerUrl = stickerImageRoute }) => {
  const action = composeUrl(conversationId, "sticker");
  return (
    <Tool kind="sticker" label={t("composer.sticker.label")} icon={<IconSmile />} open={open}>
      <form class="sticker-picker" method="post" action={action} hx-post={action} hx-target="closest details" hx-swap="outerHTML" hx-disable="find button">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="quoteToken" value="" data-quote-token />
        <ToolError id="sticker-error" message={error} />
        <div class="sticker-picker__packs">
          {STICKER_PACKAGES.map((pkg, i) => {
            const ids = pickerStickers(pkg);
            const tabId = `sticker-pack-${pkg.packageId}`;
            return (
              <>
                <input type="radio" class="sticker-picker__tab-input" name="pack" id={tabId} value={pkg.packageId} checked={i === 0} />
                <label class="sticker-picker__tab" for={tabId} title={t("composer.sticker.package", { id: pkg.packageId })}>
                  <img src={stickerUrl(pkg.packageId, ids[0] ?? "")} alt={t("composer.sticker.package", { id: pkg.packageId })} width="28" height="28" loading="lazy" />
                </label>
                <div class="sticker-picker__grid">
                  {ids.map((id) => (
                    <button type="submit" class="sticker-picker__item" name="sticker" value={`${pkg.packageId}/${id}`} aria-label={t("composer.sticker.send", { id })}>
                      <img src={stickerUrl(pkg.packageId, id)} alt="" width="64" height="64" loading="lazy" />
                    </button>
                  ))}
                </div>
              </>
            );
          })}
        </div>
        <p class="composer-tool__hint">{t("composer.sticker.hint")}</p>
      </form>
    </Tool>
  );
};

const MB = 1024 * 1024;

export const AttachTool: FC<ToolProps> = ({ conversationId, csrfToken, error, open }) => {
  const action = composeUrl(conversationId, "media");
  return (
    <Tool kind="attach" label={t("composer.attach.label")} icon={<IconPaperclip />} open={open}>
      <form
        class="attach-form"
        method="post"
        action={action}
        enctype="multipart/form-data"
        hx-post={action}
        hx-target="closest details"
        hx-swap="outerHTML"
        hx-disable="find button"
        data-attach-form
        data-limits={JSON.stringify({ ...UPLOAD_LIMITS, preview: PREVIEW_LIMIT })}
      >
        <input type="hidden" name="_csrf" value={csrfToken} />
        <ToolError id="attach-error" message={error} />
        {/* asFile comes before the file in the body: the server picks the kind (and its limit) when the file part starts. */}
        <label class="attach-form__as-file">
          <input type="checkbox" name="asFile" value="1" /> {t("composer.attach.asFile")}
        </label>
        <input type="hidden" name="durationMs" value="" data-duration />
        <noscript>
          <label class="attach-form__duration">
            {t("composer.attach.audioSeconds")} <input class="input" name="durationSec" inputmode="decimal" />
          </label>
        </noscript>
        <input type="file" name="preview" accept="image/jpeg" hidden data-preview />
        <label class="attach-form__pick">
          <span class="attach-form__pick-label" data-attach-label>
            {t("composer.attach.choose")}
          </span>
          <input type="file" name="file" required data-attach-input aria-describedby="attach-limits" />
        </label>
        <p class="attach-form__limits" id="attach-limits">
          {t("composer.attach.limits", {
            image: formatNumber(UPLOAD_LIMITS.image / MB),
            video: formatNumber(UPLOAD_LIMITS.video / MB),
            audio: formatNumber(UPLOAD_LIMITS.audio / MB),
            file: formatNumber(UPLOAD_LIMITS.file / MB),
          })}
        </p>
        <p class="attach-form__problem" role="alert" data-attach-problem hidden></p>
        <div class="composer-tool__actions">
          <span class="attach-form__progress" data-attach-progress>
            {t("composer.attach.uploading")}
          </span>
          <button type="submit" class="btn btn--primary btn--sm">
            {t("composer.attach.submit")}
          </button>
        </div>
      </form>
    </Tool>
  );
};

export interface LocationValues {
  title?: string;
  address?: string;
  latitude?: string;
  longitude?: string;
}

export const LocationTool: FC<ToolProps & { values?: LocationValues }> = ({ conversationId, csrfToken, error, open, values = {} }) => {
  const action = composeUrl(conversationId, "location");
  return (
    <Tool kind="location" label={t("composer.location.label")} icon={<IconMapPin />} open={open}>
      <form class="location-form" method="post" action={action} hx-post={action} hx-target="closest details" hx-swap="outerHTML" hx-disable="find button">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <ToolError id="location-error" message={error} />
        <label class="field">
          <span>{t("composer.location.title")}</span>
          <input class="input" name="title" maxlength={100} required value={values.title ?? ""} placeholder={t("composer.location.titleExample")} />
        </label>
        <label class="field">
          <span>{t("composer.location.address")}</span>
          <input class="input" name="address" maxlength={100} required value={values.address ?? ""} placeholder={t("composer.location.addressExample")} />
        </label>
        <div class="location-form__coords">
          <label class="field">
            <span>{t("composer.location.latitude")}</span>
            <input class="input" name="latitude" inputmode="decimal" required value={values.latitude ?? ""} placeholder="35.6580" data-latitude />
          </label>
          <label class="field">
            <span>{t("composer.location.longitude")}</span>
            <input class="input" name="longitude" inputmode="decimal" required value={values.longitude ?? ""} placeholder="139.7016" data-longitude />
          </label>
        </div>
        <p class="composer-tool__hint">{t("composer.location.tip")}</p>
        <div class="composer-tool__actions">
          <button type="submit" class="btn btn--primary btn--sm">
            {t("composer.location.submit")}
          </button>
        </div>
      </form>
    </Tool>
  );
};

const QuickReplyRow: FC<{ button?: QuickReplyButton }> = ({ button }) => (
  <li class="qr-row">
    <input class="input qr-row__label" name="qrLabel" form="composer-form" maxlength={QUICK_REPLY_LABEL_MAX} value={button?.label ?? ""} placeholder={t("composer.qr.labelPlaceholder")} aria-label={t("composer.qr.labelAria", { max: QUICK_REPLY_LABEL_MAX })} />
    <input class="input qr-row__text" name="qrText" form="composer-form" maxlength={QUICK_REPLY_TEXT_MAX} value={button?.text ?? ""} placeholder={t("composer.qr.textPlaceholder")} aria-label={t("composer.qr.textAria")} />
    <button type="button" class="qr-row__remove" data-qr-remove aria-label={t("composer.qr.remove")}>
      <IconClose />
    </button>
  </li>
);

/** The editor for the text message's quick-reply buttons. Without JS it offers a few empty rows. */
export const QuickReplyTool: FC<{ buttons?: QuickReplyButton[]; open?: boolean }> = ({ buttons = [], open }) => {
  const empty = Math.max(0, Math.min(MAX_QUICK_REPLIES - buttons.length, buttons.length ? 1 : 3));
  return (
    <Tool kind="quick-replies" label={t("composer.qr.label")} icon={<IconButtons />} open={open} badge={buttons.length}>
      <div class="qr-editor" data-qr-editor data-max={MAX_QUICK_REPLIES}>
        <p class="composer-tool__title">{t("composer.qr.label")}</p>
        <p class="composer-tool__hint">{t("composer.qr.hint", { max: MAX_QUICK_REPLIES, labelMax: QUICK_REPLY_LABEL_MAX })}</p>
        <ol class="qr-list" data-qr-list>
          {buttons.map((b) => (
            <QuickReplyRow button={b} />
          ))}
          {Array.from({ length: empty }, () => (
            <QuickReplyRow />
          ))}
        </ol>
        <template data-qr-template>
          <QuickReplyRow />
        </template>
        <button type="button" class="btn btn--ghost btn--xs" data-qr-add>
          {t("composer.qr.add")}
        </button>
      </div>
    </Tool>
  );
};
