// /setup: preselect the browser's time zone while the form still shows the default.
(() => {
  const select = document.querySelector("select[data-default-zone]");
  if (!select || select.value !== "UTC") return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((o) => o.value === zone)) select.value = zone;
})();
