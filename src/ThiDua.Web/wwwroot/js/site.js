// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Refuse a too-large or wrong-type file before it is uploaded, with the same message the server gives.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach((input) => {
    input.addEventListener("change", () => {
      const max = Number(input.dataset.maxBytes);
      const out = document.getElementById(input.dataset.errorTarget);
      const tooBig = [...input.files].find((f) => f.size > max);
      if (out) out.textContent = tooBig ? input.dataset.tooLarge.replace("{0}", tooBig.name) : "";
      input.setCustomValidity(tooBig ? input.dataset.tooLarge.replace("{0}", tooBig.name) : "");
    });
  });
  // Outcomes that need a reason make the comment field required.
  document.querySelectorAll("form[data-decision]").forEach((form) => {
    form.querySelectorAll("button[data-needs-comment]").forEach((button) => {
      button.addEventListener("click", (e) => {
        const comment = form.querySelector("textarea[name=Comment]");
        if (button.dataset.needsComment === "true" && comment && !comment.value.trim()) {
          e.preventDefault();
          comment.setCustomValidity(form.dataset.reasonMessage);
          comment.reportValidity();
        } else if (comment) {
          comment.setCustomValidity("");
        }
      });
    });
  });
  // Select all in the inbox.
  const all = document.getElementById("select-all");
  if (all) all.addEventListener("change", () => document.querySelectorAll("input[name=TaskIds]").forEach((c) => (c.checked = all.checked)));
  document.querySelectorAll("[data-confirm-dialog]").forEach((button) => {
    button.addEventListener("click", (e) => {
      const dialog = document.getElementById(button.dataset.confirmDialog);
      const count = document.querySelectorAll("input[name=TaskIds]:checked").length;
      e.preventDefault();
      if (count === 0) { alert(button.dataset.emptyMessage); return; }
      dialog.querySelector("[data-count]").textContent = count;
      dialog.showModal();
    });
  });
});
