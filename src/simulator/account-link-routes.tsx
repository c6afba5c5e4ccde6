// The simulator's LINE account-link pieces outside the fake API: LINE's dialog
// (GET /simulator/dialog/bot/accountLink?linkToken=…&nonce=…, where the business's
// login page sends the customer, as https://access.line.me/dialog/bot/accountLink),
// and control hooks to finish a link from the console or a test and to change a
// customer's membership — each sends the webhook event as LINE would (webhook.yml).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { localeContext, t } from "../ui/i18n";
import { channelOfLinkToken } from "./account-links";
import { formToObject } from "./customer-actions";
import { channelForId, type FakeChannel } from "./fake-channels";
import type { ChannelContext } from "./phone";
import { phoneChannel } from "./phone-channel";
import { simulatorStub } from "./simulator-do";

const completion = z.object({
  linkToken: z.string().min(1).max(200),
  nonce: z.string().min(1).max(255),
  result: z.enum(["ok", "failed"]).default("ok"),
});
const membership = z.object({
  userId: z.string().regex(/^U[0-9a-f]{32}$/),
  type: z.enum(["joined", "left", "renewed"]),
  membershipId: z.coerce.number().int().min(1).max(1_000_000_000),
  title: z.string().trim().min(1).max(100).default("Basic Plan"),
});

function context(c: Context<AppEnv>, channel: FakeChannel): ChannelContext {
  return { channelId: channel.channelId, channelSecret: channel.channelSecret, origin: new URL(c.req.url).origin, locale: localeContext().locale };
}

async function readBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  if ((c.req.header("content-type") ?? "").startsWith("application/json")) {
    const body: unknown = await c.req.json().catch(() => null);
    return typeof body === "object" && body !== null ? { ...body } : {};
  }
  return formToObject(await c.req.parseBody({ all: true }));
}

async function complete(c: Context<AppEnv>, input: z.output<typeof completion>) {
  const channelId = channelOfLinkToken(input.linkToken);
  const channel = channelId ? await channelForId(c.env, channelId) : null;
  if (!channel) return { ok: false as const, error: "This link token is unknown, used or expired." };
  return simulatorStub(c.env, channel.channelId).completeAccountLink(context(c, channel), input.linkToken, input.nonce, input.result);
}

export const accountLinkDialog = new Hono<AppEnv>().get("/bot/accountLink", async (c) => {
  const parsed = completion.safeParse(c.req.query());
  const outcome = parsed.success ? await complete(c, parsed.data) : { ok: false as const, error: "linkToken and nonce are required." };
  const message = outcome.ok ? t("simulator.links.linked") : `${t("simulator.links.failed")} ${outcome.error}`;
  return c.html(
    <html lang={localeContext().locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>LINE</title>
        <link rel="stylesheet" href="/simulator.css" />
      </head>
      <body class="sim console">
        <main class="console-main">
          <section class="console-card">
            <h1>{t("simulator.links.dialogTitle")}</h1>
            <p role="status">{message}</p>
            <a class="btn" href="/simulator">
              {t("simulator.console.back")}
            </a>
          </section>
        </main>
      </body>
    </html>,
    outcome.ok ? 200 : 400,
  );
});

export const accountLinkControl = new Hono<AppEnv>()
  .post("/account-link", async (c) => {
    const parsed = completion.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ ok: false, error: parsed.error.issues[0]?.message ?? "invalid" }, 422);
    const outcome = await complete(c, parsed.data);
    if ((c.req.header("accept") ?? "").includes("application/json")) return c.json(outcome, outcome.ok ? 200 : 422);
    return c.redirect("/simulator/console", 303);
  })
  .post("/membership", async (c) => {
    const parsed = membership.safeParse(await readBody(c));
    if (!parsed.success) return c.json({ ok: false, error: parsed.error.issues[0]?.message ?? "invalid" }, 422);
    const channel = await phoneChannel(c);
    const outcome = await simulatorStub(c.env, channel.channelId).membershipChange(context(c, channel), parsed.data.userId, parsed.data);
    return c.json(outcome, outcome.ok ? 200 : 422);
  });
