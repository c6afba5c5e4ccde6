// The live LINE-bubble preview beside a send or question step's form: what the
// fields typed so far would send (valid messages only; a question's choices as
// its quick replies), refreshed by htmx as the admin types.
import type { FC } from "hono/jsx";
import { parseReply } from "../../../automation/rule-form";
import { LinePreview } from "../../../automation/views/line-preview";
import type { StickerUrl } from "../../../line/stickers";
import { t } from "../../../ui/i18n";
import type { FormValues } from "../../forms/fields";
import { MAX_OPTIONS } from "../../forms/step-form";

export const FormPreview: FC<{ values: FormValues; stickerUrl: StickerUrl }> = ({ values, stickerUrl }) => {
  const question = Boolean(values.answerKind);
  const reply = parseReply(question ? { ...values, qr: "" } : values);
  const choices =
    question && values.answerKind === "choice"
      ? Array.from({ length: MAX_OPTIONS }, (_, i) => (values[`o${i}_label`] ?? "").trim().slice(0, 20)).filter(Boolean).map((label) => ({ label, text: label }))
      : reply.quickReplies;
  return <LinePreview channelName="LINE" messages={reply.messages} quickReplies={choices} stickerUrl={stickerUrl} empty={t("automation.keywords.previewNoMessage")} />;
};

/**
 * The preview area: posts the enclosing form to `action` when a field changes. The newest
 * edit replaces a preview still in flight: htmx's default queue would keep the first queued
 * request (with the form as it was) and drop every later one.
 */
export const LivePreview: FC<{ action: string; values: FormValues; stickerUrl: StickerUrl }> = ({ action, values, stickerUrl }) => (
  <div class="wf-sf__preview">
    <p class="wf-sf__preview-title">{t("workflows.editor.preview")}</p>
    <div hx-post={action} hx-trigger="input delay:500ms from:'closest form', change from:'closest form'" hx-sync="this:replace" hx-target="this" hx-swap="innerHTML">
      <FormPreview values={values} stickerUrl={stickerUrl} />
    </div>
  </div>
);
