// Before every production-mode test file (SIMULATOR unset, empty database): the
// migrations wrangler applies, and every call the app makes to LINE answered by
// a fake LINE server (test/production/fake-line.ts) — never the network.
import { applyD1Migrations, env } from "cloudflare:test";
import { installFakeLine } from "./fake-line";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
installFakeLine();
