// Tests run inside workerd with the real bindings from wrangler.toml (local D1,
// R2 and Durable Objects). Migrations are applied by test/helpers/setup.ts.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            APP_SECRET: "test-app-secret-0123456789abcdef0123456789",
            LINE_CHANNEL_ID: "1999999999",
            LINE_CHANNEL_SECRET: "test-channel-secret-0123456789ab",
            LINE_CHANNEL_ACCESS_TOKEN: "test-access-token",
            LINE_API_BASE_URL: "http://line.test/simulator/line",
            LINE_DATA_API_BASE_URL: "http://line.test/simulator/line-data",
            SIMULATOR: "on",
            DEMO_API_TOKEN: "ld_test_0123456789abcdef0123456789abcdef",
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
      exclude: ["test/e2e/**", "test/bench/**", "node_modules/**"],
      setupFiles: ["./test/helpers/setup.ts"],
    },
  };
});
