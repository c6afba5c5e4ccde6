// linedesk composer: what the server-rendered composer needs from the browser.
// - "Quote" on a customer's bubble puts its quote token into the composer
// - `/` at the start of the text opens the canned-reply search (↑ ↓ Enter Tab Esc),
//   with the workflow shortcuts the agent may run (picking one starts it);
//   while it is open Enter never sends, and a lone "/" is never sent at all
//   (the server refuses it too)
// - the reply-token countdown under the composer, refreshed when the customer writes
// - LINE emoji whose image cannot load show their text (or id) in place
// The tool panels (attachments, quick replies, location) are in composer-tools.js.
// Everything works without this file except quoting and canned replies.
// Texts come from the page's language (window.ldT, public/i18n.js).
(() => {
  "use strict";
  document.documentElement.classList.add("has-composer-js");
  const T = (key, params) => (window.ldT ? window.ldT(key, params) : key);
  const numbers = new Intl.NumberFormat(window.ldLocale || document.documentElement.lang || "en");
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const composer = () => document.getElementById("composer");
  const textarea = () => document.getElementById("composer-text");

  // --- quoting ---------------------------------------------------------------
  function setQuote(token, lineId, text) {
    const root = composer();
    if (!root) return;
    $$("[data-quote-token]", root).forEach((input) => (input.value = token));
    $$("[data-quote-line-id]", root).forEach((input) => (input.value = lineId));
    $$("[data-quote-text]", root).forEach((input) => (input.value = text));
    const box = $("[data-quote]", root);
    if (box) {
      box.hidden = !token;
      const preview = $("[data-quote-preview]", box);
      if (preview) preview.textContent = text;
    }
  }

  document.addEventListener("click", (evt) => {
    const quote = evt.target.closest(".msg__quote");
    if (quote) {
      setQuote(quote.dataset.quoteToken || "", quote.dataset.quoteLineId || "", quote.dataset.quoteText || "");
      textarea()?.focus();
      return;
    }
    if (evt.target.closest("[data-quote-clear]")) {
      setQuote("", "", "");
      textarea()?.focus();
    }
  });

  // A sticker sent with the quote used it up; the text form's response is a fresh composer anyway.
  document.addEventListener("htmx:after:request", (evt) => {
    const ctx = evt.detail && evt.detail.ctx;
    const source = ctx && ctx.sourceElement;
    if (!ctx || !ctx.response || ctx.response.status >= 300 || !source || !source.closest) return;
    if (source.closest(".composer-tool")) setQuote("", "", "");
  });

  // --- canned replies ----------------------------------------------------------
  let cannedTimer = null;
  let cannedSeq = 0;
  function popup() {
    return document.getElementById("composer-canned");
  }
  function options() {
    const box = popup();
    return box ? $$("[role=option]", box) : [];
  }
  function closeCanned() {
    const box = popup();
    if (box) {
      box.hidden = true;
      box.innerHTML = "";
    }
    textarea()?.setAttribute("aria-expanded", "false");
    textarea()?.removeAttribute("aria-activedescendant");
  }
  function activate(option) {
    options().forEach((o) => {
      const on = o === option;
      o.classList.toggle("is-active", on);
      o.setAttribute("aria-selected", on ? "true" : "false");
    });
    if (option) {
      textarea()?.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
  }
  function choose(option) {
    const area = textarea();
    if (!area || !option) return;
    if (option.dataset.workflowUrl) return runShortcut(option.dataset.workflowUrl, area);
    area.value = option.dataset.cannedBody || "";
    closeCanned();
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }
  /** A workflow shortcut picked from the list: run it like its toolbar button, whose bar shows the outcome. */
  async function runShortcut(url, area) {
    area.value = "";
    closeCanned();
    area.focus();
    const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") || "";
    try {
      const response = await fetch(url, { method: "POST", headers: { "HX-Request": "true", "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: token }) });
      const bar = document.getElementById("workflow-shortcuts");
      if (!bar) return;
      const box = document.createElement("div");
      box.innerHTML = await response.text();
      const next = box.querySelector("#workflow-shortcuts");
      if (!next) return;
      bar.replaceWith(next);
      if (window.htmx && typeof window.htmx.process === "function") window.htmx.process(next);
    } catch {
      // Offline: the toolbar button still works once the connection is back.
    }
  }

  /** "/" alone (or the full-width "／" of CJK keyboards): the agent meant to open the list. */
  const isLonePrefix = (text) => /^[/／]$/.test(text.trim());

  async function searchCanned(query) {
    const root = composer();
    const box = popup();
    if (!root || !box) return;
    const seq = ++cannedSeq;
    try {
      const response = await fetch(`${root.dataset.cannedUrl}?q=${encodeURIComponent(query)}`, { headers: { "HX-Request": "true" } });
      if (seq !== cannedSeq) return; // a newer keystroke won
      box.innerHTML = await response.text();
      box.hidden = false;
      textarea()?.setAttribute("aria-expanded", "true");
      activate(options()[0] || null);
    } catch {
      closeCanned();
    }
  }

  document.addEventListener("input", (evt) => {
    const el = evt.target;
    if (el.id === "composer-text") {
      const match = /^[/／]([^\n]{0,50})$/.exec(el.value);
      clearTimeout(cannedTimer);
      if (match) cannedTimer = setTimeout(() => searchCanned(match[1]), 120);
      else closeCanned();
    }
  });

  // Capture phase: runs before inbox.js's Enter-to-send on the same textarea.
  document.addEventListener(
    "keydown",
    (evt) => {
      if (evt.target.id === "composer-text" && popup() && !popup().hidden) {
        const list = options();
        const current = list.findIndex((o) => o.classList.contains("is-active"));
        if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
          evt.preventDefault();
          evt.stopPropagation();
          if (list.length) activate(list[(current + (evt.key === "ArrowDown" ? 1 : list.length - 1)) % list.length]);
        } else if ((evt.key === "Enter" && !evt.shiftKey && !evt.isComposing) || evt.key === "Tab") {
          if (current >= 0) {
            evt.preventDefault();
            evt.stopPropagation();
            // Tab completes a canned reply; a workflow starts only on Enter (or a click).
            if (evt.key === "Tab" && list[current].dataset.workflowUrl) return;
            choose(list[current]);
          } else if (evt.key === "Enter") {
            // Nothing to pick: the list says why (no match, or a lone "/"); Esc closes it, then Enter sends.
            evt.preventDefault();
            evt.stopPropagation();
          }
        } else if (evt.key === "Escape") {
          evt.preventDefault();
          evt.stopPropagation();
          closeCanned();
        }
        return;
      }
      // Enter before the list arrived, or after Esc closed it: a lone "/" still never goes out.
      if (evt.target.id === "composer-text" && evt.key === "Enter" && !evt.shiftKey && !evt.isComposing && isLonePrefix(evt.target.value)) {
        evt.preventDefault();
        evt.stopPropagation();
        showLonePrefixHint();
        return;
      }
      if (evt.key === "Escape") {
        const open = $("#composer details.composer-tool[open]");
        if (open) {
          open.open = false;
          $("summary", open)?.focus();
        }
      }
    },
    true,
  );

  function showLonePrefixHint() {
    const box = popup();
    if (!box) return;
    clearTimeout(cannedTimer);
    cannedSeq++;
    const p = document.createElement("p");
    p.className = "canned-list__empty";
    p.dataset.cannedEmpty = "";
    p.textContent = T("composer.lonePrefix");
    box.replaceChildren(p);
    box.hidden = false;
    textarea()?.setAttribute("aria-expanded", "true");
  }

  // The Send button (or any submit) with a lone "/": refused here, before htmx sends it.
  document.addEventListener(
    "submit",
    (evt) => {
      if (evt.target.id !== "composer-form") return;
      const area = textarea();
      if (area && isLonePrefix(area.value)) {
        evt.preventDefault();
        evt.stopPropagation();
        showLonePrefixHint();
        area.focus();
      }
    },
    true,
  );

  document.addEventListener("mousedown", (evt) => {
    const option = evt.target.closest && evt.target.closest("#composer-canned [role=option]");
    if (option) {
      evt.preventDefault(); // keep the textarea focused
      choose(option);
      return;
    }
    if (!evt.target.closest || !evt.target.closest("#composer-canned, #composer-text")) closeCanned();
  });

  // --- reply-token countdown ------------------------------------------------
  function tick() {
    const status = document.getElementById("composer-status");
    if (!status || !status.dataset.expiresIn) return;
    if (!status.dataset.deadline) status.dataset.deadline = String(Date.now() + Number(status.dataset.expiresIn));
    const left = Math.ceil((Number(status.dataset.deadline) - Date.now()) / 1000);
    const countdown = $("[data-countdown]", status);
    if (left > 0) {
      if (countdown) countdown.textContent = T("composer.seconds", { s: numbers.format(left) });
      return;
    }
    delete status.dataset.expiresIn;
    status.classList.replace("composer-status--free", `composer-status--${status.dataset.then || "push"}`);
    const free = $(".composer-status__free", status);
    const push = $(".composer-status__push", status);
    if (free) free.hidden = true;
    if (push) push.hidden = false;
  }
  setInterval(tick, 1000);

  // A new customer message brings a fresh reply token, and a block (unfollow) or
  // unblock changes whether anything arrives: ask the server again. The block is
  // read from the contact, which the conversation updates just after the event
  // line appears, so those are asked about once more a little later.
  let statusTimers = [];
  function refreshStatusSoon(delays) {
    statusTimers.forEach(clearTimeout);
    statusTimers = delays.map((delay) =>
      setTimeout(() => {
        const status = document.getElementById("composer-status");
        if (status && window.htmx) window.htmx.trigger(status, "refresh-status");
      }, delay),
    );
  }
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || node.parentElement?.id !== "thread-messages") continue;
        if (node.classList.contains("msg--event-unfollow") || node.classList.contains("msg--event-follow")) return refreshStatusSoon([600, 2500]);
        if (node.classList.contains("msg--in")) return refreshStatusSoon([300]);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });

  // --- LINE emoji: an image that cannot load shows its text in place -------------------
  // (error events do not bubble: listen in the capture phase, for bubbles added live too)
  function emojiFallback(img) {
    const span = document.createElement("span");
    span.className = "line-emoji line-emoji--text";
    span.textContent = img.dataset.fallback || img.alt || T("composer.emojiFallback", { id: img.dataset.emojiId || "" });
    span.title = img.title || span.textContent;
    img.replaceWith(span);
  }
  document.addEventListener(
    "error",
    (evt) => {
      const el = evt.target;
      if (el instanceof HTMLImageElement && el.classList.contains("line-emoji")) emojiFallback(el);
    },
    true,
  );
  // Images that failed before this script ran; any still loading after 5 s (a CDN that hangs) show their text too.
  function settleEmoji(root) {
    $$("img.line-emoji", root).forEach((img) => {
      if (img.complete) {
        if (img.naturalWidth === 0) emojiFallback(img);
      } else {
        setTimeout(() => img.isConnected && !img.complete && emojiFallback(img), 5000);
      }
    });
  }
  settleEmoji(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1 && node.querySelector?.("img.line-emoji")) settleEmoji(node);
  }).observe(document.body, { childList: true, subtree: true });

})();
