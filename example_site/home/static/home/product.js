// Switching the demo visitor reloads the page with ?visitor=HOST_ID.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
