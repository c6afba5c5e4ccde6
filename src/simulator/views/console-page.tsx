// The fake "LINE Developers Console": every fake channel with its credentials (they
// are fake, and showing them is the point: copy them into a linedesk instance's
// Settings → Channels), its webhook URL, and a form that provisions a new channel.
import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { FakeChannel } from "../fake-channels";

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
            {channel.basicId} · Chat {channel.chatMode === "chat" ? "on (read manually)" : "off (auto read)"}
            {channel.fromEnv ? " · from LINE_CHANNEL_*" : ""}
          </p>
        </div>
        <a class="btn" href={`/simulator?channel=${encodeURIComponent(key)}`}>Open phone</a>
      </header>
      <div class="cred-grid">
        <Credential label="Channel ID" value={key} id={`id-${key}`} />
        <Credential label="Channel secret" value={channel.channelSecret ?? "(LINE_CHANNEL_SECRET is not set)"} id={`secret-${key}`} />
        <Credential label="Channel access token (long-lived)" value={channel.accessToken ?? "(LINE_CHANNEL_ACCESS_TOKEN is not set)"} id={`token-${key}`} />
        <Credential label="Bot user ID (webhook destination)" value={channel.botUserId} id={`bot-${key}`} />
      </div>
      <p class="console-webhook">
        <strong>Webhook URL</strong>{" "}
        {channel.endpoint ? (
          <>
            <code>{channel.endpoint}</code> {channel.active ? "· Use webhook: on" : "· Use webhook: off"}
          </>
        ) : (
          <>
            not set — the phone posts to <code>{`${origin}/webhooks/line/${key}`}</code> on this instance
          </>
        )}
      </p>
    </article>
  );
};

export const ConsolePage: FC<{ channels: ConsoleChannel[]; origin: string }> = ({ channels, origin }) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>LINE Developers Console — LINE simulator</title>
        <link rel="icon" href="/simulator/avatars/account.svg" />
        <link rel="stylesheet" href="/simulator.css" />
      </head>
      <body class="sim console">
        <header class="console-top">
          <span class="brand-mark" aria-hidden="true">L</span>
          <div>
            <h1>LINE Developers Console</h1>
            <p class="hint">The simulator's fake channels (local only; nothing here is real).</p>
          </div>
          <a class="btn" href="/simulator">Back to the phone</a>
        </header>
        <main class="console-main">
          <section class="console-card console-new" aria-labelledby="new-channel">
            <h2 id="new-channel">New Messaging API channel</h2>
            <form method="post" action="/simulator/control/channels" class="inline-form console-form">
              <label>
                Bot name
                <input name="name" maxlength={20} placeholder={`Fake account ${channels.length + 1}`} />
              </label>
              <label>
                Chat (OA Manager)
                <select name="chatMode">
                  <option value="chat">On: read manually</option>
                  <option value="bot">Off: auto read</option>
                </select>
              </label>
              <button class="btn primary" type="submit">Create channel</button>
            </form>
            <p class="hint">
              Add it in a linedesk instance's Settings → Channels with the credentials below; that instance reaches this fake
              LINE through <code>LINE_API_BASE_URL={origin}/simulator/line</code>.
            </p>
          </section>
          {channels.map((channel) => (
            <ChannelCard channel={channel} origin={origin} />
          ))}
        </main>
      </body>
    </html>
  </>
);
