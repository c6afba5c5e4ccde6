// linedesk inbox: the live parts of the server-rendered page.
// - CSRF header on every htmx request (bubbles pushed live carry no hidden token)
// - Live updates over two hibernating WebSockets: the workspace feed (list rows,
//   counts, the open conversation's header) and the open conversation
//   (bubbles). Reconnects with backoff and catches up from the last seen seq.
// - Which new messages deserve a browser notification (Mine and Unassigned);
//   inbox-alerts.js shows them and plays the sound.
// Texts come from the page's language through window.ldT (public/i18n.js).
// Helpers: live-socket.js. The open conversation's header: thread-header.js. Where a live row goes in the list (and reloads of it):
// inbox-list.js. The list's controls (selection, filters, tabs, phone navigation)
// and the composer's tabs are in inbox-ui.js.
(() => {
  "use strict";
  const T = (key, params) => (window.ldT ? window.ldT(key, params) : key);
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") || "";

  document.addEventListener("htmx:config:request", (evt) => {
    const ctx = evt.detail && evt.detail.ctx;
    if (ctx && ctx.request && ctx.request.headers) ctx.request.headers["x-csrf-token"] = csrf();
  });

  const { liveSocket, fragment, activate } = window.linedeskLive;
  const conversationList = window.linedeskList;
  const openConversationId = conversationList.openConversationId;
  const notify = (...args) => window.linedeskNotify?.(...args);
  const header = window.linedeskHeader;
  const wsUrl = (path) => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;

  const status = { feed: "connecting", thread: "online" };
  function setStatus(which, state) {
    status[which] = state;
    const el = document.getElementById("live-status");
    if (el) el.dataset.state = status.feed === "online" && status.thread === "online" ? "online" : status.feed === "connecting" ? "connecting" : "offline";
  }

  // --- the workspace feed: conversation rows ---------------------------------
  const inbox = document.getElementById("inbox");
  if (inbox) {
    liveSocket(
      "feed",
      () => wsUrl(inbox.dataset.wsUrl || "/inbox/live"),
      (frame) => {
        if (frame.type === "ready") {
          // Rows may have changed between the page render (or the last
          // connection) and this socket opening: reload the first page once.
          conversationList.refresh();
          refreshCountsSoon();
        } else if (frame.type === "conversation") {
          conversationList.place(frame);
          refreshCountsSoon();
          header.onRow(frame);
          notifyIfMine(frame);
        } else if (frame.type === "notification") {
          const badge = document.getElementById("notification-count");
          if (badge) {
            badge.textContent = String(frame.count);
            badge.hidden = !frame.count;
          }
          const holder = document.getElementById("notification-list");
          const item = fragment(frame.html);
          if (holder && item) holder.prepend(activate(item));
          notify(T("inbox.notify.mentionTitle"), item ? item.textContent.trim() : T("inbox.notify.mentionBody"), null);
        }
      },
      (state) => setStatus("feed", state),
    );
  }

  let countsTimer = null;
  function refreshCountsSoon() {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(async () => {
      const response = await fetch("/inbox/counts", { headers: { accept: "application/json" }, cache: "no-store" }).catch(() => null);
      if (!response || !response.ok) return;
      const counts = await response.json();
      for (const [view, n] of Object.entries(counts)) {
        const el = document.getElementById(`count-${view}`);
        if (el) el.textContent = n >= 1000 ? "999+" : String(n);
      }
    }, 400);
  }

  function notifyIfMine(frame) {
    const me = inbox && inbox.dataset.userId;
    if (!frame.inbound || !ACTIVE.has(frame.status)) return;
    if (frame.assigneeId && frame.assigneeId !== me) return;
    if (frame.id === openConversationId() && document.visibilityState === "visible") return;
    const row = fragment(frame.html);
    const name = row ? row.querySelector(".conv-title")?.textContent : "";
    const preview = row ? row.querySelector(".conv-preview")?.textContent : "";
    notify(name || T("inbox.notify.newMessage"), preview || "", frame.id);
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
    if (frame.type === "presence") {
      const holder = document.getElementById("presence");
      const el = fragment(frame.html);
      if (holder && el) holder.replaceWith(el);
      return;
    }
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
      // A triage line someone else wrote (priority, team, pin…): bring the header up to date.
      if (frame.direction === "system") header.onTriageLine();
    }
  }

  let readTimer = null;
  function markRead(id) {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      fetch(`/inbox/c/${id}/read`, { method: "POST", headers: { "x-csrf-token": csrf() } }).catch(() => {});
    }, 400);
  }

  /** Opens at the newest message, or at the search hit (highlighted) when there is one. */
  function scrollThread() {
    const box = document.getElementById("thread-messages");
    if (!box || box.dataset.scrolled) return;
    box.dataset.scrolled = "1";
    const hit = box.dataset.highlight ? document.getElementById(`msg-${box.dataset.highlight}`) : null;
    if (hit) {
      hit.classList.add("is-search-hit");
      hit.scrollIntoView({ block: "center" });
      return;
    }
    box.scrollTop = box.scrollHeight;
    // Images above the newest message load later and push it down: follow them
    // while the agent has not scrolled up to read.
    box.addEventListener("load", () => {
      if (box.scrollHeight - box.scrollTop - box.clientHeight < 400) box.scrollTop = box.scrollHeight;
    }, true);
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
  // Only changes of the thread itself (bubbles in or out, a new thread) — not every tick of the page's clocks.
  const touchesThread = (r, box) => r.target === box || Array.from(r.addedNodes).some((n) => n === box || (n instanceof Element && n.contains(box)));
  new MutationObserver((records) => {
    const box = document.getElementById("thread-messages");
    if (box && records.some((r) => touchesThread(r, box))) dedupeThread();
  }).observe(document.body, { childList: true, subtree: true });

  let shownId = openConversationId();
  function afterThreadChange() {
    const active = openConversationId();
    // Another conversation (or none): the previous contact's panel goes.
    if (active !== shownId) {
      shownId = active;
      header.onThreadShown(active);
      const contact = document.getElementById("contact-pane");
      if (contact) contact.innerHTML = "";
    }
    inbox?.classList.toggle("inbox--has-thread", Boolean(active));
    document.querySelectorAll("#conversation-list [data-conversation-id]").forEach((row) => {
      const isActive = row.dataset.conversationId === active;
      row.classList.toggle("is-active", isActive);
      const link = row.querySelector("a");
      if (link) {
        if (isActive) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    });
    scrollThread();
    watchThread();
  }
  document.addEventListener("htmx:after:swap", afterThreadChange);
  // htmx 4 fires after:swap only once the new content is processed, a frame or two after
  // it was inserted: put the thread at its newest message (or search hit) right after the
  // insertion, so the first frame painted already shows it rather than the oldest bubbles.
  document.addEventListener("htmx:before:settle", scrollThread);
  document.addEventListener("inbox:thread-closed", afterThreadChange);

  // Typing: tell the conversation (presence for other agents, LINE's loading animation for the customer).
  let lastTyping = 0;
  let idleTimer = null;
  document.addEventListener("input", (evt) => {
    const el = evt.target;
    if (!(el instanceof HTMLTextAreaElement) || el.id !== "composer-text" || !thread) return;
    const now = Date.now();
    if (now - lastTyping > 2500) {
      lastTyping = now;
      thread.socket.send(JSON.stringify({ type: "typing" }));
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      lastTyping = 0;
      if (thread) thread.socket.send(JSON.stringify({ type: "idle" }));
    }, 5000);
  });

  document.addEventListener("visibilitychange", () => {
    const id = openConversationId();
    if (document.visibilityState === "visible" && id) markRead(id);
  });

  scrollThread();
  watchThread();
})();

