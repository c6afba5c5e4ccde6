// linedesk inbox: the list's controls and the phone's navigation.
// - Bulk selection: hover checkboxes on a laptop; "Select" mode (rows toggle on
//   tap) everywhere, which phones need. The bar at the foot counts and applies.
// - Popovers made of <details> (Filters, Snooze, the bell) close with Esc and a
//   click outside, and Filters closes when a selection starts (it never covers
//   the bulk bar).
// - View tabs: one row that scrolls sideways, the current tab kept in view;
//   choosing a view ends a search (a search spans every view).
// - Phones: the thread's back button shows the list again at once.
// - The composer area: Enter sends (Shift+Enter: a new line), the Reply / Private
//   note tabs, the browser's offset with a custom snooze time.
// Texts come from the page's language through window.ldT (public/i18n.js).
(() => {
  "use strict";
  const T = (key, params) => (window.ldT ? window.ldT(key, params) : key);
  const inbox = document.getElementById("inbox");
  if (!inbox) return;

  // --- bulk selection ---------------------------------------------------------
  const boxes = () => Array.from(document.querySelectorAll("input[form='bulk-form'][name='ids']"));
  const plural = (n) => {
    try {
      return new Intl.PluralRules(window.ldLocale || "en").select(n) === "one" ? "one" : "other";
    } catch {
      return n === 1 ? "one" : "other";
    }
  };

  function updateSelection() {
    const n = boxes().filter((el) => el.checked).length;
    const text = n ? T(`inbox.selected.${plural(n)}`, { count: n }) : T("inbox.selectedNone");
    document.querySelectorAll("[data-selected-count]").forEach((el) => (el.textContent = text));
    document.getElementById("bulk-form")?.classList.toggle("is-active", n > 0 || inbox.classList.contains("is-selecting"));
    if (n > 0) closeDetails(document.querySelector("details.list-filters[open]"));
  }

  function setSelectMode(on) {
    inbox.classList.toggle("is-selecting", on);
    document.querySelectorAll("[data-select-mode]").forEach((b) => b.setAttribute("aria-pressed", String(on)));
    if (!on) boxes().forEach((el) => (el.checked = false));
    updateSelection();
  }

  document.addEventListener("change", (evt) => {
    if (evt.target instanceof HTMLInputElement && evt.target.getAttribute("form") === "bulk-form") updateSelection();
  });

  // The search box searches as one types (input) and on Enter (submit). Its change event —
  // fired when it loses focus, e.g. on a click on a search hit — must not reach the list
  // form's "change" trigger: that second search would replace the list (and the address)
  // while the hit's conversation opens. Stopped while capturing, before the form sees it.
  document.addEventListener(
    "change",
    (evt) => {
      if (evt.target instanceof HTMLInputElement && evt.target.id === "inbox-search") evt.stopPropagation();
    },
    true,
  );

  document.addEventListener("click", (evt) => {
    const target = evt.target instanceof Element ? evt.target : null;
    if (!target) return;
    if (target.closest("[data-select-mode]")) return setSelectMode(!inbox.classList.contains("is-selecting"));
    if (target.closest("[data-bulk-cancel]")) return setSelectMode(false);
  });

  // In select mode a tap on a row checks it instead of opening it (before htmx sees the click).
  document.addEventListener("click", (evt) => {
    if (!inbox.classList.contains("is-selecting")) return;
    const link = evt.target instanceof Element ? evt.target.closest("#conversation-list .conv-link") : null;
    const box = link?.closest(".conv-item")?.querySelector("input[name='ids']");
    if (!box) return;
    evt.preventDefault();
    evt.stopPropagation();
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }, true);

  // The bulk form answers with the list as it now is: send the list's current filters.
  function syncBulkFilters() {
    const bulk = document.getElementById("bulk-form");
    const list = document.getElementById("list-filter");
    if (!bulk || !list) return;
    const data = new FormData(list);
    bulk.querySelectorAll("[data-filter-field]").forEach((el) => el.remove());
    for (const key of ["view", "team", "tag", "channel", "q", "sort"]) {
      const value = data.get(key);
      if (!value) continue;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = `filter_${key}`;
      input.value = String(value);
      input.dataset.filterField = key;
      bulk.append(input);
    }
  }
  document.addEventListener("submit", (evt) => {
    if (evt.target instanceof HTMLFormElement && evt.target.id === "bulk-form") syncBulkFilters();
  }, true);
  // Done: the bar's menus go back to their prompts, so a second tap on Apply cannot repeat it.
  document.addEventListener("htmx:after:request", (evt) => {
    const ctx = evt.detail && evt.detail.ctx;
    const source = ctx && ctx.sourceElement;
    if (!ctx || !ctx.response || ctx.response.status >= 300 || !source || !source.closest || !source.closest("#bulk-form")) return;
    document.querySelectorAll("#bulk-form select").forEach((select) => (select.selectedIndex = 0));
  });

  // --- popovers made of <details> -------------------------------------------------
  const POPOVERS = "details.list-filters, details.triage-menu, details.nf-bell";
  function closeDetails(details) {
    if (details && details.open) details.open = false;
  }
  document.addEventListener("keydown", (evt) => {
    if (evt.key !== "Escape") return;
    const open = Array.from(document.querySelectorAll(`${POPOVERS}`)).filter((d) => d.open);
    if (!open.length) return;
    const focusInside = open.find((d) => d.contains(document.activeElement));
    open.forEach(closeDetails);
    (focusInside || open[0]).querySelector("summary")?.focus();
  });
  document.addEventListener("click", (evt) => {
    const target = evt.target instanceof Element ? evt.target : null;
    if (!target) return;
    document.querySelectorAll(POPOVERS).forEach((d) => {
      if (d.open && !d.contains(target)) closeDetails(d);
    });
  });

  // --- view tabs ------------------------------------------------------------------
  function showCurrentTab() {
    const tabs = document.querySelector(".view-tabs");
    const current = tabs?.querySelector(".view-tab:has(input:checked)");
    tabs?.querySelectorAll(".view-tab").forEach((tab) => tab.classList.toggle("is-current", tab === current));
    if (tabs && current) {
      const left = current.offsetLeft - tabs.offsetLeft;
      if (left < tabs.scrollLeft || left + current.offsetWidth > tabs.scrollLeft + tabs.clientWidth) tabs.scrollLeft = left - 12;
    }
  }
  document.addEventListener("change", (evt) => {
    if (!(evt.target instanceof HTMLInputElement) || evt.target.name !== "view" || !evt.target.closest("#list-filter")) return;
    // A search spans every view; picking a view ends it (before htmx sends the form).
    const search = document.getElementById("inbox-search");
    if (search && search.value) search.value = "";
    showCurrentTab();
  }, true);
  showCurrentTab();

  // --- lists replaced by htmx or by inbox.js ---------------------------------------
  function afterListChange() {
    updateSelection();
  }
  document.addEventListener("htmx:after:swap", afterListChange);
  document.addEventListener("inbox:list-replaced", afterListChange);
  updateSelection();


  // --- phones: back from a thread to the list, at once -----------------------------
  document.addEventListener("click", (evt) => {
    const back = evt.target instanceof Element ? evt.target.closest("[data-thread-back]") : null;
    const pane = document.getElementById("thread-pane");
    const placeholder = document.getElementById("thread-placeholder");
    if (!back || !pane || !placeholder || evt.ctrlKey || evt.metaKey || evt.shiftKey) return;
    evt.preventDefault();
    pane.replaceChildren(placeholder.content.cloneNode(true));
    const contact = document.getElementById("contact-pane");
    if (contact) contact.innerHTML = "";
    const form = document.getElementById("list-filter");
    const params = form ? new URLSearchParams(new FormData(form)) : new URLSearchParams();
    for (const [key, value] of Array.from(params.entries())) if (!value || (key === "view" && value === "all")) params.delete(key);
    const query = params.toString();
    history.pushState({ htmx: true }, "", `/inbox${query ? `?${query}` : ""}`);
    document.title = T("inbox.pageTitle");
    document.dispatchEvent(new CustomEvent("inbox:thread-closed"));
    document.querySelector("#conversation-list .conv-item.is-active .conv-link")?.focus({ preventScroll: false });
  });
})();

