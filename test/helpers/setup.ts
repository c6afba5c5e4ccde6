// Before every test file: the same D1 migrations wrangler applies, and LINE API
// calls routed to the built-in simulator (no test ever reaches the network).
import { applyD1Migrations, env } from "cloudflare:test";
import { installLineRouting } from "./line";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
installLineRouting();
