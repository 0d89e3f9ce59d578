// Moves each section's comments and form from the list after the report to beside the section itself,
// just after its heading. Without JavaScript they stay in the list, each naming its section.
(function () {
  document.querySelectorAll(".accuracy-section[data-section]").forEach(function (block) {
    var section = document.getElementById(block.dataset.section);
    if (!section) return;
    var heading = section.querySelector("h2, h3");
    block.classList.add("beside-section");
    (heading || section.firstElementChild || section).insertAdjacentElement(heading ? "afterend" : "afterbegin", block);
  });
  var list = document.querySelector(".accuracy-comments");
  if (list && !list.querySelector(".accuracy-section")) list.hidden = true;
})();
