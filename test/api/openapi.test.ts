// The OpenAPI document: public, valid JSON, and it lists exactly the routes the
// API registers (so the two cannot drift apart).
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../src/api/routes";
import { openApiPath } from "../../src/api/openapi";
import { ORIGIN } from "../helpers/session";

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
  security: unknown[];
}

async function fetchDoc(): Promise<Doc> {
  const res = await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return JSON.parse(await res.text()) as Doc;
}

describe("OpenAPI document", () => {
  it("is served without a token as OpenAPI 3.1 with bearer auth", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/openapi.json"]?.get?.security).toEqual([]);
  });

  it("documents every route the API registers, and nothing else", async () => {
    const doc = await fetchDoc();
    const registered = new Set(
      apiRoutes.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path.replace(/\/+$/, "") || "/")}`),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`)));
    expect([...registered].sort()).toEqual([...documented].sort());
    expect(registered.size).toBeGreaterThanOrEqual(17);
  });

  it("describes parameters, bodies, responses and the error shape", async () => {
    const doc = await fetchDoc();
    const list = doc.paths["/conversations"]?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["status", "assignee", "team", "tag", "channel", "updatedSince", "cursor", "limit"]));
    const patch = doc.paths["/conversations/{id}"]?.patch;
    expect(patch?.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(JSON.stringify(patch?.requestBody)).toContain("assigneeId");
    expect(Object.keys(patch?.responses ?? {}).sort()).toEqual(["200", "400", "401", "403", "404", "415", "422"]);
    expect(JSON.stringify(patch?.responses["422"])).toContain("#/components/schemas/Error");
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.schemas).toHaveProperty("Conversation");
    expect(doc.components.schemas).toHaveProperty("Contact");
    expect(JSON.stringify(doc.paths["/conversations/{id}/messages"]?.post?.requestBody)).toContain("sticker");
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.replace("#/components/schemas/", ""));
  });
});
