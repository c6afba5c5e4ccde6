// On every page: registers the service worker (public/sw.js: app shell, offline
// page, push notifications), tells it the page's language for the offline page,
// and — on shared phones — turns this device's notifications off when its person
// logs out, so the next person does not see their notifications.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;

  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (registration) {
      if (registration.active && window.ldLocale) registration.active.postMessage({ type: "locale", locale: window.ldLocale });
    })
    .catch(function () {
      // No service worker (private mode, old browser): linedesk works without one.
    });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute("action") !== "/logout" || form.dataset.pushChecked) return;
    if (!("PushManager" in window)) return;
    event.preventDefault();
    form.dataset.pushChecked = "1";
    var done = function () {
      form.submit();
    };
    // Never keep someone from logging out: give up on the browser after two seconds.
    var timer = setTimeout(done, 2000);
    navigator.serviceWorker.ready
      .then(function (registration) {
        return registration.pushManager.getSubscription();
      })
      .then(function (subscription) {
        return subscription ? subscription.unsubscribe() : false;
      })
      .catch(function () {})
      .then(function () {
        clearTimeout(timer);
        done();
      });
  });
})();
