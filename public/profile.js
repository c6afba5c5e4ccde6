// Settings → Profile, "This device": turns Web Push on or off for this browser.
// Enabling asks for permission, subscribes with the server's VAPID public key
// (PushManager.subscribe) and posts the subscription with the session's CSRF
// token; the server answers with the refreshed devices card. The device list
// marks the row of this browser's subscription (matched by the endpoint's
// SHA-256, so the page never needs the endpoint itself).
(function () {
  "use strict";
  var T = function (key, params) {
    return window.ldT ? window.ldT(key, params) : key;
  };
  var csrf = function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  };
  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window && window.isSecureContext;

  function keyBytes(base64url) {
    var plain = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var bin = atob(plain + "===".slice((plain.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function sha256Hex(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.from(new Uint8Array(buf), function (b) {
        return b.toString(16).padStart(2, "0");
      }).join("");
    });
  }

  function el(id) {
    return document.getElementById(id);
  }

  function show(status, enabled) {
    var text = el("push-device-status");
    if (text) text.textContent = status;
    var on = el("push-enable");
    var off = el("push-disable");
    if (on) on.hidden = enabled !== false;
    if (off) off.hidden = enabled !== true;
  }

  function registration() {
    return navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  /** Marks "This device" in the list and sets the block's state from the browser's subscription. */
  function refresh() {
    var block = el("push-device");
    if (!block) return;
    if (!supported) return show(T("pwa.unsupported"), null);
    if (Notification.permission === "denied") return show(T("pwa.denied"), null);
    registration()
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (sub) {
        var rows = document.querySelectorAll(".device-row");
        if (!sub) {
          rows.forEach(function (row) {
            row.querySelector(".device-row__this").hidden = true;
          });
          return show(T("pwa.off"), false);
        }
        return sha256Hex(sub.endpoint).then(function (hash) {
          var known = false;
          rows.forEach(function (row) {
            var mine = row.getAttribute("data-endpoint-hash") === hash;
            known = known || mine;
            row.querySelector(".device-row__this").hidden = !mine;
          });
          // Subscribed in the browser but not on the list (removed elsewhere, or expired): offer to enable again.
          show(known ? T("pwa.enabled") : T("pwa.off"), known);
        });
      })
      .catch(function (error) {
        show(T("pwa.failed", { reason: (error && error.message) || String(error) }), false);
      });
  }

  /** Swaps the devices card with the server's answer (the same card htmx swaps). */
  function replaceCard(html) {
    var card = el("push-devices");
    if (!card) return;
    var wrap = document.createElement("div");
    wrap.innerHTML = html;
    var next = wrap.querySelector("#push-devices");
    if (next) {
      card.replaceWith(next);
      // The card's forms (Remove, the test button) are htmx forms: let htmx see them.
      if (window.htmx && typeof window.htmx.process === "function") window.htmx.process(next);
    }
    refresh();
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": csrf(), accept: "text/html" },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.text();
    });
  }

  function enable() {
    var block = el("push-device");
    if (!block) return;
    show(T("pwa.enabling"), null);
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") throw Object.assign(new Error("denied"), { denied: true });
        return registration();
      })
      .then(function (reg) {
        return reg.pushManager.getSubscription().then(function (existing) {
          return existing || reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(block.getAttribute("data-vapid-key")) });
        });
      })
      .then(function (sub) {
        return post(block.getAttribute("data-subscribe-url"), sub.toJSON());
      })
      .then(replaceCard)
      .catch(function (error) {
        if (error && error.denied) return show(T("pwa.denied"), null);
        show(T("pwa.failed", { reason: (error && error.message) || String(error) }), false);
      });
  }

  function disable() {
    registration()
      .then(function (reg) {
        return reg.pushManager.getSubscription();
      })
      .then(function (sub) {
        if (!sub) return null;
        return sha256Hex(sub.endpoint).then(function (hash) {
          var row = document.querySelector('.device-row[data-endpoint-hash="' + hash + '"]');
          return sub.unsubscribe().then(function () {
            if (!row) return null;
            var form = row.querySelector("form.device-row__remove");
            var data = new URLSearchParams(new FormData(form));
            return fetch(form.getAttribute("action"), {
              method: "POST",
              credentials: "same-origin",
              headers: { "content-type": "application/x-www-form-urlencoded", "hx-request": "true" },
              body: data,
            }).then(function (res) {
              return res.text();
            });
          });
        });
      })
      .then(function (html) {
        if (html) replaceCard(html);
        else refresh();
      })
      .catch(function (error) {
        show(T("pwa.failed", { reason: (error && error.message) || String(error) }), true);
      });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("#push-enable, #push-disable") : null;
    if (!target) return;
    event.preventDefault();
    if (target.id === "push-enable") enable();
    else disable();
  });
  document.addEventListener("htmx:after:swap", refresh);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
