// Settings pages: on phones the section nav is a row of tabs that scrolls sideways;
// bring the current section into view (centred when it can be) so the reader sees
// where they are, whichever section they opened.
(() => {
  "use strict";
  const reveal = () => {
    const nav = document.querySelector(".settings-nav");
    const active = nav?.querySelector(".settings-nav__link.is-active");
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const navBox = nav.getBoundingClientRect();
    const box = active.getBoundingClientRect();
    const offset = box.left - navBox.left + nav.scrollLeft;
    nav.scrollLeft = Math.max(0, offset - (nav.clientWidth - box.width) / 2);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();
