/* The home page's primary action (issue 16): "Start with <first block>" in the
 * markup; for a returning reader "Continue: <block>", the first block in series
 * order whose checklist is not complete (else the first with unanswered
 * questions), and progress in words. It reads the block cards of the series
 * (their items and questions with fingerprints) and the shared ggStore. The
 * action and status keep their size (guide.css), so the switch shifts nothing. */
(function () {
  "use strict";
  var store = window.ggStore;
  var i18n = window.ggI18n;
  if (!store || !i18n) return;

  // How many of "key:fingerprint key:fingerprint..." are saved for their current text.
  function saved(section, element, attribute) {
    var entries = store.read()[section];
    var pairs = element ? element.getAttribute(attribute).split(/\s+/).filter(Boolean) : [];
    var count = pairs.filter(function (pair) {
      var at = pair.lastIndexOf(":");
      var entry = entries[pair.slice(0, at)];
      return entry && entry.h === pair.slice(at + 1);
    }).length;
    return [count, pairs.length];
  }

  function update() {
    var hero = document.querySelector("[data-gg-hero]");
    var action = hero && hero.querySelector(".gg-hero__action");
    if (!action) return;
    var status = hero.querySelector(".gg-hero__status");
    if (!action.ggStart) action.ggStart = [action.textContent, action.getAttribute("href"), status.textContent];
    var blocks = Array.prototype.map.call(document.querySelectorAll(".gg-series .gg-card"), function (card) {
      var link = card.querySelector(".gg-card__title a");
      return { link: link, ticks: saved("checklist", card.querySelector("[data-gg-items]"), "data-gg-items"),
        answers: saved("quiz", card.querySelector("[data-gg-questions]"), "data-gg-questions") };
    });
    var returning = blocks.some(function (b) { return b.ticks[0] || b.answers[0]; });
    var start = action.ggStart;
    var text = start[0], href = start[1], words = start[2];
    if (returning) {
      var next = blocks.filter(function (b) { return b.ticks[0] < b.ticks[1]; })[0];
      var quiz = blocks.filter(function (b) { return b.answers[0] < b.answers[1]; })[0];
      var done = blocks.length - blocks.filter(function (b) { return b.ticks[0] < b.ticks[1]; }).length;
      if (next || quiz) {
        text = i18n.t("js.home.continue", { title: (next || quiz).link.textContent.trim() });
        href = (next || quiz).link.getAttribute("href") + (next ? "" : "#check-your-understanding");
        words = i18n.t("js.home.progress", { done: done }, blocks.length);
      } else {
        text = i18n.t("js.home.review");
        href = hero.getAttribute("data-gg-checklists");
        words = i18n.t("js.home.all_done");
      }
    }
    action.textContent = text;
    action.setAttribute("href", href);
    status.textContent = words;
  }

  store.onChange(update); // ticks in another tab
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(update);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();
