// /reports: on a narrow screen the tab row scrolls sideways; bring the current
// tab into view so the reader sees which report this is (CSAT, SLA and Logs sit
// past the edge of a phone).
(() => {
  const center = () => {
    const tab = document.querySelector(".reports__tab.is-current");
    const row = tab?.parentElement;
    if (!tab || !row || row.scrollWidth <= row.clientWidth) return;
    const offset = tab.getBoundingClientRect().left - row.getBoundingClientRect().left + row.scrollLeft;
    row.scrollLeft = Math.max(0, offset - (row.clientWidth - tab.clientWidth) / 2);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", center);
  else center();
})();
