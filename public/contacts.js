// linedesk contacts: small keyboard and caret niceties for the contact panel.
// Optional: everything in the panel works without this file.
// - after the server completes an @mention, typing continues at the end of the note
// - ArrowDown/ArrowUp move between the note and the mention suggestions; Escape closes them
(() => {
  "use strict";

  function caretToEnd() {
    const area = document.querySelector("textarea[data-caret-end]");
    if (!area) return;
    area.removeAttribute("data-caret-end");
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }
  document.addEventListener("htmx:after:settle", caretToEnd);

  function closeSuggestions(form) {
    const box = form && form.querySelector(".cp-mentions");
    if (box) box.replaceChildren();
  }

  document.addEventListener("keydown", (evt) => {
    const el = evt.target;
    if (!(el instanceof HTMLElement) || evt.isComposing) return;
    const form = el.closest(".cp-note-form");
    if (!form) return;
    const options = Array.from(form.querySelectorAll(".cp-mention-option"));
    const area = form.querySelector("textarea");
    if (el === area) {
      if (evt.key === "ArrowDown" && options.length) {
        evt.preventDefault();
        options[0].focus();
      } else if (evt.key === "Escape" && options.length) {
        evt.preventDefault();
        evt.stopPropagation();
        closeSuggestions(form);
      }
      return;
    }
    const at = options.indexOf(el);
    if (at === -1) return;
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      evt.preventDefault();
      const next = options[at + (evt.key === "ArrowDown" ? 1 : -1)];
      (next || (evt.key === "ArrowUp" ? area : el)).focus();
    } else if (evt.key === "Escape") {
      evt.preventDefault();
      evt.stopPropagation();
      closeSuggestions(form);
      if (area) area.focus();
    }
  });
})();
