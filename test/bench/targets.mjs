// The targets of the ingest benchmark: signed requests aimed at a target, and finding the
// port a target really answers on.
import { oneRequest } from "./load.mjs";
import { groupPids, listeningPorts } from "./procs.mjs";
import { HOST, USERS, sleep } from "./settings.mjs";
import { signBody, webhookRequestFactory } from "./webhook.mjs";

/** Throws when a target answered a valid signed webhook (`response`, from oneRequest) with anything but 2xx. */
export function assertAccepted(name, response) {
  if (response.status < 200 || response.status >= 300) throw new Error(`${name} rejected a valid signed webhook: ${response.status} ${response.body.slice(0, 300)}`);
}

/** Polls with LINE's verify call ({"events":[]}, signed) until the target answers 2xx. */
export async function waitAnswering(target, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    if (target.entry?.exited) throw new Error(`${target.name} exited (${target.entry.exitInfo}):\n${target.entry.output.slice(-3000)}`);
    try {
      const r = await oneRequest({ host: HOST, port: target.port, request: target.verifyRequest(), timeoutMs: 10_000 });
      if (r.status >= 200 && r.status < 300) return;
      last = `status ${r.status}: ${r.body.slice(0, 200)}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(500);
  }
  throw new Error(`${target.name} did not answer 2xx within ${timeoutMs} ms (last: ${last})\n${target.entry?.output.slice(-3000) ?? ""}`);
}

/**
 * The port of the workerd process that runs the Worker itself (wrangler dev starts two:
 * one for its reload-buffering proxy, which owns the public port, and one for the Worker,
 * whose entry socket is on a random port). Found from /proc and confirmed with a signed
 * verify call that must answer 2xx.
 */
export async function findDirectPort(entry, proxyPort, makeVerify) {
  const candidates = [];
  for (const p of groupPids(entry.child.pid)) {
    if (p.comm !== "workerd") continue;
    const ports = listeningPorts(p.pid);
    if (ports.includes(proxyPort)) continue;
    candidates.push(...ports);
  }
  for (const port of candidates) {
    try {
      const r = await oneRequest({ host: HOST, port, request: makeVerify(port), timeoutMs: 2000 });
      if (r.status >= 200 && r.status < 300 && r.head.startsWith("HTTP/1.1")) return port;
    } catch {}
  }
  throw new Error(`could not find the Worker's own workerd socket (candidates ${candidates.join(", ")})`);
}

export function makeTarget(name, label, port, path, secret, entry) {
  const factory = webhookRequestFactory({ host: HOST, port, path, channelSecret: secret, users: USERS });
  const bad = webhookRequestFactory({ host: HOST, port, path, channelSecret: secret, users: 1, signatureOverride: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" });
  const verifyRequest = (p = port) => {
    const body = JSON.stringify({ destination: factory.destination, events: [] });
    const sig = signBody(secret, body);
    return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${HOST}:${p}\r\nContent-Type: application/json; charset=utf-8\r\nx-line-signature: ${sig}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, "utf8");
  };
  return { name, label, port, path, secret, url: `http://${HOST}:${port}${path}`, entry, next: factory.next, badRequest: bad.next, verifyRequest };
}
