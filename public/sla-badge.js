// Keeps SLA badges ("due in 12m", src/ui/sla-badge.tsx) true as time passes: the
// server renders the due time as data-sla-due; every 30 s (and after each htmx
// swap) the words are recomputed in the page's language, turning into
// "breached" once the due time has passed.
(() => {
  const SOON_MS = 15 * 60_000;
  const NOW_MS = 30_000;
  const formats = new Map();
  const unit = (u) => {
    const key = `${window.ldLocale}|${u}`;
    if (!formats.has(key)) {
      try {
        formats.set(key, new Intl.NumberFormat(window.ldLocale, { style: "unit", unit: u, unitDisplay: "narrow", maximumFractionDigits: 0 }));
      } catch {
        formats.set(key, new Intl.NumberFormat("en", { style: "unit", unit: u, unitDisplay: "narrow", maximumFractionDigits: 0 }));
      }
    }
    return formats.get(key);
  };
  const short = (ms) => {
    const minutes = Math.max(1, Math.round(ms / 60_000));
    if (minutes < 60) return unit("minute").format(minutes);
    if (minutes < 48 * 60) return unit("hour").format(Math.round(minutes / 60));
    return unit("day").format(Math.round(minutes / 1440));
  };
  const t = (key, params) => (window.ldT ? window.ldT(key, params) : key);

  function refresh(root) {
    const now = Date.now();
    for (const badge of (root || document).querySelectorAll("[data-sla-due]")) {
      const due = Number(badge.getAttribute("data-sla-due"));
      if (!due) continue;
      const left = due - now;
      let text;
      if (left <= 0) {
        text = t("sla.breached");
        badge.classList.remove("tag--sla-soon");
        badge.classList.add("tag--sla-breached");
        badge.removeAttribute("data-sla-due");
      } else {
        text = left <= NOW_MS ? t("sla.overdue") : t("sla.due", { time: short(left) });
        badge.classList.toggle("tag--sla-soon", left < SOON_MS);
      }
      if (badge.textContent !== text) badge.textContent = text;
    }
  }

  document.addEventListener("DOMContentLoaded", () => refresh());
  document.addEventListener("htmx:after:settle", (e) => refresh(e.target instanceof Element ? e.target : undefined));
  setInterval(() => {
    if (document.visibilityState !== "hidden") refresh();
  }, 30_000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
})();
