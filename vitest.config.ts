// Tests run inside workerd with the real bindings from wrangler.toml (local D1,
// R2 and Durable Objects). Migrations are applied by each project's setup file.
//
// Three projects, each with its own storage:
// - "demo": SIMULATOR=on with the env channel and the demo workspace, like `npm start`;
// - "production": SIMULATOR unset, no env channel, no demo anything — an empty
//   database as after `npm run deploy`. LINE calls go to a fake LINE server
//   (test/production/fake-line.ts), never to the simulator routes of the app;
// - "timers": as demo, with conversations' after-ack work run by their own timers as in
//   production. The other two run it from the alarm only (AFTER_ACK_TIMER=off), so a test
//   decides when it runs (drainOutbox) instead of racing a timer.
// wrangler merges a developer's .dev.vars into the bindings, so each project sets
// every variable that decides its mode explicitly.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import type { D1Migration } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const SHARED = {
  APP_SECRET: "test-app-secret-0123456789abcdef0123456789",
  LINE_API_BASE_URL: "http://line.test/simulator/line",
  LINE_DATA_API_BASE_URL: "http://line.test/simulator/line-data",
  // CSAT's Google Sheets export goes to an in-isolate fake (test/csat/fake-google.ts).
  GOOGLE_OAUTH_TOKEN_URL: "https://oauth.google.test/token",
  GOOGLE_SHEETS_API_BASE_URL: "https://sheets.google.test",
  // Left over from a demo .dev.vars in production mode: must be refused there.
  DEMO_API_TOKEN: "ld_test_0123456789abcdef0123456789abcdef",
  // Web Push: a test-only VAPID pair (npm run vapid), so pushes are signed as in production.
  VAPID_PUBLIC_KEY: "BMNnzAz0n8f-LbW1CnHRiq0jFih-H_4GR8ESU_ALdm6bWsS1FfNHIvVEzVL6smvUdSsE24Yus7fYH7kfPsBO4Qg",
  VAPID_PRIVATE_KEY: "1MQqzaeNidL3-XuLBcp2djBwFv83Zmr0c0pkIWIu_LI",
  VAPID_SUBJECT: "mailto:push-tests@linedesk.test",
  AFTER_ACK_TIMER: "off",
};
const DEMO = { LINE_CHANNEL_ID: "1999999999", LINE_CHANNEL_SECRET: "test-channel-secret-0123456789ab", LINE_CHANNEL_ACCESS_TOKEN: "test-access-token", SIMULATOR: "on", SETUP_KEY: "" };
const TIMER_TESTS = "test/conversations/timer-runs.test.ts";

function project(name: string, migrations: D1Migration[], bindings: Record<string, string>, test: { include: string[]; exclude?: string[]; setupFiles: string[] }) {
  return {
    extends: false as const,
    plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { ...SHARED, TEST_MIGRATIONS: migrations, ...bindings } } })],
    test: { name, ...test },
  };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    test: {
      projects: [
        project(
          "demo",
          migrations,
          DEMO,
          {
            include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
            exclude: ["test/production/**", "test/e2e/**", "test/bench/**", TIMER_TESTS, "node_modules/**"],
            setupFiles: ["./test/helpers/setup.ts"],
          },
        ),
        project(
          "production",
          migrations,
          { SETUP_KEY: "test-setup-key-0123456789", SIMULATOR: "", LINE_CHANNEL_ID: "", LINE_CHANNEL_SECRET: "", LINE_CHANNEL_ACCESS_TOKEN: "" },
          { include: ["test/production/**/*.test.ts"], setupFiles: ["./test/production/setup.ts"] },
        ),
        project("timers", migrations, { ...DEMO, AFTER_ACK_TIMER: "" }, { include: [TIMER_TESTS], setupFiles: ["./test/helpers/setup.ts"] }),
      ],
    },
  };
});
