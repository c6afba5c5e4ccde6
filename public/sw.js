// linedesk's service worker: makes linedesk installable and works offline as
// far as that is honest (an app shell and an offline page), and shows Web Push
// notifications. Privacy on shared phones: it caches only public static files
// (CSS, JS, icons) and the generic offline page — never a page, fragment, API
// answer or media that belongs to a signed-in person; those always go to the
// network.
"use strict";

const VERSION = "linedesk-shell-v2";
const OFFLINE_URL = "/offline.html";
/** Public, static files: cached at install, refreshed from the network whenever online. */
const SHELL = [
  "/app.css",
  "/settings.css",
  "/triage.css",
  "/workflows.css",
  "/contacts.css",
  "/composer.css",
  "/pwa.css",
  "/i18n.js",
  "/vendor/htmx.min.js",
  "/live-socket.js",
  "/inbox-alerts.js",
  "/inbox-list.js",
  "/thread-header.js",
  "/inbox.js",
  "/thread-paging.js",
  "/inbox-ui.js",
  "/sla-badge.js",
  "/shortcuts.js",
  "/composer.js",
  "/composer-tools.js",
  "/contacts.js",
  "/pwa.js",
  "/offline.js",
  "/icons/logo.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-512.png",
  "/icons/badge-96.png",
  "/manifest.webmanifest",
];
const SHELL_PATHS = new Set(SHELL);

/** Caches the offline page (in `lang` when given) if the server answers it directly. */
async function cacheOfflinePage(lang) {
  const url = lang ? `${OFFLINE_URL}?lang=${encodeURIComponent(lang)}` : OFFLINE_URL;
  const response = await fetch(url, { credentials: "omit", cache: "no-store" });
  if (!response.ok || response.redirected) return;
  const cache = await caches.open(VERSION);
  await cache.put(OFFLINE_URL, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(VERSION);
      // One missing file must not stop the install: each is cached on its own.
      await Promise.all(SHELL.map((path) => cache.add(new Request(path, { credentials: "omit" })).catch(() => undefined)));
      await cacheOfflinePage(null).catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== VERSION) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// Pages tell the worker their language, so the offline page speaks it too.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "locale" && typeof data.locale === "string" && /^[a-zA-Z-]{2,8}$/.test(data.locale)) {
    event.waitUntil(cacheOfflinePage(data.locale).catch(() => undefined));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages always come from the network (they are private); only a failure shows the offline page.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(OFFLINE_URL)) || new Response("Offline", { status: 503, headers: { "content-type": "text/plain" } })),
    );
    return;
  }
  if (SHELL_PATHS.has(url.pathname) && !url.search) {
    // Network first (a deploy shows at once), the cached copy when offline.
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok && response.type === "basic") {
            const copy = response.clone();
            event.waitUntil(caches.open(VERSION).then((cache) => cache.put(url.pathname, copy)));
          }
          return response;
        } catch (error) {
          const cached = await caches.match(url.pathname);
          if (cached) return cached;
          throw error;
        }
      })(),
    );
  }
  // Everything else (pages' fragments, /api, /media, live sockets) is left to the browser: never cached here.
});

/** The notification a push asks for; a malformed payload still shows something (browsers require it). */
function notificationFrom(event) {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const url = typeof data.url === "string" && data.url.startsWith("/") && !data.url.startsWith("//") ? data.url : "/inbox";
  return {
    title: typeof data.title === "string" && data.title ? data.title : "linedesk",
    options: {
      body: typeof data.body === "string" ? data.body : "",
      tag: typeof data.tag === "string" ? data.tag : undefined,
      // A newer message in the same conversation replaces the old notification and alerts again;
      // a running count (several conversations assigned at once) replaces it quietly.
      renotify: typeof data.tag === "string" && data.quiet !== true,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      timestamp: Date.now(),
      data: { url, category: typeof data.category === "string" ? data.category : null },
    },
  };
}

self.addEventListener("push", (event) => {
  const { title, options } = notificationFrom(event);
  event.waitUntil(self.registration.showNotification(title, options));
});

/** Opens the conversation: a window already on it is focused, else an open window goes there, else a new one opens. */
async function openFromNotification(url) {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const exact = windows.find((w) => w.url === target);
  if (exact) return exact.focus().catch(() => exact);
  const any = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (any) {
    // navigate() works for windows this worker controls; otherwise a new window opens.
    const moved = await any.navigate(target).catch(() => null);
    if (moved) return moved.focus().catch(() => moved);
  }
  return self.clients.openWindow(target);
}

self.addEventListener("notificationclick", (event) => {
  const url = (event.notification.data && event.notification.data.url) || "/inbox";
  event.notification.close();
  event.waitUntil(openFromNotification(url));
});
