// Forms that lose nothing (docs/reliability.md):
// - the error summary at the top of a refused form takes the focus, so it is read out and seen first
//   (as the GOV.UK Design System's error summary), and its links move the focus to each field;
// - a form marked data-warn-unsaved, and every form editing something saved (it carries a version),
//   asks before the page is left with changes not yet saved;
// - a form with data-autosave-url saves a draft there every 30 seconds while it is being edited,
//   carrying the version it was loaded at, so a newer save by someone else is never overwritten.
(() => {
  const AUTOSAVE_SECONDS = 30;

  const focusErrorSummary = () => {
    const summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(link.hash.slice(1));
      if (field) {
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  };

  const watchUnsaved = (form) => {
    let dirty = false;
    const mark = () => {
      dirty = true;
      form.dataset.dirty = "true";
    };
    form.addEventListener("input", mark);
    form.addEventListener("change", mark);
    form.addEventListener("submit", () => {
      dirty = false;
    });
    form.addEventListener("saved", () => {
      dirty = form.dataset.dirty === "true";
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = ""; // the browser shows its own "leave the page?" question
      }
    });
  };

  const status = (form, text, problem) => {
    const line = form.querySelector("[data-autosave-status]");
    if (line) {
      line.textContent = text;
      line.classList.toggle("text-danger", Boolean(problem));
    }
  };

  const autosave = (form) => {
    let saving = false;
    let stopped = false;
    const save = async () => {
      if (stopped || saving || form.dataset.dirty !== "true") {
        return;
      }
      saving = true;
      form.dataset.dirty = "false";
      const data = new FormData(form);
      data.set("action", "save");
      try {
        const response = await fetch(form.dataset.autosaveUrl, {
          method: "POST",
          body: data,
          headers: { "X-Requested-With": "fetch" },
          credentials: "same-origin",
        });
        const answer = await response.json().catch(() => ({}));
        if (response.ok) {
          form.querySelector('input[name="version"]').value = answer.version;
          status(form, answer.message || "Draft saved automatically.", false);
          form.dispatchEvent(new Event("saved"));
        } else {
          form.dataset.dirty = "true";
          stopped = response.status === 409 || response.status === 403;
          status(form, answer.message || "Not saved automatically: save the draft yourself.", true);
        }
      } catch (error) {
        form.dataset.dirty = "true";
        status(form, "Not saved automatically (no connection): your answers are still in the form.", true);
      } finally {
        saving = false;
      }
    };
    window.setInterval(save, AUTOSAVE_SECONDS * 1000);
  };

  document.addEventListener("DOMContentLoaded", () => {
    focusErrorSummary();
    const editing = new Set(document.querySelectorAll("form[data-warn-unsaved]"));
    document.querySelectorAll('input[name="version"]').forEach((input) => input.form && editing.add(input.form));
    editing.forEach(watchUnsaved);
    document.querySelectorAll("form[data-autosave-url]").forEach(autosave);
  });
})();
