// linedesk composer tools: the panels beside the reply box.
// - uploads: size/type checked before sending, a JPEG preview (photo or video frame)
//   and the audio length filled in, pasting an image attaches it
// - quick-reply rows (add/remove, up to 13), "lat, lng" pasted into Latitude
// - one panel open at a time; a click elsewhere closes them (Escape: composer.js); one
//   opened while a text was being sent stays open in the composer that comes back
// Everything works without this file except the previews and pasting.
// Texts come from the page's language (window.ldT, public/i18n.js).
(() => {
  "use strict";
  const T = (key, params) => (window.ldT ? window.ldT(key, params) : key);
  const numbers = new Intl.NumberFormat(window.ldLocale || document.documentElement.lang || "en");
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  document.addEventListener("mousedown", (evt) => {
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

  // A sent text comes back as a fresh composer: a tool panel the agent opened while the
  // send was on its way stays open in it instead of snapping shut under their finger.
  document.addEventListener("htmx:before:swap", (evt) => {
    const { ctx, tasks } = evt.detail || {};
    if (!ctx || !ctx.sourceElement || ctx.sourceElement.id !== "composer-form" || !Array.isArray(tasks)) return;
    const open = $("#composer details.composer-tool[open]");
    if (!open || !open.id) return;
    for (const task of tasks) {
      const panel = task.type === "main" && task.fragment && task.fragment.querySelector ? task.fragment.querySelector(`#${open.id}`) : null;
      if (panel) panel.setAttribute("open", "");
    }
  });

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

  document.addEventListener("input", (evt) => {
    if (evt.target.matches && evt.target.matches(".qr-row input")) updateQuickReplyCount(evt.target.closest("[data-qr-editor]"));
  });

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

  document.addEventListener("htmx:after:swap", () => $$("[data-qr-editor]").forEach(updateQuickReplyCount));
  $$("[data-qr-editor]").forEach(updateQuickReplyCount);
})();
