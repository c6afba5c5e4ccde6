// `npm start`: local D1 migrations, wrangler dev on 127.0.0.1:$PORT (default 8787),
// the demo workspace seeded on first request, sample conversations once per database
// (simulator mode), and the URLs + demo login printed.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ADMIN } from "../src/db/demo-admin.ts";
import { generateVapidKeys } from "./vapid.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 8787);
const base = `http://127.0.0.1:${port}`;
const wrangler = join(root, "node_modules/.bin/wrangler");
// Browser tests and benchmarks run against their own local state, never the developer's.
const persist = process.env.LINEDESK_PERSIST_TO ? ["--persist-to", process.env.LINEDESK_PERSIST_TO] : [];

if (!existsSync(join(root, ".dev.vars"))) {
  copyFileSync(join(root, ".dev.vars.example"), join(root, ".dev.vars"));
  console.log("Created .dev.vars from .dev.vars.example (safe demo values).");
}
// Web Push needs a VAPID key pair: each checkout makes its own once (never a shared demo key).
if (!/^VAPID_PUBLIC_KEY=/m.test(readFileSync(join(root, ".dev.vars"), "utf8"))) {
  const keys = await generateVapidKeys();
  appendFileSync(join(root, ".dev.vars"), `\n# Web Push keys made by npm start (npm run vapid makes new ones)\nVAPID_PUBLIC_KEY="${keys.publicKey}"\nVAPID_PRIVATE_KEY="${keys.privateKey}"\nVAPID_SUBJECT="mailto:dev@linedesk.test"\n`);
  console.log("Added a Web Push (VAPID) key pair to .dev.vars.");
}
const vars = Object.fromEntries(
  readFileSync(join(root, ".dev.vars"), "utf8")
    .split("\n")
    .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);

console.log("Applying D1 migrations to the local database…");
const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", ...persist], { cwd: root, stdio: "inherit", env: { ...process.env, CI: "1" } });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// The demo .dev.vars points the LINE client at the built-in simulator on 8787;
// follow $PORT. A LINE_API_BASE_URL pointing anywhere else is left alone.
const extra = [];
const local = /^http:\/\/127\.0\.0\.1:\d+\/simulator\/line(-data)?$/;
// LINE_API_BASE_URL in the environment points this instance at another LINE (e.g. a
// second instance's simulator: http://127.0.0.1:8812/simulator/line); the data API
// follows it when it is a simulator URL, unless LINE_DATA_API_BASE_URL is given too.
const lineApi = process.env.LINE_API_BASE_URL;
const lineData = process.env.LINE_DATA_API_BASE_URL ?? (lineApi && /\/simulator\/line$/.test(lineApi) ? `${lineApi}-data` : undefined);
if (lineApi) extra.push("--var", `LINE_API_BASE_URL:${lineApi}`);
else if (local.test(vars.LINE_API_BASE_URL ?? "")) extra.push("--var", `LINE_API_BASE_URL:${base}/simulator/line`);
if (lineData) extra.push("--var", `LINE_DATA_API_BASE_URL:${lineData}`);
else if (local.test(vars.LINE_DATA_API_BASE_URL ?? "")) extra.push("--var", `LINE_DATA_API_BASE_URL:${base}/simulator/line-data`);
// LINEDESK_SIMULATOR=off starts linedesk as in production: no simulator, no demo admin
// or API token, and no channel from LINE_CHANNEL_* (add channels in Settings → Channels).
const simulatorOff = process.env.LINEDESK_SIMULATOR === "off";
if (simulatorOff) {
  for (const name of ["SIMULATOR", "LINE_CHANNEL_ID", "LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "DEMO_API_TOKEN"]) extra.push("--var", `${name}:`);
}
// The benchmarks lower the per-channel send rate to match their rate-limited fake LINE.
if (process.env.LINE_SEND_RATE_PER_SECOND) extra.push("--var", `LINE_SEND_RATE_PER_SECOND:${process.env.LINE_SEND_RATE_PER_SECOND}`);
// SETUP_KEY in the environment overrides .dev.vars (browser tests set their own).
if (process.env.SETUP_KEY) extra.push("--var", `SETUP_KEY:${process.env.SETUP_KEY}`);

const dev = spawn(wrangler, ["dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false", ...persist, ...extra], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
const stop = (signal) => dev.kill(signal);
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
dev.on("exit", (code) => process.exit(code ?? 0));

const deadline = Date.now() + 120_000;
while (Date.now() < deadline) {
  try {
    const res = await fetch(`${base}/healthz`);
    if (res.ok) break;
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 500));
}

const simulator = vars.SIMULATOR === "on" && !simulatorOff;
// Demo mode: sample conversations, canned replies and a keyword rule, once per database
// (the app remembers it). Sent through the simulator like real customers' messages.
let demoNote = "";
if (simulator) {
  try {
    const res = await fetch(`${base}/simulator/control/demo-seed`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const out = await res.json();
    demoNote = out.seeded ? `\n    Demo data    ${out.conversations} sample conversations, canned replies and a keyword rule` : "";
    if (!res.ok) console.warn(`Demo data not seeded (${res.status}).`);
  } catch (error) {
    console.warn(`Demo data not seeded: ${error instanceof Error ? error.message : error}`);
  }
}
if (simulatorOff) {
  console.log(`
  ┌──────────────────────────────────────────────────────────────┐
    linedesk is running (production mode: no simulator, no demo)

    First run    ${base}/setup   (setup key: SETUP_KEY in .dev.vars)
    Inbox        ${base}/inbox
    Channels     ${base}/settings/channels   (add your LINE channel)
    LINE API     ${lineApi ?? vars.LINE_API_BASE_URL ?? "https://api.line.me"}
  └──────────────────────────────────────────────────────────────┘
`);
} else console.log(`
  ┌──────────────────────────────────────────────────────────────┐
    linedesk is running

    Inbox        ${base}/inbox
    Demo login   ${DEMO_ADMIN.email}  /  ${DEMO_ADMIN.password}${simulator ? `
    Simulator    ${base}/simulator   (chat as a LINE customer)` : ""}
    Webhook      ${base}/webhooks/line/${vars.LINE_CHANNEL_ID ?? "<channel id>"}
    REST API     ${base}/api/v1/conversations  (Bearer ${vars.DEMO_API_TOKEN ? "DEMO_API_TOKEN" : "<token>"})${demoNote}
  └──────────────────────────────────────────────────────────────┘
`);
