// The REST API for integrations, mounted at /api/v1. JSON in and out; every
// route but the OpenAPI document needs a workspace API token (Settings → API),
// and read-only tokens are refused on writes (requireApiToken). The operations,
// their schemas and the document live in operations.ts / openapi.ts.
import { Hono } from "hono";
import { requireApiToken } from "../auth/middleware";
import type { AppEnv } from "../env";
import { accountLinkApi } from "./account-links";
import { contactApi } from "./contacts";
import { conversationApi } from "./conversations";
import { messageApi } from "./messages";
import { openApiJson } from "./openapi";
import { openApiDocument } from "./operations";
import { workspaceApi } from "./workspace";

export const apiRoutes = new Hono<AppEnv>()
  // Public: it describes the API, it reads nothing of a workspace.
  .get(openApiDocument.path, (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.body(openApiJson(), 200, { "Content-Type": "application/json; charset=UTF-8" });
  })
  .use(requireApiToken())
  .route("/", conversationApi)
  .route("/", messageApi)
  .route("/", contactApi)
  .route("/", accountLinkApi)
  .route("/", workspaceApi);
