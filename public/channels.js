// Settings → Channels: Copy buttons next to read-only fields (webhook URL, add-friend
// link). Without JavaScript the field is still selectable; this only adds the button.
(() => {
  "use strict";
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    const field = document.querySelector(button.getAttribute("data-copy"));
    if (!(field instanceof HTMLInputElement)) return;
    const label = button.querySelector(".copy-field__label");
    const say = (key, fallback) => (window.ldT ? window.ldT(key) : fallback);
    try {
      await navigator.clipboard.writeText(field.value);
      if (label) label.textContent = say("settings.copied", "Copied");
    } catch {
      field.select();
      if (label) label.textContent = say("settings.pressCopy", "Press Ctrl+C");
    }
    setTimeout(() => {
      if (label) label.textContent = say("settings.copy", "Copy");
    }, 2000);
  });
})();
