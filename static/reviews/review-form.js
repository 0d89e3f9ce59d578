// Keeps the "does not apply to this file" notes of the review form in step with the file's facts as
// the reviewer edits them (the server applies the same rule, reviews/applicability.py, on submit).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-review-form]");
  if (!form || !form.querySelector('input[name="domestic_abuse"]')) {
    return; // a second review shows the facts read-only: nothing to follow
  }
  const checked = (name) => {
    const input = form.querySelector(`input[name="${name}"]:checked`);
    return input ? input.value : "";
  };
  const outcome = () => parseInt(form.querySelector('input[name="outcome_code"]').value, 10);
  const applies = (rule) => {
    switch (rule) {
      case "domestic_abuse":
        return checked("domestic_abuse") === "yes";
      case "vulnerable_victim":
        return checked("vulnerable_victim") === "yes";
      case "vulnerable_or_domestic_abuse":
        return checked("vulnerable_victim") === "yes" || checked("domestic_abuse") === "yes";
      case "evidential_difficulties":
        return [14, 15, 16].includes(outcome());
      case "victim_did_not_support":
        return [14, 16].includes(outcome());
      case "suspect_identified":
        return checked("suspect_identified") !== "no";
      default:
        return true;
    }
  };
  const refresh = () => {
    form.querySelectorAll("[data-applicability]").forEach((criterion) => {
      const doesApply = applies(criterion.dataset.applicability);
      criterion.classList.toggle("does-not-apply", !doesApply);
      criterion.querySelector(".not-applicable-note").hidden = doesApply;
    });
  };
  form.addEventListener("change", refresh);
  form.addEventListener("input", refresh);
  refresh();
});

// A criterion's "Discuss" link: with the discussion panel on the page, choose the criterion in its form
// and go to it, instead of leaving the review (the link opens the thread's own page without script).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-discuss-criterion]");
  if (!link) {
    return;
  }
  const kind = link.dataset.discussKind;
  const select = document.getElementById(`id_discussion_${kind}_criterion`);
  const body = document.getElementById(`id_discussion_${kind}_body`);
  if (!select || !body) {
    return;
  }
  event.preventDefault();
  select.value = link.dataset.discussCriterion;
  body.scrollIntoView({ block: "center" });
  body.focus();
});
