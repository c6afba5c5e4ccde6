// The fake "LINE Developers Console": every fake channel with its credentials (they
// are fake, and showing them is the point: copy them into a linedesk instance's
// Settings → Channels), its webhook URL, and a form that provisions a new channel.
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { localeContext, t } from "../../ui/i18n";
import type { FakeChannel } from "../fake-channels";
import { Sentence, SLOT } from "./parts";

export interface ConsoleChannel extends FakeChannel {
  endpoint: string | null;
  active: boolean;
}

const Credential: FC<{ label: string; value: string; id: string }> = ({ label, value, id }) => (
  <div class="cred">
    <label for={id}>{label}</label>
    <input id={id} class="cred-value" readonly value={value} spellcheck={false} />
  </div>
);

const ChannelCard: FC<{ channel: ConsoleChannel; origin: string }> = ({ channel, origin }) => {
  const key = channel.channelId;
  return (
    <article class="console-card" id={`channel-${key}`}>
      <header class="console-card-head">
        <img class="avatar" src={`/simulator/accounts/${encodeURIComponent(key)}.svg`} alt="" />
        <div>
          <h2>{channel.name}</h2>
          <p class="hint">
            {channel.basicId} · {t(channel.chatMode === "chat" ? "simulator.console.chatOnNote" : "simulator.console.chatOffNote")}
            {channel.fromEnv ? ` · ${t("simulator.console.fromEnv")}` : ""}
          </p>
        </div>
        <a class="btn" href={`/simulator?channel=${encodeURIComponent(key)}`}>{t("simulator.console.openPhone")}</a>
      </header>
      <div class="cred-grid">
        <Credential label={t("simulator.console.channelId")} value={key} id={`id-${key}`} />
        <Credential label={t("simulator.console.channelSecret")} value={channel.channelSecret ?? t("simulator.console.secretMissing")} id={`secret-${key}`} />
        <Credential label={t("simulator.console.accessToken")} value={channel.accessToken ?? t("simulator.console.tokenMissing")} id={`token-${key}`} />
        <Credential label={t("simulator.console.botUserId")} value={channel.botUserId} id={`bot-${key}`} />
      </div>
      <p class="console-webhook">
        <strong>{t("simulator.console.webhookUrl")}</strong>{" "}
        {channel.endpoint ? (
          <>
            <code>{channel.endpoint}</code> · {t(channel.active ? "simulator.console.webhookOn" : "simulator.console.webhookOff")}
          </>
        ) : (
          <Sentence text={t("simulator.console.webhookNotSet", { url: SLOT })}>
            <code>{`${origin}/webhooks/line/${key}`}</code>
          </Sentence>
        )}
      </p>
    </article>
  );
};

export interface PendingLink {
  token: string;
  userId: string;
  issuedAt: number;
  channelName: string;
}

/** Link tokens the app issued: finish LINE's account-link dialog for one (the accountLink event). */
const AccountLinks: FC<{ links: PendingLink[] }> = ({ links }) => (
  <section class="console-card" aria-labelledby="account-links">
    <h2 id="account-links">{t("simulator.links.title")}</h2>
    <p class="hint">{t("simulator.links.hint")}</p>
    {links.length ? (
      links.map((link) => (
        <form method="post" action="/simulator/control/account-link" class="inline-form console-form">
          <input type="hidden" name="linkToken" value={link.token} />
          <p class="hint">
            {link.channelName} · <code>{link.userId}</code>
          </p>
          <label>
            {t("simulator.links.nonce")}
            <input name="nonce" required maxlength={255} />
          </label>
          <label>
            {t("simulator.links.result")}
            <select name="result">
              <option value="ok">{t("simulator.links.ok")}</option>
              <option value="failed">{t("simulator.links.failedOption")}</option>
            </select>
          </label>
          <button class="btn primary" type="submit">
            {t("simulator.links.complete")}
          </button>
        </form>
      ))
    ) : (
      <p class="hint">{t("simulator.links.none")}</p>
    )}
  </section>
);

export const ConsolePage: FC<{ channels: ConsoleChannel[]; origin: string; links?: PendingLink[] }> = ({ channels, origin, links = [] }) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang={localeContext().locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t("simulator.console.pageTitle")}</title>
        <link rel="icon" href="/simulator/avatars/account.svg" />
        <link rel="stylesheet" href="/simulator.css" />
      </head>
      <body class="sim console">
        <header class="console-top">
          <span class="brand-mark" aria-hidden="true">L</span>
          <div>
            <h1>{t("simulator.console.title")}</h1>
            <p class="hint">{t("simulator.console.intro")}</p>
          </div>
          <a class="btn" href="/simulator">{t("simulator.console.back")}</a>
        </header>
        <main class="console-main">
          <section class="console-card console-new" aria-labelledby="new-channel">
            <h2 id="new-channel">{t("simulator.console.new")}</h2>
            <form method="post" action="/simulator/control/channels" class="inline-form console-form">
              <label>
                {t("simulator.console.botName")}
                <input name="name" maxlength={20} placeholder={t("simulator.console.defaultName", { n: String(channels.length + 1) })} />
              </label>
              <label>
                {t("simulator.console.chatMode")}
                <select name="chatMode">
                  <option value="chat">{t("simulator.console.chatOn")}</option>
                  <option value="bot">{t("simulator.console.chatOff")}</option>
                </select>
              </label>
              <button class="btn primary" type="submit">{t("simulator.console.create")}</button>
            </form>
            <p class="hint">
              <Sentence text={t("simulator.console.addHint", { variable: SLOT })}>
                <code>LINE_API_BASE_URL={origin}/simulator/line</code>
              </Sentence>
            </p>
          </section>
          {channels.map((channel) => (
            <ChannelCard channel={channel} origin={origin} />
          ))}
          <AccountLinks links={links} />
        </main>
      </body>
    </html>
  </>
);
