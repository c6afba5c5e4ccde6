// Keyboard shortcuts for the inbox (listed on the `?` overlay): move through the
// list, reply, note, resolve, assign to me, search. Ignored while typing.
(() => {
  "use strict";
  const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  function rows() {
    return Array.from(document.querySelectorAll("#conversation-list .conv-item"));
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const current = all.findIndex((r) => r.classList.contains("is-active"));
    const next = all[Math.max(0, Math.min(all.length - 1, current === -1 ? 0 : current + step))];
    const link = next && next.querySelector("a.conv-link");
    if (link) {
      link.click();
      next.scrollIntoView({ block: "nearest" });
    }
  }

  function submitTriage(field, value) {
    const bar = document.getElementById("triage-bar");
    if (!bar) return;
    const control = bar.querySelector(`button[name="${field}"][value="${value}"]`);
    if (control) return control.click();
    const select = bar.querySelector(`select[name="${field}"]`);
    if (select && Array.from(select.options).some((o) => o.value === value)) {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  document.addEventListener("keydown", (evt) => {
    if (evt.ctrlKey || evt.metaKey || evt.altKey) return;
    const dialog = document.getElementById("shortcuts");
    if (evt.key === "Escape") {
      if (typing(evt.target)) evt.target.blur();
      if (dialog && dialog.open) dialog.close();
      return;
    }
    if (typing(evt.target)) return;
    const me = document.getElementById("inbox")?.dataset.userId;
    const actions = {
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      r: () => window.linedeskShowComposerTab && window.linedeskShowComposerTab("reply"),
      n: () => window.linedeskShowComposerTab && window.linedeskShowComposerTab("note"),
      e: () => submitTriage("status", "resolved"),
      a: () => me && submitTriage("assignee", me),
      i: () => document.querySelector("[data-open-panel]")?.click(),
      "/": () => document.getElementById("inbox-search")?.focus(),
      "?": () => dialog && (dialog.open ? dialog.close() : dialog.showModal()),
    };
    const action = actions[evt.key];
    if (action && document.getElementById("inbox")) {
      evt.preventDefault();
      action();
    }
  });

  document.addEventListener("click", (evt) => {
    if (evt.target instanceof Element && evt.target.closest("[data-shortcuts-open]")) document.getElementById("shortcuts")?.showModal();
  });
})();
