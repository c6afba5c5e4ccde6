// linedesk inbox: the open conversation's header (status pill, triage bar, SLA
// badge) kept true while the thread is open (window.linedeskHeader, used by inbox.js).
// Actions answer with the new header themselves; this catches changes made
// elsewhere: a snooze that ended, a customer who reopened, a colleague, an SLA
// clock, from the workspace feed's rows and the thread's triage lines.
(() => {
  "use strict";
  const { fragment, activate } = window.linedeskLive;
  const openConversationId = window.linedeskList.openConversationId;

  let headerTimer = null;
  let ownChangeAt = 0;
  // Rows that changed while a thread was loading: the thread was rendered from the index
  // as it was when asked for, so a change that arrived meanwhile (an SLA target set by the
  // customer's message, a colleague's assignment) is applied once the thread is in.
  let threadLoad = null;
  document.addEventListener("htmx:config:request", (evt) => {
    if (evt.target instanceof Element && evt.target.closest("#triage-bar")) ownChangeAt = Date.now();
    const target = evt.detail && evt.detail.ctx && evt.detail.ctx.target;
    if (target instanceof Element && target.id === "thread-pane") threadLoad = new Map();
  });

  function refreshHeaderIfChanged(frame) {
    const bar = document.getElementById("triage-bar");
    if (!bar) return;
    const row = fragment(frame.html);
    syncSlaBadge(row);
    const pinned = row ? row.dataset.pinned === "1" : bar.dataset.pinned === "1";
    const priority = row ? row.dataset.priority : bar.dataset.priority;
    if (bar.dataset.status === frame.status && (bar.dataset.assignee || "") === (frame.assigneeId || "") && (bar.dataset.pinned === "1") === pinned && bar.dataset.priority === priority) return;
    refreshHeaderSoon(0);
  }

  // The header's SLA badge follows the list row's: a target set, met or breached
  // after the thread was opened shows without a reload.
  function syncSlaBadge(row) {
    const sub = document.querySelector(".thread-head__sub");
    if (!row || !sub) return;
    const head = document.getElementById("thread-sla");
    const fresh = row.querySelector(".tag--sla");
    if (!fresh) {
      head?.remove();
      return;
    }
    if (head && head.className === fresh.className && head.dataset.slaDue === fresh.dataset.slaDue && head.textContent === fresh.textContent) return;
    const badge = fresh.cloneNode(true);
    badge.id = "thread-sla";
    if (head) head.replaceWith(badge);
    else sub.prepend(badge);
  }

  function refreshHeaderSoon(delay) {
    clearTimeout(headerTimer);
    headerTimer = setTimeout(refreshHeader, delay);
  }

  async function refreshHeader() {
    const id = openConversationId();
    const bar = document.getElementById("triage-bar");
    if (!id || !bar) return;
    // Never pull the bar from under an agent who is using it.
    if (bar.matches(":popover-open") || bar.querySelector("details[open]") || bar.contains(document.activeElement)) return refreshHeaderSoon(3000);
    const response = await fetch(`/inbox/c/${id}/triage`, { headers: { "HX-Request": "true" }, cache: "no-store" }).catch(() => null);
    if (!response || !response.ok || openConversationId() !== id) return;
    const holder = document.createElement("template");
    holder.innerHTML = await response.text();
    const fresh = holder.content.getElementById("triage-bar");
    const pill = holder.content.getElementById("thread-status");
    if (fresh) document.getElementById("triage-bar")?.replaceWith(activate(fresh));
    if (pill) {
      pill.removeAttribute("hx-swap-oob");
      document.getElementById("thread-status")?.replaceWith(pill);
    }
  }

  window.linedeskHeader = {
    /** A list row from the workspace feed. */
    onRow(frame) {
      if (frame.id === openConversationId()) refreshHeaderIfChanged(frame);
      else if (threadLoad && threadLoad.size < 500) threadLoad.set(frame.id, frame);
    },
    /** A thread was swapped in (or closed: id null). */
    onThreadShown(id) {
      const missed = threadLoad && id ? threadLoad.get(id) : undefined;
      threadLoad = null;
      if (missed) refreshHeaderIfChanged(missed);
    },
    /** A triage line (priority, team, pin…) arrived in the open thread; this agent's own changes answer for themselves. */
    onTriageLine() {
      if (Date.now() - ownChangeAt > 2000) refreshHeaderSoon(300);
    },
  };
})();
