// LINE simulator page (local only): live updates over the simulator's WebSocket, forms
// sent without reloading, sheets (stickers, emoji, location, attachments) and the drawer.
// The page works without this file; this only makes it feel like a phone.
(() => {
  "use strict";
  const body = document.body;
  const chatId = body.dataset.chat || "";
  const viewer = body.dataset.as || "";
  // The LINE account this page chats with: named on every request, so another tab that
  // switched accounts (the cookie) cannot redirect this one's messages.
  const channel = body.dataset.channel || "";
  const scroller = document.getElementById("chat-scroll");
  const typing = document.getElementById("typing");
  let typingTimer = 0;
  let socketOpen = false;

  // Messages in the page's language (public/i18n.js; keys js.simulator.* in the catalogs).
  const t = (key, params) => (window.ldT ? window.ldT(`simulator.${key}`, params) : key);
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  function localTimes(root = document) {
    for (const el of $$("time[data-local-time]", root)) {
      const d = new Date(el.getAttribute("datetime"));
      if (!Number.isNaN(d.getTime())) el.textContent = d.toLocaleTimeString(window.ldLocale || [], { hour: "2-digit", minute: "2-digit" });
    }
  }

  // Like LINE, consecutive messages from the same sender show the name and picture once.
  function groupRuns() {
    for (const entry of $$("#chat-log > .entry.them")) {
      const prev = entry.previousElementSibling;
      const same = prev && prev.classList.contains("them") && prev.dataset.sender === entry.dataset.sender;
      entry.classList.toggle("cont", Boolean(same));
    }
  }

  function toBottom() {
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  function fromHtml(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html.trim();
    return tpl.content.firstElementChild;
  }

  function flash(message) {
    let el = $(".flash");
    if (!el) {
      el = document.createElement("p");
      el.className = "flash";
      el.setAttribute("role", "alert");
      const top = $(".phone-top");
      if (top) top.after(el);
      else return alert(message);
    }
    el.textContent = message;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => el.remove(), 6000);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    if (typing) typing.hidden = true;
  }

  // Frames from LineSimulatorDO: append | replace | typing | read | quickReply.
  function onFrame(frame) {
    const log = document.getElementById("chat-log");
    if (frame.t === "append" && log && frame.chatId === chatId) {
      const el = fromHtml(frame.html);
      if (!el) return;
      $(".empty-note", log)?.remove();
      const existing = document.getElementById(frame.id);
      if (existing) existing.replaceWith(el);
      else log.append(el);
      if (el.classList.contains("them") && !el.dataset.kind?.startsWith("postback")) hideTyping();
      localTimes(el);
      groupRuns();
      toBottom();
    } else if (frame.t === "replace") {
      const existing = document.getElementById(frame.id);
      const el = fromHtml(frame.html);
      if (existing && el) {
        existing.replaceWith(el);
        localTimes(el);
        groupRuns();
      }
    } else if (frame.t === "typing" && frame.chatId === chatId && typing) {
      typing.hidden = false;
      toBottom();
      clearTimeout(typingTimer);
      typingTimer = setTimeout(hideTyping, frame.seconds * 1000);
    } else if (frame.t === "read" && frame.chatId === chatId) {
      for (const id of frame.ids) {
        const meta = $(`#m-${CSS.escape(id)} .meta`);
        if (meta && !$(".read", meta)) {
          const read = document.createElement("span");
          read.className = "read";
          read.textContent = t("read");
          meta.prepend(read);
        }
      }
    } else if (frame.t === "quickReply" && frame.chatId === chatId) {
      const bar = document.getElementById("quick-replies");
      const el = fromHtml(frame.html);
      if (bar && el) bar.replaceWith(el);
    }
  }

  function connect(attempt = 0) {
    if (!chatId) return;
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const qs = new URLSearchParams({ chat: chatId });
    if (viewer) qs.set("as", viewer);
    if (channel) qs.set("channel", channel);
    qs.set("lang", window.ldLocale || "en");
    const ws = new WebSocket(`${proto}//${location.host}/simulator/ws?${qs}`);
    let ping = 0;
    ws.addEventListener("open", () => {
      socketOpen = true;
      attempt = 0;
      ping = setInterval(() => ws.readyState === 1 && ws.send("ping"), 25000);
    });
    ws.addEventListener("message", (e) => {
      if (e.data === "pong") return;
      try {
        onFrame(JSON.parse(e.data));
      } catch (err) {
        console.warn("simulator: bad frame", err);
      }
    });
    ws.addEventListener("close", () => {
      socketOpen = false;
      clearInterval(ping);
      setTimeout(() => connect(attempt + 1), Math.min(10000, 500 * 2 ** attempt));
    });
  }

  // Sheets (stickers, emoji, location, attachments) and the side drawer.
  function closeSheets() {
    for (const s of $$(".sheet.open")) s.classList.remove("open");
    if (location.hash.startsWith("#sheet-")) history.replaceState(null, "", location.pathname + location.search);
  }

  document.addEventListener("click", (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    const opener = target.closest("[data-open-sheet]");
    if (opener) {
      e.preventDefault();
      const sheet = document.getElementById(`sheet-${opener.dataset.openSheet}`);
      const wasOpen = sheet?.classList.contains("open");
      closeSheets();
      if (sheet && !wasOpen) sheet.classList.add("open");
      return;
    }
    if (target.closest(".sheet-close")) {
      e.preventDefault();
      closeSheets();
      return;
    }
    const insert = target.closest("[data-insert]");
    if (insert) {
      const area = $("[data-composer] textarea");
      if (area) {
        const at = area.selectionStart ?? area.value.length;
        area.value = `${area.value.slice(0, at)}${insert.dataset.insert}${area.value.slice(area.selectionEnd ?? at)}`;
        area.focus();
        area.selectionStart = area.selectionEnd = at + insert.dataset.insert.length;
      }
      closeSheets();
      return;
    }
    const copy = target.closest("[data-copy]");
    if (copy) {
      navigator.clipboard?.writeText(copy.dataset.copy || "").then(() => flash(t("copied")));
      return;
    }
    if (target.closest("[data-open-side]")) {
      e.preventDefault();
      body.classList.add("side-open");
      return;
    }
    if (target.closest("[data-close-side]") || (body.classList.contains("side-open") && !target.closest(".side"))) {
      if (target.closest("[data-close-side]")) e.preventDefault();
      body.classList.remove("side-open");
    }
    if (!target.closest(".phone-menu")) for (const d of $$(".phone-menu[open]")) d.removeAttribute("open");
  });

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      closeSheets();
      body.classList.remove("side-open");
    }
  });

  // Forms marked data-async are sent with fetch; the result arrives over the WebSocket.
  async function post(form, data) {
    const url = new URL(form.action);
    if (channel) url.searchParams.set("channel", channel);
    const multipart = form.enctype === "multipart/form-data";
    const res = await fetch(url, { method: "POST", headers: { accept: "application/json" }, body: multipart ? data : new URLSearchParams(data) });
    const out = await res.json().catch(() => ({ ok: res.ok }));
    if (!res.ok || !out.ok) throw new Error(out.error || t("failed", { status: res.status }));
  }

  // The composer's messages leave in the order they were typed, one at a time. The
  // box gives up only the text being sent: whatever is typed while a message is on
  // its way stays, and a message LINE could not take comes back in front of it.
  let composerQueue = Promise.resolve();
  function sendFromComposer(form) {
    const area = $("textarea", form);
    const data = new FormData(form);
    const text = String(data.get("text") || "");
    if (!area || !text.trim()) return;
    area.value = "";
    area.style.height = "";
    form.dataset.sending = String(Number(form.dataset.sending || 0) + 1);
    composerQueue = composerQueue.then(async () => {
      try {
        await post(form, data);
        if (!socketOpen && !area.value) location.reload();
      } catch (err) {
        area.value = area.value ? `${text}\n${area.value}` : text;
        flash(err instanceof TypeError ? t("unreachable", { error: err.message }) : err.message);
      } finally {
        form.dataset.sending = String(Number(form.dataset.sending) - 1);
      }
    });
  }

  document.addEventListener("submit", async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-async")) return;
    e.preventDefault();
    if (form.hasAttribute("data-composer")) return sendFromComposer(form);
    const data = new FormData(form);
    const button = e.submitter || $("button[type=submit]", form);
    if (button) button.disabled = true;
    try {
      await post(form, data);
      if (form.hasAttribute("data-close-sheets")) {
        form.reset();
        closeSheets();
      }
      // Follow/unfollow change the composer; without a live socket, reload to show the result.
      if (/\/(follow|unfollow)$/.test(new URL(form.action).pathname) || !socketOpen) location.reload();
    } catch (err) {
      flash(err instanceof TypeError ? t("unreachable", { error: err.message }) : err.message);
    } finally {
      if (button) button.disabled = false;
    }
  });

  // Composer: Enter sends, Shift+Enter adds a line; the box grows with the text.
  const area = $("[data-composer] textarea");
  if (area) {
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (area.value.trim()) area.form?.requestSubmit();
      }
    });
    area.addEventListener("input", () => {
      area.style.height = "auto";
      area.style.height = `${Math.min(area.scrollHeight, 120)}px`;
    });
  }

  // Attachments: measure video/audio duration (LINE sends it in ms), then send at once.
  const upload = $("form[data-upload]");
  const fileInput = upload && $("input[type=file]", upload);
  if (fileInput) {
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      const durationField = $("input[name=duration]", upload);
      const send = () => upload.requestSubmit();
      if (!/^(video|audio)\//.test(file.type) || !durationField) return send();
      const media = document.createElement(file.type.startsWith("video") ? "video" : "audio");
      const url = URL.createObjectURL(file);
      media.preload = "metadata";
      media.onloadedmetadata = () => {
        if (Number.isFinite(media.duration)) durationField.value = String(Math.round(media.duration * 1000));
        URL.revokeObjectURL(url);
        send();
      };
      media.onerror = () => {
        URL.revokeObjectURL(url);
        send();
      };
      media.src = url;
    });
  }

  for (const select of $$("select[data-autosubmit]")) select.addEventListener("change", () => select.form?.submit());

  // Datetime-picker buttons: tapping the chip first asks for the value.
  for (const input of $$(".picker-input")) {
    const form = input.form;
    const button = form && $("button[type=submit]", form);
    if (!button) continue;
    button.addEventListener("click", (e) => {
      if (input.value || typeof input.showPicker !== "function") return;
      e.preventDefault();
      input.style.display = "inline-block";
      input.addEventListener("change", () => form.requestSubmit(), { once: true });
      try {
        input.showPicker();
      } catch {
        form.requestSubmit();
      }
    });
  }

  localTimes();
  groupRuns();
  toBottom();
  connect();
})();
