// linedesk contacts: small keyboard and caret niceties for the contact panel.
// Optional: everything in the panel works without this file.
// - after the server completes an @mention, typing continues at the end of the note
// - ArrowDown/ArrowUp move between the note and the mention suggestions; Escape closes them
// - a custom text field (a wrapping one-line textarea) saves on Enter and grows with its
//   value where the browser lacks CSS field-sizing (Safari)
(() => {
  "use strict";

  const sizesItself = typeof CSS !== "undefined" && CSS.supports && CSS.supports("field-sizing", "content");
  function fit(area) {
    if (sizesItself || !(area instanceof HTMLTextAreaElement)) return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  }
  function fitAll() {
    document.querySelectorAll("textarea[data-field-text]").forEach(fit);
  }
  document.addEventListener("htmx:after:settle", fitAll);
  document.addEventListener("DOMContentLoaded", fitAll);
  document.addEventListener("input", (evt) => {
    if (evt.target instanceof HTMLTextAreaElement && evt.target.matches("[data-field-text]")) fit(evt.target);
  });
  document.addEventListener("keydown", (evt) => {
    const el = evt.target;
    if (!(el instanceof HTMLTextAreaElement) || !el.matches("[data-field-text]") || evt.isComposing) return;
    if (evt.key === "Enter" && !evt.shiftKey) {
      // One line: Enter saves (the form submits on change) instead of starting a new line.
      evt.preventDefault();
      el.form?.requestSubmit();
    }
  });

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
