// linedesk: the live-update helpers the inbox scripts share (window.linedeskLive):
// a WebSocket that reconnects with exponential backoff and pings to stay alive,
// and turning a frame's server-rendered HTML into an element htmx knows about.
(() => {
  "use strict";
  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  /**
   * Lets htmx wire the element's hx-* attributes. htmx 4 ignores elements that are not
   * in the document (htmx.process returns at once), and callers insert the element right
   * after this returns: so a detached element is processed in a microtask, once inserted.
   * (Unprocessed, a list row's link was a plain link and opening it reloaded the page.)
   */
  function activate(el) {
    if (!el || !window.htmx) return el;
    if (el.isConnected) window.htmx.process(el);
    else queueMicrotask(() => el.isConnected && window.htmx.process(el));
    return el;
  }

  /** A WebSocket that reconnects with exponential backoff and pings to stay alive. */
  function liveSocket(name, urlFn, onFrame, onState) {
    let ws = null;
    let attempt = 0;
    let timer = null;
    let ping = null;
    let stopped = false;
    function connect() {
      if (stopped) return;
      ws = new WebSocket(urlFn());
      ws.onopen = () => {
        attempt = 0;
        onState("online");
        ping = setInterval(() => ws && ws.readyState === 1 && ws.send("ping"), 25000);
      };
      ws.onmessage = (evt) => {
        if (evt.data === "pong") return;
        try {
          onFrame(JSON.parse(evt.data));
        } catch (error) {
          console.warn(`${name}: bad frame`, error);
        }
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (stopped) return;
        onState("offline");
        const delay = Math.min(30000, 1000 * 2 ** attempt++) * (0.75 + Math.random() / 2);
        timer = setTimeout(connect, delay);
      };
    }
    window.addEventListener("online", () => {
      if (ws && ws.readyState === 3) {
        clearTimeout(timer);
        attempt = 0;
        connect();
      }
    });
    connect();
    return {
      send(data) {
        if (ws && ws.readyState === 1) ws.send(data);
      },
      stop() {
        stopped = true;
        clearTimeout(timer);
        clearInterval(ping);
        if (ws) ws.close(1000, "done");
      },
    };
  }

  window.linedeskLive = { liveSocket, fragment, activate };
})();
