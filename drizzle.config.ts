// drizzle-kit reads the schema and writes numbered SQL migrations to migrations/,
// which wrangler (locally, remotely) and the test setup apply.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
});
