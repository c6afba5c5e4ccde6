// The contacts feature's sub-app, mounted at /contacts: the custom field admin
// (/contacts/fields, admins only) and the contact panel with its inline actions.
import { Hono } from "hono";
import { requireCsrf, requireSession } from "../auth/middleware";
import type { AppEnv } from "../env";
import { csvRoutes } from "./csv-routes";
import { directoryRoutes } from "./directory-routes";
import { fieldRoutes } from "./field-routes";
import { linkRoutes } from "./link-routes";
import { panelRoutes } from "./panel-routes";

export { contactFieldsNavEntry } from "./nav";
export { ContactPanel } from "./views/contact-panel";

export const contactRoutes = new Hono<AppEnv>().use(requireSession(), requireCsrf()).route("/fields", fieldRoutes).route("/", linkRoutes).route("/", csvRoutes).route("/", directoryRoutes).route("/", panelRoutes);
