// The contact directory's small helpers: picking another survivor on the merge
// preview reloads it (the radio is in a plain GET form that also works without this).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.matches("[data-autosubmit]") && target.form) target.form.requestSubmit();
});
