// linedesk inbox: browser notifications and an optional sound for new messages in
// Mine and Unassigned (inbox.js decides which), and the list's toggle for them.
// window.linedeskNotify(title, body, conversationId) shows one.
(() => {
  "use strict";
  const prefs = {
    get sound() { return localStorage.getItem("linedesk.sound") === "on"; },
    set sound(on) { localStorage.setItem("linedesk.sound", on ? "on" : "off"); },
  };

  function beep() {
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.35);
    } catch {
      // no audio available
    }
  }

  function notify(title, body, conversationId) {
    if (prefs.sound) beep();
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    const n = new Notification(title, { body, tag: conversationId || "linedesk", icon: "/icons/logo.svg" });
    n.onclick = () => {
      window.focus();
      if (conversationId) location.href = `/inbox/c/${conversationId}`;
    };
  }

  document.addEventListener("click", (evt) => {
    const button = evt.target instanceof Element ? evt.target.closest("[data-notify-toggle]") : null;
    if (!button) return;
    if ("Notification" in window && Notification.permission === "default") Notification.requestPermission();
    prefs.sound = !prefs.sound;
    button.setAttribute("aria-pressed", String(prefs.sound));
  });
  document.querySelectorAll("[data-notify-toggle]").forEach((b) => b.setAttribute("aria-pressed", String(prefs.sound)));

  window.linedeskNotify = notify;
})();