// The contact panel (loaded into #contact-pane by the thread header's button) closes with its × or Esc.
(() => {
  "use strict";
  const close = () => {
    const pane = document.getElementById("contact-pane");
    if (pane) pane.innerHTML = "";
  };
  document.addEventListener("click", (evt) => {
    if (evt.target instanceof Element && evt.target.closest("[data-close-panel]")) {
      evt.preventDefault();
      close();
    }
  });
  document.addEventListener("keydown", (evt) => {
    if (evt.key === "Escape" && !(evt.target instanceof HTMLTextAreaElement || evt.target instanceof HTMLInputElement)) close();
  });
})();

// The composer area (any page with a thread): Enter sends, Shift+Enter adds a line;
// the Reply / Private note tabs; the browser's offset with a custom snooze time.
(() => {
  "use strict";
  document.addEventListener("keydown", (evt) => {
    const el = evt.target;
    if (!(el instanceof HTMLTextAreaElement) || !el.hasAttribute("data-enter-submits")) return;
    if (evt.key === "Enter" && !evt.shiftKey && !evt.isComposing && evt.keyCode !== 229) {
      evt.preventDefault();
      if (el.value.trim() && el.form) el.form.requestSubmit();
    }
  });

  // Reply / private note tabs under the thread.
  function showComposerTab(tab) {
    document.querySelectorAll("[data-composer-tab]").forEach((b) => {
      const on = b.dataset.composerTab === tab;
      b.classList.toggle("is-current", on);
      b.setAttribute("aria-selected", String(on));
    });
    const composer = document.getElementById("composer");
    const note = document.getElementById("note-form");
    if (composer) composer.hidden = tab !== "reply";
    if (note) note.hidden = tab !== "note";
    const field = tab === "note" ? note?.querySelector("textarea") : composer?.querySelector("textarea");
    if (field) field.focus();
  }
  document.addEventListener("click", (evt) => {
    const tab = evt.target instanceof Element ? evt.target.closest("[data-composer-tab]") : null;
    if (tab) showComposerTab(tab.dataset.composerTab);
  });
  window.linedeskShowComposerTab = showComposerTab;

  // datetime-local has no zone: send the browser's offset with a custom snooze time.
  document.addEventListener("submit", (evt) => {
    const field = evt.target instanceof HTMLFormElement ? evt.target.querySelector("[data-tz-offset]") : null;
    if (field) field.value = String(new Date().getTimezoneOffset());
  }, true);
})();
