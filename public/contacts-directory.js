// The contact directory's small helpers: picking another survivor on the merge
// preview reloads it (the radio is in a plain GET form that also works without this).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.matches("[data-autosubmit]") && target.form) target.form.requestSubmit();
});

// Uploads with a progress bar: forms marked data-progress send through XHR (upload
// progress events), then show the answer as a normal navigation would.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-progress")) return;
  const bar = form.querySelector("progress");
  if (!bar || typeof XMLHttpRequest === "undefined") return;
  event.preventDefault();
  bar.hidden = false;
  bar.value = 0;
  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action);
  xhr.upload.addEventListener("progress", (e) => {
    if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
  });
  xhr.addEventListener("load", () => {
    bar.value = 100;
    if (xhr.responseURL && xhr.responseURL !== form.action) {
      window.location.assign(xhr.responseURL);
      return;
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  });
  xhr.addEventListener("error", () => form.submit());
  xhr.send(new FormData(form));
});
