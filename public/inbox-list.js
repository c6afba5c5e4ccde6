// linedesk inbox: the conversation list kept up to date from the workspace feed
// (window.linedeskList, used by inbox.js). A live row is placed where the current view
// puts it, or the server is asked when only it knows (team, tag, channel, search, SLA
// sort). A reload of the list (the feed reconnected, a filter changed) brings a page
// read before rows that arrived while it was on its way: those rows are placed again;
// a "load more" page leaves out the rows already placed.
(() => {
  "use strict";
  const { fragment, activate } = window.linedeskLive;

  function openConversationId() {
    return document.getElementById("thread-messages")?.dataset.conversationId || null;
  }

  /** The list's current filters (from the filter form). */
  function currentFilter() {
    const form = document.getElementById("list-filter");
    const data = form ? new FormData(form) : new FormData();
    // "SLA due first" orders rows by a due time the live frame does not carry: the server places them too.
    return { view: data.get("view") || "all", narrowed: ["team", "tag", "channel", "q", "sort"].some((k) => data.get(k)) };
  }

  const ACTIVE = new Set(["open", "follow_up"]);
  /** Whether a conversation belongs in the view, from what the live frame says. */
  function inView(view, frame, pinned) {
    const me = document.getElementById("inbox")?.dataset.userId;
    switch (view) {
      case "mine": return frame.assigneeId === me && ACTIVE.has(frame.status);
      case "unassigned": return !frame.assigneeId && ACTIVE.has(frame.status);
      case "follow_up": return frame.status === "follow_up";
      case "pinned": return pinned && ACTIVE.has(frame.status);
      case "snoozed": return frame.status === "snoozed";
      case "resolved": return frame.status === "resolved";
      default: return ACTIVE.has(frame.status);
    }
  }

  let listRefresh = null;
  /** Rows that arrived live while a list reload was under way, one array per reload. */
  const arrivedDuringReload = new Set();
  function refreshListSoon() {
    clearTimeout(listRefresh);
    listRefresh = setTimeout(refreshList, 500);
  }

  function placeRow(frame) {
    const list = document.getElementById("conversation-list");
    if (!list) return;
    const filter = currentFilter();
    // Team, tag, channel and search filters (and the SLA sort) are only known to the server: ask it.
    if (filter.narrowed) return refreshListSoon();
    const row = fragment(frame.html);
    if (!row) return;
    row.removeAttribute("hx-swap-oob");
    const old = document.getElementById(`conv-${frame.id}`);
    const wasChecked = old?.querySelector("input[name='ids']")?.checked;
    old?.remove();
    const pinned = row.dataset.pinned === "1";
    if (!inView(filter.view, frame, pinned)) {
      // The last row left the view: let the server say why the list is empty.
      if (!list.querySelector(".conv-item")) refreshListSoon();
      return;
    }
    if (frame.id === openConversationId()) {
      row.classList.add("is-active");
      // The agent is reading it (inbox.js marks it read): no badge in the row meanwhile.
      if (document.visibilityState === "visible") {
        row.classList.remove("is-unread");
        row.querySelector("[data-unread]")?.remove();
      }
    }
    if (wasChecked) row.querySelector("input[name='ids']").checked = true;
    list.querySelector(".conv-empty")?.remove();
    // Pinned rows stay on top; a new row goes first among its kind.
    const anchor = pinned ? list.querySelector(".conv-item, .conv-more") : list.querySelector(".conv-item:not([data-pinned='1']), .conv-more");
    list.insertBefore(activate(row), anchor);
  }

  async function refreshList() {
    const list = document.getElementById("conversation-list");
    if (!list) return;
    const arrived = [];
    arrivedDuringReload.add(arrived);
    try {
      if (!(await reloadList(list))) return;
    } finally {
      arrivedDuringReload.delete(arrived);
    }
    // The page may have been read before rows that arrived live meanwhile: place them again.
    arrived.forEach(placeRow);
    document.dispatchEvent(new CustomEvent("inbox:list-replaced"));
  }

  /** Replaces the list with the server's first page; false when it could not be loaded. */
  async function reloadList(list) {
    const active = openConversationId();
    const form = document.getElementById("list-filter");
    const params = form ? new URLSearchParams(new FormData(form)) : new URLSearchParams();
    if (active) params.set("active", active);
    const checked = new Set(Array.from(list.querySelectorAll("input[name='ids']:checked")).map((el) => el.value));
    const response = await fetch(`/inbox/list?${params}`, { headers: { "HX-Request": "true" }, cache: "no-store" }).catch(() => null);
    if (!response || !response.ok) return false;
    const fresh = fragment(await response.text());
    if (!fresh) return false;
    // Keep what the agent had checked for a bulk action.
    fresh.querySelectorAll("input[name='ids']").forEach((el) => (el.checked = checked.has(el.value)));
    document.getElementById("conversation-list")?.replaceWith(activate(fresh));
    return true;
  }

  // The same for the list the filters load through htmx.
  const htmxReloads = new WeakMap();
  document.addEventListener("htmx:before:request", (evt) => {
    const ctx = evt.detail && evt.detail.ctx;
    if (!ctx || !(ctx.target instanceof Element) || ctx.target.id !== "conversation-list") return;
    const arrived = [];
    htmxReloads.set(ctx, arrived);
    arrivedDuringReload.add(arrived);
  });
  document.addEventListener("htmx:after:swap", (evt) => {
    const arrived = evt.detail && htmxReloads.get(evt.detail.ctx);
    if (arrived) arrived.forEach(placeRow);
  });
  document.addEventListener("htmx:finally:request", (evt) => {
    const arrived = evt.detail && htmxReloads.get(evt.detail.ctx);
    if (arrived) arrivedDuringReload.delete(arrived);
  });

  // "Load more" appends the next page as the server read it. A conversation that moved to
  // the top live while that page was on its way would show twice: the row already in the
  // list is the newer one, so the page's copy is left out.
  document.addEventListener("htmx:before:swap", (evt) => {
    const { ctx, tasks } = evt.detail || {};
    const source = ctx && ctx.sourceElement;
    if (!source || !source.closest || !source.closest(".conv-more") || !Array.isArray(tasks)) return;
    for (const task of tasks) {
      if (task.type !== "main" || !task.fragment || !task.fragment.querySelectorAll) continue;
      task.fragment.querySelectorAll(".conv-item[id]").forEach((row) => document.getElementById(row.id) && row.remove());
    }
  });

  window.linedeskList = {
    /** A row from the feed: placed now, and again after any reload under way. */
    place(frame) {
      for (const arrived of arrivedDuringReload) arrived.push(frame);
      placeRow(frame);
    },
    refresh: refreshList,
    /** The conversation open in the thread pane, or null. */
    openConversationId,
  };
})();
