/* The home page's primary action (issues 16, 30): "Start with <first block>" in the
 * markup; once anything is saved, "Continue: <block>" (the first block in series
 * order whose checklist is not complete, else the first with questions left),
 * taking the reader to their place in it: its next unticked item, else its next
 * unanswered question. Progress in words that match what they count: items
 * ticked, questions answered, blocks started and done. It reads the series'
 * block cards (data-gg-items, data-gg-questions) and ggStore; the action keeps
 * its size (no layout shift). */
(function () {
  "use strict";
  var store = window.ggStore;
  var t = window.ggI18n.t;

  // "block/id:hash" pairs of an attribute, as [{key, id, hash}].
  function pairs(element, name) {
    var value = element && element.getAttribute(name);
    return !value ? [] : value.split(" ").map(function (pair) {
      var at = pair.lastIndexOf(":");
      var key = pair.slice(0, at);
      return { key: key, id: key.slice(key.indexOf("/") + 1), hash: pair.slice(at + 1) };
    });
  }

  function update() {
    var hero = document.querySelector("[data-gg-hero]");
    var action = hero && hero.querySelector(".gg-hero__action");
    if (!action) return;
    var status = hero.querySelector(".gg-hero__status");
    var data = store.read();
    var start = (action.gg = action.gg || [action.textContent, action.getAttribute("href"), status.textContent]);
    var ticked = 0;
    var answered = 0;
    var started = 0;
    var done = 0;
    var firstOpen = null; // the first block whose checklist is not complete, at its next unticked item
    var firstQuiz = null; // else the first with questions left, at its next unanswered question
    var cards = [].slice.call(document.querySelectorAll(".gg-series .gg-card"));
    cards.forEach(function (card) {
      var items = pairs(card.querySelector("[data-gg-items]"), "data-gg-items");
      var questions = pairs(card.querySelector("[data-gg-questions]"), "data-gg-questions");
      var open = items.filter(function (item) {
        var tick = data.checklist[item.key];
        return !(tick && tick.h === item.hash);
      });
      var unanswered = questions.filter(function (question) {
        var answer = data.quiz[question.key];
        return !(answer && answer.h === question.hash);
      });
      var ticks = items.length - open.length;
      var answers = questions.length - unanswered.length;
      ticked += ticks;
      answered += answers;
      if (ticks || answers) started += 1;
      if (items.length && !open.length) done += 1;
      var link = card.querySelector(".gg-card__title a");
      if (!link) return;
      if (open.length && !firstOpen) firstOpen = { link: link, place: "#item-" + open[0].id };
      if (unanswered.length && !firstQuiz) {
        firstQuiz = { link: link, place: "#gg-q-" + unanswered[0].key.replace("/", "--") };
      }
    });
    var next = firstOpen || firstQuiz;
    var shown = !(ticked + answered) ? start
      : next ? [t("js.home.continue", { title: next.link.textContent.trim() }),
        next.link.getAttribute("href") + next.place,
        t("js.home.did", {
          items: t("js.transfer.items", {}, ticked),
          answers: t("js.transfer.answers", {}, answered),
        }) + " " + t("js.home.blocks", { started: started, done: done }, cards.length)]
      : [t("js.home.review"), hero.getAttribute("data-gg-checklists"), t("js.home.all_done")];
    action.textContent = shown[0];
    action.setAttribute("href", shown[1]);
    status.textContent = shown[2];
  }

  if (!store) return;
  store.onChange(update); // ticks in another tab
  window.ggOnPage(update);
})();
