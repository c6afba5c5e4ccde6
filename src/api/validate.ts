// Validation at the edge of every API route, from the operation's own schemas
// (operations.ts): a bad path id is a 404 (it cannot exist), a bad query 400,
// a body that is not JSON 415, malformed JSON 400, an invalid body 422 —
// always JSON `{"error": "<field>: <what is wrong>"}`.
import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import type { AppEnv } from "../env";

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: Issue[][];
}

/**
 * The issue to report. For a union (text or sticker message) it is the first
 * problem of the branch the client meant: the one that got furthest.
 */
function firstIssue(issues: readonly Issue[]): Issue | undefined {
  const issue = issues[0];
  if (issue?.code === "invalid_union" && issue.errors?.length) {
    const meant = issue.errors.find((branch) => !branch.some((i) => i.path[0] === "type" && i.code === "invalid_value")) ?? issue.errors[0] ?? [];
    const inner = firstIssue(meant);
    return inner ? { ...inner, path: [...issue.path, ...inner.path] } : issue;
  }
  return issue;
}

/** "field: message" for the first problem, e.g. "quickReplies.0.label: a quick reply needs a label". */
export function describeIssues(issues: readonly Issue[]): string {
  const issue = firstIssue(issues);
  const field = issue?.path.map(String).join(".") || "request";
  return `${field}: ${issue?.message ?? "invalid"}`;
}

function failWith(status: 400 | 422) {
  return (result: { success: boolean; error?: { issues: readonly Issue[] } }) => {
    if (!result.success && result.error) throw new HTTPException(status, { message: describeIssues(result.error.issues) });
  };
}

export function notFound(what: string): HTTPException {
  return new HTTPException(404, { message: `${what} not found` });
}

/** Path parameters: anything malformed cannot exist, so it is the same 404 as an unknown id. */
export function params<S extends z.ZodObject>(op: { params: S }, what: string) {
  return zValidator("param", op.params, (result) => {
    if (!result.success) throw notFound(what);
  });
}

export function query<S extends z.ZodObject>(op: { query: S }) {
  return zValidator("query", op.query, failWith(400));
}

export function body<S extends z.ZodType>(op: { body: S }) {
  return zValidator("json", op.body, failWith(422));
}

/** Bodies are JSON only: anything else is a 415 before it is read. */
export function requireJson(): MiddlewareHandler<AppEnv> {
  return async function requireJsonMiddleware(c, next) {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) throw new HTTPException(415, { message: "Send JSON: Content-Type: application/json" });
    await next();
  };
}
