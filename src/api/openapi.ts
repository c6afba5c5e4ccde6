// The API's OpenAPI 3.1 document, generated from operations.ts — the same zod
// schemas the routes validate with — by zod's own z.toJSONSchema (OpenAPI 3.1
// schemas are JSON Schema 2020-12). Named shapes (Conversation, Contact, ...)
// become components; every operation gets the error responses it can give.
import { z } from "zod";
import { type Operation, OPERATIONS } from "./operations";
import { ErrorSchema } from "./responses";

type Json = Record<string, unknown>;

const COMPONENT_REF = "#/components/schemas/";

/** JSON Schema for one zod schema; its named parts are moved to `components`. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  for (const [name, def] of Object.entries(defs)) components[name] = tidy(def);
  const id = typeof json.id === "string" ? json.id : null;
  if (id) {
    delete json.id;
    components[id] = tidy(json);
    return { $ref: `${COMPONENT_REF}${id}` };
  }
  return tidy(json);
}

/** Points $defs references at components and drops zod's long date-time regex (the format says it). */
function tidy<T>(node: T): T {
  if (Array.isArray(node)) return node.map(tidy) as T;
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "$ref" && typeof value === "string") out[key] = value.replace(/^#\/\$defs\//, COMPONENT_REF);
    else if (key === "id" && typeof value === "string") continue;
    else out[key] = tidy(value);
  }
  if (out.format === "date-time") delete out.pattern;
  return out as T;
}

/** `/conversations/:id` → `/conversations/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

function parameters(op: Operation, components: Json): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input", components);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      const { description, ...rest } = property;
      out.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return out;
}

function errorResponses(op: Operation): Record<string, string> {
  const write = op.method !== "get";
  const errors: Record<string, string> = {};
  if (op.query || op.body) errors["400"] = op.body ? "Malformed JSON, or a query parameter is invalid" : "A query parameter is invalid";
  if (!op.public) errors["401"] = "Missing, unknown, revoked or expired token";
  if (write) errors["403"] = "The token can only read";
  if (op.params) errors["404"] = "No such id in this workspace";
  if (op.body) {
    errors["415"] = "The body is not JSON";
    errors["422"] = "The body is invalid; `error` names the field";
  }
  for (const e of op.extra ?? []) errors[String(e.status)] = e.description;
  return errors;
}

function operationObject(op: Operation, components: Json, errorRef: Json): Json {
  const params = parameters(op, components);
  const responses: Json = {
    [String(op.success.status)]: { description: op.success.description, content: { "application/json": { schema: schemaOf(op.success.schema, "output", components) } } },
  };
  for (const [status, description] of Object.entries(errorResponses(op))) {
    // 502 on a send carries the stored message, not an error.
    const schema = status === "502" ? schemaOf(op.success.schema, "output", components) : errorRef;
    responses[status] = { description, content: { "application/json": { schema } } };
  }
  return {
    operationId: `${op.method}${openApiPath(op.path).replace(/[{}]/g, "").split(/[/-]/).map((p) => (p ? p[0]?.toUpperCase() + p.slice(1) : "")).join("")}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input", components) } } } } : {}),
    responses,
  };
}

/** Builds the document (deterministic: the server URL is relative to where it is served). */
export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS): Json {
  const components: Json = {};
  const errorRef = schemaOf(ErrorSchema, "output", components);
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] = { ...(paths[path] ?? {}), [op.method]: operationObject(op, components, errorRef) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "linedesk REST API",
      version: "1",
      description:
        "Conversations, messages, private notes and contacts of one linedesk workspace. Authenticate with `Authorization: Bearer <token>`; admins create tokens in Settings → API (read only, or read and write). Errors are JSON `{\"error\": \"...\"}`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API token (ld_…) from Settings → API" } }, schemas: components },
  };
}

let cached: string | null = null;

/** The document as JSON text, built once per isolate. */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
