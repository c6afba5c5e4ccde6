// The phone's composer: text with LINE emoji, a sticker picker, locations, attachments.
// Every control is a plain form (works without JavaScript); simulator.js sends them with
// fetch and keeps the page in place.
import type { FC } from "hono/jsx";
import { t } from "../../ui/i18n";
import { IconClose, IconMapPin, IconPlus, IconSmile, Sentence, SLOT } from "./parts";
import { EMOJIS, EMOJI_PRODUCT_ID, STICKERS, simulatorEmojiUrl, simulatorStickerUrl } from "../stickers";

// What the customer shares: content of the message, so in the places' own words.
const PLACES = [
  { title: "Tokyo Station", address: "1 Chome Marunouchi, Chiyoda City, Tokyo", latitude: 35.681236, longitude: 139.767125 },
  { title: "Siam Paragon", address: "991 Rama I Rd, Pathum Wan, Bangkok", latitude: 13.746266, longitude: 100.534881 },
  { title: "Taipei 101", address: "No. 7, Section 5, Xinyi Rd, Taipei", latitude: 25.033964, longitude: 121.564468 },
  { title: "Monas", address: "Gambir, Central Jakarta", latitude: -6.175392, longitude: 106.827153 },
];

const Hidden: FC<{ name: string; value: string | null }> = ({ name, value }) =>
  value === null ? null : <input type="hidden" name={name} value={value} />;

const SheetHeader: FC<{ title: string }> = ({ title }) => (
  <header>
    <strong>{title}</strong>
    <a href="#" class="sheet-close" aria-label={t("simulator.close")}>
      <IconClose />
    </a>
  </header>
);

export const Composer: FC<{ chatId: string; viewerId: string | null; disabled: string | null }> = ({ chatId, viewerId, disabled }) => {
  const action = `/simulator/chats/${encodeURIComponent(chatId)}/send`;
  if (disabled) {
    return (
      <div class="composer-blocked">
        <p>{disabled}</p>
        <form method="post" action={`/simulator/chats/${encodeURIComponent(chatId)}/follow`} data-async>
          <button class="btn primary" type="submit">{t("simulator.unblockAgain")}</button>
        </form>
      </div>
    );
  }
  return (
    <div class="composer-wrap">
      <section class="sheet" id="sheet-stickers" aria-label={t("simulator.stickers")}>
        <SheetHeader title={t("simulator.stickers")} />
        <div class="sticker-grid">
          {STICKERS.map((s) => (
            <form method="post" action={action} data-async data-close-sheets>
              <Hidden name="kind" value="sticker" />
              <Hidden name="packageId" value={s.packageId} />
              <Hidden name="stickerId" value={s.stickerId} />
              <Hidden name="as" value={viewerId} />
              <button type="submit" class="sticker-btn" title={s.label}>
                <img src={simulatorStickerUrl(s.packageId, s.stickerId)} alt={s.label} loading="lazy" />
              </button>
            </form>
          ))}
        </div>
      </section>

      <section class="sheet" id="sheet-emoji" aria-label={t("simulator.emoji")}>
        <SheetHeader title={t("simulator.emoji")} />
        <div class="emoji-grid">
          {EMOJIS.map((e) => (
            <button type="button" class="emoji-btn" data-insert={e.token} title={e.token}>
              <img src={simulatorEmojiUrl(EMOJI_PRODUCT_ID, e.emojiId)} alt={e.token} />
            </button>
          ))}
        </div>
        <p class="hint">
          <Sentence text={t("simulator.emojiHint", { code: SLOT })}>
            <code>(love)</code>
          </Sentence>
        </p>
      </section>

      <section class="sheet" id="sheet-location" aria-label={t("simulator.location")}>
        <SheetHeader title={t("simulator.location.sheet")} />
        <div class="place-list">
          {PLACES.map((p) => (
            <form method="post" action={action} data-async data-close-sheets>
              <Hidden name="kind" value="location" />
              <Hidden name="title" value={p.title} />
              <Hidden name="address" value={p.address} />
              <Hidden name="latitude" value={String(p.latitude)} />
              <Hidden name="longitude" value={String(p.longitude)} />
              <Hidden name="as" value={viewerId} />
              <button type="submit" class="place-btn">
                <strong>
                  <IconMapPin /> {p.title}
                </strong>
                <small>{p.address}</small>
              </button>
            </form>
          ))}
        </div>
        <form method="post" action={action} class="stack-form compact" data-async data-close-sheets>
          <Hidden name="kind" value="location" />
          <Hidden name="as" value={viewerId} />
          <input name="title" maxlength={100} placeholder={t("simulator.location.title")} aria-label={t("simulator.location.titleLabel")} />
          <input name="address" maxlength={100} placeholder={t("simulator.location.address")} aria-label={t("simulator.location.addressLabel")} />
          <div class="two">
            <input name="latitude" required inputmode="decimal" placeholder={t("simulator.location.latitude")} aria-label={t("simulator.location.latitude")} />
            <input name="longitude" required inputmode="decimal" placeholder={t("simulator.location.longitude")} aria-label={t("simulator.location.longitude")} />
          </div>
          <button class="btn primary" type="submit">{t("simulator.location.send")}</button>
        </form>
      </section>

      <section class="sheet" id="sheet-attach" aria-label={t("simulator.attach")}>
        <SheetHeader title={t("simulator.attach.sheet")} />
        <form method="post" action={action} enctype="multipart/form-data" class="stack-form compact" data-async data-close-sheets data-upload>
          <Hidden name="as" value={viewerId} />
          <input type="hidden" name="duration" value="" />
          <input id="media-input" type="file" name="file" required accept="image/*,video/*,audio/*,application/pdf,text/plain" />
          <button class="btn primary" type="submit">{t("simulator.send")}</button>
          <p class="hint">{t("simulator.attach.hint")}</p>
        </form>
      </section>

      <form method="post" action={action} class="composer" data-async data-composer>
        <Hidden name="kind" value="text" />
        <Hidden name="as" value={viewerId} />
        <a class="icon-btn" href="#sheet-attach" data-open-sheet="attach" aria-label={t("simulator.attach")}>
          <IconPlus />
        </a>
        <a class="icon-btn" href="#sheet-location" data-open-sheet="location" aria-label={t("simulator.location")}>
          <IconMapPin />
        </a>
        {/* LINE's own placeholder is "Aa" in every language. */}
        <textarea name="text" rows={1} maxlength={5000} placeholder="Aa" aria-label={t("simulator.message")} required />
        <a class="icon-btn" href="#sheet-emoji" data-open-sheet="emoji" aria-label={t("simulator.emoji")}>
          <IconSmile />
        </a>
        <a class="icon-btn" href="#sheet-stickers" data-open-sheet="stickers" aria-label={t("simulator.stickers")}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M4 4h11l5 5v11H4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" /><path d="M15 4v5h5" fill="none" stroke="currentColor" stroke-width="2" /><circle cx="9.5" cy="12" r="1.2" fill="currentColor" /><circle cx="14.5" cy="12" r="1.2" fill="currentColor" /><path d="M9 15.5q3 2.5 6 0" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" /></svg>
        </a>
        <button class="send-btn" type="submit" aria-label={t("simulator.send")}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M3 20.5 21 12 3 3.5l2.5 7L15 12l-9.5 1.5z" fill="currentColor" /></svg>
        </button>
      </form>
    </div>
  );
};
