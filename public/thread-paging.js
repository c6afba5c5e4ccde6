// The thread pages older messages as the agent scrolls up: when the "Load older"
// link (a keyset link, ?before=<seq>, see src/inbox/views/thread.tsx) comes within
// a screen of the top, it is followed once, and the messages already on screen stay
// where they were while the older page lands above them. Without JavaScript the
// link still works by clicking.
(() => {
  const NEAR_TOP_PX = 400;
  let keep = null; // { box, fromBottom } while an older page is on its way

  function olderLink(box) {
    return box.querySelector(":scope > .thread-older a");
  }

  function maybeLoad(box) {
    if (keep || !box.dataset.scrolled || box.scrollTop > NEAR_TOP_PX) return;
    const link = olderLink(box);
    if (!link || link.dataset.loading) return;
    // A thread just swapped in is scrolled (inbox.js) before htmx has wired its links:
    // clicked now, the link would load a whole page. htmx:after:swap below asks again.
    if (window.htmx && !link.hasAttribute("data-htmx-powered")) return;
    link.dataset.loading = "1";
    keep = { box, fromBottom: box.scrollHeight - box.scrollTop };
    link.click();
  }

  document.addEventListener(
    "scroll",
    (evt) => {
      const box = evt.target;
      if (box instanceof HTMLElement && box.id === "thread-messages") maybeLoad(box);
    },
    true,
  );

  document.addEventListener("htmx:after:swap", () => {
    if (!keep) {
      // A thread opened near its top (a search hit, a short page): start paging now that the link works.
      const box = document.getElementById("thread-messages");
      if (box) requestAnimationFrame(() => maybeLoad(box));
      return;
    }
    const { box, fromBottom } = keep;
    keep = null;
    if (!box.isConnected) return;
    box.scrollTop = box.scrollHeight - fromBottom;
    // A short page may leave the link in view: keep going until the screen is full.
    requestAnimationFrame(() => maybeLoad(box));
  });
  // A failed request must not leave paging stuck.
  document.addEventListener("htmx:error", () => {
    keep = null;
  });
})();
