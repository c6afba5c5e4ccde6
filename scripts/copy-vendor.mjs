// Copies browser libraries from node_modules into public/vendor (served as static
// assets). Runs on npm install (postinstall), so the files are never committed.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(root, "public/vendor"), { recursive: true });
copyFileSync(join(root, "node_modules/htmx.org/dist/htmx.min.js"), join(root, "public/vendor/htmx.min.js"));
