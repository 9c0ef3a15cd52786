/* The home page's primary action (issue 16): "Start with <first block>" in the
 * markup; once anything is saved, "Continue: <block>" (the first block in series
 * order whose checklist is not complete, else the first with questions left)
 * and progress in words. It reads the series' block cards after checklist.js
 * has marked the complete ones; the action keeps its size (no layout shift). */
(function () {
  "use strict";
  var store = window.ggStore;
  var t = window.ggI18n.t;

  function update() {
    var hero = document.querySelector("[data-gg-hero]");
    var action = hero && hero.querySelector(".gg-hero__action");
    if (!action) return;
    var status = hero.querySelector(".gg-hero__status");
    var data = store.read();
    var start = (action.gg = action.gg || [action.textContent, action.getAttribute("href"), status.textContent]);
    var cards = [].slice.call(document.querySelectorAll(".gg-series .gg-card"));
    var open = cards.filter(function (card) {
      return !card.querySelector(".gg-progress--complete");
    });
    var quiz = cards.filter(function (card) {
      var score = card.querySelector("[data-gg-questions]");
      return score && score.getAttribute("data-gg-questions").split(" ").some(function (pair) {
        var entry = data.quiz[pair.slice(0, pair.lastIndexOf(":"))];
        return !entry || pair.slice(pair.lastIndexOf(":") + 1) !== entry.h;
      });
    });
    var next = open[0] || quiz[0];
    var link = next && next.querySelector("a");
    var saved = Object.keys(data.checklist).length + Object.keys(data.quiz).length;
    var shown = !saved ? start
      : next ? [t("js.home.continue", { title: link.textContent.trim() }),
        link.getAttribute("href") + (open[0] ? "" : "#check-your-understanding"),
        t("js.home.progress", { done: cards.length - open.length }, cards.length)]
      : [t("js.home.review"), hero.getAttribute("data-gg-checklists"), t("js.home.all_done")];
    action.textContent = shown[0];
    action.setAttribute("href", shown[1]);
    status.textContent = shown[2];
  }

  if (!store) return;
  store.onChange(update); // after checklist.js's own listener: ticks in another tab
  window.ggOnPage(update); // after checklist.js marked the complete cards
})();
