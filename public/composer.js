// linedesk composer: what the server-rendered composer needs from the browser.
// - "Quote" on a customer's bubble puts its quote token into the composer
// - `/` at the start of the text opens the canned-reply search (↑ ↓ Enter Tab Esc),
//   with the workflow shortcuts the agent may run (picking one starts it);
//   while it is open Enter never sends, and a lone "/" is never sent at all
//   (the server refuses it too)
// - the reply-token countdown under the composer, refreshed when the customer writes
// - uploads: size/type checked before sending, a JPEG preview (photo or video frame)
//   and the audio length filled in, pasting an image attaches it
// - quick-reply rows (add/remove, up to 13), "lat, lng" pasted into Latitude
// - tool panels close on Escape or a click elsewhere
// - LINE emoji whose image cannot load show their text (or id) in place
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
    if (el.matches && el.matches(".qr-row input")) updateQuickReplyCount(el.closest("[data-qr-editor]"));
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
    if (!evt.target.closest || !evt.target.closest("details.composer-tool")) {
      $$("#composer details.composer-tool[open]").forEach((d) => (d.open = false));
    }
  });

  // One tool panel open at a time.
  document.addEventListener(
    "toggle",
    (evt) => {
      const details = evt.target;
      if (!details.matches || !details.matches("details.composer-tool") || !details.open) return;
      $$("#composer details.composer-tool[open]").forEach((d) => d !== details && (d.open = false));
    },
    true,
  );

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

  // --- attachments ---------------------------------------------------------------
  const MB = 1024 * 1024;
  function kindOf(file, asFile) {
    const ext = (file.name.split(".").pop() || "").toLowerCase();
    if (asFile) return "file";
    if (["image/jpeg", "image/png"].includes(file.type) || ["jpg", "jpeg", "png"].includes(ext)) return "image";
    if (file.type === "video/mp4" || ext === "mp4") return "video";
    if (["audio/mpeg", "audio/mp3", "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac"].includes(file.type) || ["mp3", "m4a"].includes(ext)) return "audio";
    return "file";
  }
  const oneDecimal = new Intl.NumberFormat(window.ldLocale || "en", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  function sizeLabel(bytes) {
    return bytes < MB ? `${numbers.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${oneDecimal.format(bytes / MB)} MB`;
  }

  function setFile(input, blob, name) {
    const transfer = new DataTransfer();
    if (blob) transfer.items.add(new File([blob], name, { type: blob.type }));
    input.files = transfer.files;
  }

  function canvasBlob(source, width, height) {
    const scale = Math.min(1, 480 / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    canvas.getContext("2d").drawImage(source, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob((b) => resolve(b && b.size <= MB ? b : null), "image/jpeg", 0.8));
  }

  function mediaElement(file, tag) {
    return new Promise((resolve) => {
      const el = document.createElement(tag);
      const url = URL.createObjectURL(file);
      const done = (value) => {
        URL.revokeObjectURL(url);
        resolve(value);
      };
      el.preload = "auto";
      el.muted = true;
      el.addEventListener("error", () => done(null), { once: true });
      if (tag === "audio") {
        el.addEventListener("loadedmetadata", () => done({ durationMs: Math.round(el.duration * 1000) }), { once: true });
      } else {
        el.addEventListener("loadeddata", () => (el.currentTime = Math.min(0.5, (el.duration || 1) / 2)), { once: true });
        el.addEventListener(
          "seeked",
          async () => done({ durationMs: Math.round(el.duration * 1000), preview: await canvasBlob(el, el.videoWidth, el.videoHeight) }),
          { once: true },
        );
      }
      el.src = url;
      setTimeout(() => done(null), 8000);
    });
  }

  async function prepareUpload(form) {
    const input = $("[data-attach-input]", form);
    const file = input && input.files && input.files[0];
    const label = $("[data-attach-label]", form);
    const problem = $("[data-attach-problem]", form);
    const submit = $("button[type=submit]", form);
    const preview = $("[data-preview]", form);
    const duration = $("[data-duration]", form);
    setFile(preview, null, "");
    duration.value = "";
    problem.hidden = true;
    submit.disabled = false;
    if (!file) {
      label.textContent = T("composer.choose");
      return;
    }
    const asFile = $("input[name=asFile]", form)?.checked;
    const kind = kindOf(file, asFile);
    const limits = JSON.parse(form.dataset.limits || "{}");
    label.textContent = `${T(`composer.kind.${kind}`)}: ${file.name} · ${sizeLabel(file.size)}`;
    if (limits[kind] && file.size > limits[kind]) {
      problem.textContent = T(`composer.tooBig.${kind}`, { mb: numbers.format(limits[kind] / MB) });
      problem.hidden = false;
      submit.disabled = true;
      return;
    }
    if (kind === "file") return;
    submit.disabled = true;
    const original = submit.textContent;
    submit.textContent = T("composer.preparing");
    try {
      if (kind === "image") {
        const bitmap = await createImageBitmap(file).catch(() => null);
        if (bitmap) setFile(preview, await canvasBlob(bitmap, bitmap.width, bitmap.height), "preview.jpg");
      } else {
        const info = await mediaElement(file, kind);
        if (info && info.durationMs > 0) duration.value = String(info.durationMs);
        if (info && info.preview) setFile(preview, info.preview, "preview.jpg");
        if (kind === "audio" && !duration.value) {
          problem.textContent = T("composer.audioLength");
          problem.hidden = false;
          return;
        }
      }
      submit.disabled = false;
    } finally {
      submit.textContent = original;
    }
  }

  document.addEventListener("change", (evt) => {
    const form = evt.target.closest && evt.target.closest("[data-attach-form]");
    if (form && (evt.target.matches("[data-attach-input]") || evt.target.name === "asFile")) prepareUpload(form);
  });

  // Pasting an image into the reply box attaches it.
  document.addEventListener("paste", (evt) => {
    if (evt.target.id !== "composer-text") return;
    const file = Array.from(evt.clipboardData?.files || [])[0];
    const tool = $("#composer-tool-attach");
    const input = tool && $("[data-attach-input]", tool);
    if (!file || !input) return;
    evt.preventDefault();
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    tool.open = true;
    prepareUpload(input.form);
  });

  // --- quick replies ---------------------------------------------------------------
  function updateQuickReplyCount(editor) {
    if (!editor) return;
    const used = $$(".qr-row", editor).filter((row) => $(".qr-row__label", row).value.trim()).length;
    const badge = editor.closest("details")?.querySelector("[data-qr-count]");
    if (badge) {
      badge.textContent = String(used);
      badge.hidden = used === 0;
    }
    const add = $("[data-qr-add]", editor);
    if (add) add.hidden = $$(".qr-row", editor).length >= Number(editor.dataset.max || 13);
  }

  document.addEventListener("click", (evt) => {
    const add = evt.target.closest("[data-qr-add]");
    if (add) {
      const editor = add.closest("[data-qr-editor]");
      const list = $("[data-qr-list]", editor);
      if ($$(".qr-row", editor).length >= Number(editor.dataset.max || 13)) return;
      list.append($("[data-qr-template]", editor).content.cloneNode(true));
      $(".qr-row:last-child .qr-row__label", list)?.focus();
      updateQuickReplyCount(editor);
      return;
    }
    const remove = evt.target.closest("[data-qr-remove]");
    if (remove) {
      const editor = remove.closest("[data-qr-editor]");
      const row = remove.closest(".qr-row");
      if ($$(".qr-row", editor).length > 1) row.remove();
      else $$("input", row).forEach((i) => (i.value = ""));
      updateQuickReplyCount(editor);
    }
  });

  // --- location: "35.658, 139.7016" pasted into Latitude fills both ---------------------
  document.addEventListener("paste", (evt) => {
    if (!evt.target.matches || !evt.target.matches("[data-latitude]")) return;
    const text = evt.clipboardData?.getData("text") || "";
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
    const longitude = evt.target.form && $("[data-longitude]", evt.target.form);
    if (!match || !longitude) return;
    evt.preventDefault();
    evt.target.value = match[1];
    longitude.value = match[2];
  });

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

  document.addEventListener("htmx:after:swap", () => $$("[data-qr-editor]").forEach(updateQuickReplyCount));
  $$("[data-qr-editor]").forEach(updateQuickReplyCount);
})();
