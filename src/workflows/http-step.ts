// The HTTP request step: method, URL, headers and a JSON body filled from
// {{variables}} (secrets decrypted only here, never logged), a timeout,
// retries after a timeout or a 5xx (not after a 4xx), and response fields
// picked by JSON pointer. The outcome says what to log and which branch
// follows (the step's onError on failure).
import type { Step } from "./definition";
import { fill, fillHeader, secretsUsed, type VariableValues } from "./variables";

type HttpRequest = Extract<Step, { type: "http" }>["request"];

export type HttpOutcome =
  | { ok: true; status: number; saved: Array<{ pointer: string; value: string; variable?: string; contactFieldKey?: string }>; attempts: number }
  | { ok: false; status: number | null; reason: string; attempts: number };

/** Resolves a JSON pointer (RFC 6901) in a parsed body. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let current: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function secretsOf(request: HttpRequest): string[] {
  return secretsUsed(request.url, request.body, ...request.headers.map((h) => h.value));
}

/** Builds the request (for the editor's preview and the step); throws a readable error on a bad body or URL. */
export function buildRequest(request: HttpRequest, values: VariableValues): Request {
  const url = fill(request.url, values, "url").trim();
  const parsedUrl = new URL(url);
  if (parsedUrl.protocol !== "https:" && parsedUrl.protocol !== "http:") throw new Error(`URL must be http or https: ${parsedUrl.protocol}`);
  const headers = new Headers();
  for (const h of request.headers) headers.set(h.name, fillHeader(h.value, values));
  let body: string | undefined;
  if (request.body?.trim() && request.method !== "GET") {
    body = fill(request.body, values, "json");
    try {
      JSON.parse(body);
    } catch {
      throw new Error("the request body is not valid JSON after filling in the variables");
    }
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return new Request(parsedUrl.toString(), { method: request.method, headers, body });
}

export async function runHttp(request: HttpRequest, values: VariableValues, fetcher: typeof fetch = fetch): Promise<HttpOutcome> {
  let built: Request;
  try {
    built = buildRequest(request, values);
  } catch (error) {
    return { ok: false, status: null, reason: error instanceof Error ? error.message : String(error), attempts: 0 };
  }
  let last: HttpOutcome = { ok: false, status: null, reason: "not sent", attempts: 0 };
  for (let attempt = 1; attempt <= request.retries + 1; attempt++) {
    let response: Response;
    try {
      response = await fetcher(built.clone(), { signal: AbortSignal.timeout(request.timeoutSeconds * 1000) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      last = { ok: false, status: null, reason: timedOut ? `no answer within ${request.timeoutSeconds} s` : `request failed: ${error instanceof Error ? error.message : String(error)}`, attempts: attempt };
      continue;
    }
    const text = await response.text().catch(() => "");
    if (response.status >= 500) {
      last = { ok: false, status: response.status, reason: `HTTP ${response.status}: ${text.slice(0, 200)}`, attempts: attempt };
      continue;
    }
    if (!response.ok) return { ok: false, status: response.status, reason: `HTTP ${response.status}: ${text.slice(0, 200)}`, attempts: attempt };
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    const saved = request.save.flatMap((s) => {
      const value = atPointer(json, s.pointer);
      if (value === undefined || value === null) return [];
      return [{ pointer: s.pointer, value: typeof value === "string" ? value : JSON.stringify(value), ...(s.variable ? { variable: s.variable } : {}), ...(s.contactFieldKey ? { contactFieldKey: s.contactFieldKey } : {}) }];
    });
    return { ok: true, status: response.status, saved, attempts: attempt };
  }
  return last;
}
