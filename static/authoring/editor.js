// The section editor's Insert buttons: each puts its reference token ({{result:C01}}, {{figure:KEY}})
// at the cursor in the text. Without JavaScript the buttons stay hidden and the token is shown to copy.
(() => {
  const textarea = document.querySelector("#section-form textarea[name='body']");
  if (!textarea) {
    return;
  }
  const insert = (token, block) => {
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    const before = textarea.value.slice(0, start);
    const after = textarea.value.slice(end);
    let text = token;
    if (block) {
      // A figure is placed by a line of its own, with a blank line either side.
      text = `${before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : ""}${token}\n\n`;
    }
    textarea.value = before + text + after;
    const cursor = start + text.length;
    textarea.focus();
    textarea.setSelectionRange(cursor, cursor);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  document.querySelectorAll(".insert-button[data-insert]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => insert(button.dataset.insert, button.hasAttribute("data-block")));
  });
})();
