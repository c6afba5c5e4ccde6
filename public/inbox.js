// linedesk inbox: the little JavaScript the server-rendered pages need.
// - CSRF header on every htmx request (bubbles pushed live carry no hidden token)
// - Enter sends, Shift+Enter adds a line in the composer
// - Live updates over two hibernating WebSockets: the workspace feed (list rows)
//   and the open conversation (bubbles). Reconnects with backoff and catches up
//   from the last seen seq, so nothing is missed after sleep or network loss.
(() => {
  "use strict";
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") || "";

  document.addEventListener("htmx:config:request", (evt) => {
    const ctx = evt.detail && evt.detail.ctx;
    if (ctx && ctx.request && ctx.request.headers) ctx.request.headers["x-csrf-token"] = csrf();
  });

  document.addEventListener("keydown", (evt) => {
    const el = evt.target;
    if (!(el instanceof HTMLTextAreaElement) || !el.hasAttribute("data-enter-submits")) return;
    if (evt.key === "Enter" && !evt.shiftKey && !evt.isComposing && evt.keyCode !== 229) {
      evt.preventDefault();
      if (el.value.trim() && el.form) el.form.requestSubmit();
    }
  });

  const wsUrl = (path) => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function activate(el) {
    if (el && window.htmx) window.htmx.process(el);
    return el;
  }

  /** A WebSocket that reconnects with exponential backoff and pings to stay alive. */
  function liveSocket(name, urlFn, onFrame, onState) {
    let ws = null;
    let attempt = 0;
    let timer = null;
    let ping = null;
    let stopped = false;
    function connect() {
      if (stopped) return;
      ws = new WebSocket(urlFn());
      ws.onopen = () => {
        attempt = 0;
        onState("online");
        ping = setInterval(() => ws && ws.readyState === 1 && ws.send("ping"), 25000);
      };
      ws.onmessage = (evt) => {
        if (evt.data === "pong") return;
        try {
          onFrame(JSON.parse(evt.data));
        } catch (error) {
          console.warn(`${name}: bad frame`, error);
        }
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (stopped) return;
        onState("offline");
        const delay = Math.min(30000, 1000 * 2 ** attempt++) * (0.75 + Math.random() / 2);
        timer = setTimeout(connect, delay);
      };
    }
    window.addEventListener("online", () => {
      if (ws && ws.readyState === 3) {
        clearTimeout(timer);
        attempt = 0;
        connect();
      }
    });
    connect();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
        clearInterval(ping);
        if (ws) ws.close(1000, "done");
      },
    };
  }

  const status = { feed: "connecting", thread: "online" };
  function setStatus(which, state) {
    status[which] = state;
    const el = document.getElementById("live-status");
    if (el) el.dataset.state = status.feed === "online" && status.thread === "online" ? "online" : status.feed === "connecting" ? "connecting" : "offline";
  }

  // --- the workspace feed: conversation rows ---------------------------------
  const inbox = document.getElementById("inbox");
  if (inbox) {
    let connectedOnce = false;
    liveSocket(
      "feed",
      () => wsUrl(inbox.dataset.wsUrl || "/inbox/live"),
      (frame) => {
        if (frame.type === "ready") {
          // After a reconnect the feed may have missed rows: reload the first page.
          if (connectedOnce) refreshList();
          connectedOnce = true;
        } else if (frame.type === "conversation") {
          placeRow(frame.id, frame.html);
        }
      },
      (state) => setStatus("feed", state),
    );
  }

  function openConversationId() {
    return document.getElementById("thread-messages")?.dataset.conversationId || null;
  }

  function placeRow(id, html) {
    const list = document.getElementById("conversation-list");
    if (!list) return;
    const row = fragment(html);
    if (!row) return;
    row.removeAttribute("hx-swap-oob");
    if (id === openConversationId()) row.classList.add("is-active");
    document.getElementById(`conv-${id}`)?.remove();
    list.querySelector(".conv-empty")?.remove();
    list.prepend(activate(row));
  }

  async function refreshList() {
    const list = document.getElementById("conversation-list");
    if (!list) return;
    const active = openConversationId();
    const response = await fetch(`/inbox/list${active ? `?active=${encodeURIComponent(active)}` : ""}`, { headers: { "HX-Request": "true" } });
    if (!response.ok) return;
    const fresh = fragment(await response.text());
    if (fresh) list.replaceWith(activate(fresh));
  }

  // --- the open conversation: bubbles ----------------------------------------
  let thread = null;
  function watchThread() {
    const box = document.getElementById("thread-messages");
    const id = box ? box.dataset.conversationId : null;
    if (thread && thread.id === id) return;
    if (thread) thread.socket.stop();
    thread = null;
    setStatus("thread", "online");
    if (!box || !id) return;
    const current = { id, socket: null };
    current.socket = liveSocket(
      "thread",
      () => wsUrl(`/inbox/c/${id}/live?after=${encodeURIComponent(lastSeq())}`),
      (frame) => onThreadFrame(id, frame),
      (state) => setStatus("thread", state),
    );
    thread = current;
  }

  function lastSeq() {
    return document.getElementById("thread-messages")?.dataset.lastSeq || "0";
  }

  function onThreadFrame(id, frame) {
    const box = document.getElementById("thread-messages");
    if (!box || box.dataset.conversationId !== id) return;
    if (frame.type !== "message" && frame.type !== "update") return;
    const el = fragment(frame.html);
    if (!el) return;
    el.removeAttribute("hx-swap-oob");
    const existing = document.getElementById(`msg-${frame.id}`);
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
    if (existing) existing.replaceWith(activate(el));
    else if (frame.type === "message") box.append(activate(el));
    if (frame.type === "message") {
      if (Number(frame.seq) > Number(box.dataset.lastSeq || 0)) box.dataset.lastSeq = String(frame.seq);
      if (nearBottom || frame.direction === "outbound") box.scrollTop = box.scrollHeight;
      if (frame.direction === "inbound" && document.visibilityState === "visible") markRead(id);
    }
  }

  let readTimer = null;
  function markRead(id) {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      fetch(`/inbox/c/${id}/read`, { method: "POST", headers: { "x-csrf-token": csrf() } }).catch(() => {});
    }, 400);
  }

  function scrollThreadToEnd() {
    const box = document.getElementById("thread-messages");
    if (box && !box.dataset.scrolled) {
      box.scrollTop = box.scrollHeight;
      box.dataset.scrolled = "1";
    }
  }

  // A bubble can arrive twice — in the composer's htmx response and over the
  // socket — in either order. Keep one: the one with the more final status.
  const RANK = { pending: 0, failed: 1, sent: 2, received: 2 };
  function dedupeThread() {
    const box = document.getElementById("thread-messages");
    if (!box) return;
    const seen = new Map();
    for (const el of Array.from(box.querySelectorAll(":scope > [id^='msg-']"))) {
      const prior = seen.get(el.id);
      if (prior) {
        const keepPrior = (RANK[prior.dataset.status] ?? 0) > (RANK[el.dataset.status] ?? 0);
        (keepPrior ? el : prior).remove();
        if (!keepPrior) seen.set(el.id, el);
      } else {
        seen.set(el.id, el);
      }
      const seq = Number(el.dataset.seq || 0);
      if (seq > Number(box.dataset.lastSeq || 0)) box.dataset.lastSeq = String(seq);
    }
  }
  new MutationObserver(dedupeThread).observe(document.body, { childList: true, subtree: true });

  document.addEventListener("htmx:after:swap", () => {
    const active = openConversationId();
    document.querySelectorAll("#conversation-list [data-conversation-id]").forEach((row) => {
      const isActive = row.dataset.conversationId === active;
      row.classList.toggle("is-active", isActive);
      const link = row.querySelector("a");
      if (link) {
        if (isActive) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    });
    scrollThreadToEnd();
    watchThread();
  });

  document.addEventListener("visibilitychange", () => {
    const id = openConversationId();
    if (document.visibilityState === "visible" && id) markRead(id);
  });

  scrollThreadToEnd();
  watchThread();
})();
