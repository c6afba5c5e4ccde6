// The offline page (/offline.html, shown by the service worker when a page
// cannot load): reload as soon as the connection is back, or on "Try again".
(function () {
  "use strict";
  function retry() {
    location.reload();
  }
  window.addEventListener("online", retry);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("offline-retry");
    if (button) button.addEventListener("click", retry);
  });
})();
