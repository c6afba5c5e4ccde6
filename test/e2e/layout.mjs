// Layout checks for browser tests: nothing may overflow the viewport. Measures the
// boxes of visible elements, not only the document's width, because a container
// with hidden overflow can clip controls while the page width still matches.
// Elements inside a container that scrolls sideways on purpose (a tab row) are
// reachable by scrolling, so only the container itself must fit.
import assert from "node:assert/strict";

/** The visible elements that reach outside the viewport, described for an assertion message. */
export async function overflowingElements(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if ((style.overflowX === "auto" || style.overflowX === "scroll") && p.scrollWidth > p.clientWidth) return true;
      }
      return false;
    };
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join(".")}` : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ""}`;
    };
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`document is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    for (const el of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || el.closest("[hidden], dialog:not([open]), template")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Skip screen-reader-only boxes (1px, clipped on purpose).
      if (rect.width <= 1 && rect.height <= 1) continue;
      if ((rect.right > width + 1 || rect.left < -1) && !scrollsSideways(el)) out.push(`${describe(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)}px`);
      if (out.length >= 12) break;
    }
    return out;
  });
}

/** Fails with the offending elements when anything visible leaves the viewport. */
export async function assertFits(page, label) {
  const offenders = await overflowingElements(page);
  assert.deepEqual(offenders, [], `${label}: nothing may overflow the viewport\n${offenders.join("\n")}`);
}
