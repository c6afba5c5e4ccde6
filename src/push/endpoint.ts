// Which push endpoints we accept. Browsers hand out https URLs of their push
// service (FCM, Mozilla autopush, Apple, Windows); the Worker POSTs to them, so
// anything else — other schemes, credentials in the URL, IP literals — is
// refused. With the simulator on, http://127.0.0.1 and http://localhost are
// allowed so a local push service can stand in for the browser's (tests, demo).

/** True when the Worker may send pushes to `endpoint`. */
export function acceptableEndpoint(endpoint: string, allowLoopback: boolean): boolean {
  if (endpoint.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (loopback) return allowLoopback && (url.protocol === "http:" || url.protocol === "https:");
  if (url.protocol !== "https:") return false;
  // IP literals (v4 or v6) are never a browser's push service.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith("[")) return false;
  return url.hostname.includes(".");
}
