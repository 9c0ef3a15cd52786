/* Quizzes: checking, saved answers and scores.
 * The markup works without this file ("Show answer" is a <details>). Here we
 * add checking with feedback announced through each question's polite live
 * region (focus never moves on checking), answers saved through window.ggStore
 * as quiz["block/question"] = {h: hash, a: [choices], ok, t}, and scores.
 * Feedback is cloned from the server-rendered answer key, never built from
 * strings, so author text is only ever the site's escaped Markdown output. */
(function () {
  "use strict";
  var SECTION = "quiz";
  var ANNOUNCE_DELAY = 100; // ms; lets a screen reader notice a repeated verdict

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function indices(text) {
    return (text || "").split(/\s+/).filter(Boolean).map(Number);
  }

  function store(method, key, value) {
    try {
      return window.ggStore ? window.ggStore[method](SECTION, key, value) : undefined;
    } catch (error) {
      return undefined; // storage trouble never stops the quiz itself
    }
  }

  function inputs(form) {
    return all(form, ".gg-question__choices input");
  }

  function chosen(form) {
    return inputs(form)
      .filter(function (input) { return input.checked; })
      .map(function (input) { return Number(input.value); });
  }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (i) { return b.indexOf(i) !== -1; });
  }

  /* A saved answer we can trust for this question: right shape, choices in range. */
  function usable(entry, form) {
    var count = inputs(form).length;
    var single = inputs(form)[0] && inputs(form)[0].type === "radio";
    return (
      entry && entry.h === form.getAttribute("data-gg-hash") && Array.isArray(entry.a) &&
      entry.a.length > 0 && !(single && entry.a.length > 1) &&
      entry.a.every(function (i, n) {
        return i === Math.floor(i) && i >= 0 && i < count && entry.a.indexOf(i) === n;
      })
    );
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A copy of server-rendered markup, without ids that would clash. */
  function copy(node) {
    var clone = node.cloneNode(true);
    if (clone.nodeType !== 1) return clone;
    clone.removeAttribute("id");
    all(clone, "[id]").forEach(function (child) { child.removeAttribute("id"); });
    return clone;
  }

  function quoted(form, index) {
    var span = el("span", "gg-result__choice", "“");
    var label = form.querySelector('[data-gg-choice="' + index + '"] label');
    Array.prototype.forEach.call(label.childNodes, function (child) { span.appendChild(copy(child)); });
    span.appendChild(document.createTextNode("”"));
    return span;
  }

  function paragraph(className, parts) {
    var p = el("p", className);
    parts.forEach(function (part) {
      p.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return p;
  }

  function verdict(ok) {
    var mark = el("span", "gg-mark", ok ? "✓" : "✗");
    mark.setAttribute("aria-hidden", "true");
    return paragraph("gg-result__verdict", [mark, " ", ok ? "Right." : "Not quite."]);
  }

  /* Verdict, the chosen choices' feedback, what was missed, the explanation
   * and, when wrong, the review link. */
  function feedback(form, answer, ok) {
    var correct = indices(form.getAttribute("data-gg-correct"));
    var selectAll = correct.length > 1;
    var parts = [verdict(ok)];
    answer.forEach(function (index) {
      var note = form.querySelector('.gg-question__answer [data-gg-feedback="' + index + '"]');
      var said = ["You chose ", quoted(form, index)];
      if (note) said.push(": ", copy(note));
      else said.push(".");
      parts.push(paragraph("gg-result__feedback", said));
    });
    var missed = correct.filter(function (i) { return answer.indexOf(i) === -1; });
    if (selectAll && missed.length) {
      var line = ["You missed "];
      missed.forEach(function (index, n) {
        if (n) line.push(n === missed.length - 1 ? " and " : ", ");
        line.push(quoted(form, index));
      });
      line.push(".");
      parts.push(paragraph("gg-result__missed", line));
    }
    var explanation = form.querySelector(".gg-question__answer .gg-question__explanation");
    if (explanation) parts.push(copy(explanation));
    var review = form.querySelector(".gg-question__answer .gg-question__review");
    if (review && !ok) parts.push(copy(review));
    return parts;
  }

  function markChoices(form, answer) {
    var correct = indices(form.getAttribute("data-gg-correct"));
    all(form, ".gg-choice").forEach(function (item) {
      var index = Number(item.getAttribute("data-gg-choice"));
      var picked = answer.indexOf(index) !== -1;
      var right = correct.indexOf(index) !== -1;
      var text = picked ? (right ? "✓ right" : "✗ not right") : right && correct.length > 1 ? "missed" : "";
      if (!text) return;
      item.classList.add(picked === right ? "gg-choice--right" : "gg-choice--wrong");
      item.appendChild(el("span", "gg-choice__mark", text));
    });
  }

  function clear(form) {
    all(form, ".gg-choice__mark").forEach(function (mark) { mark.remove(); });
    all(form, ".gg-choice").forEach(function (item) {
      item.classList.remove("gg-choice--right", "gg-choice--wrong");
    });
    var result = form.querySelector(".gg-question__result");
    result.textContent = "";
    result.className = "gg-question__result";
    form.querySelector(".gg-question__retry").hidden = true;
    delete form.dataset.ggChecked;
  }

  function show(form, answer, delay) {
    var correct = indices(form.getAttribute("data-gg-correct"));
    var ok = sameSet(answer, correct);
    var result = form.querySelector(".gg-question__result");
    clear(form);
    markChoices(form, answer);
    form.dataset.ggChecked = "";
    form.querySelector(".gg-question__retry").hidden = false;
    var fill = function () {
      result.className = "gg-question__result " + (ok ? "gg-result--right" : "gg-result--wrong");
      feedback(form, answer, ok).forEach(function (part) { result.appendChild(part); });
    };
    if (delay) window.setTimeout(fill, delay);
    else fill();
    return ok;
  }

  function check(form) {
    var answer = chosen(form);
    var result = form.querySelector(".gg-question__result");
    var delay = result.textContent ? ANNOUNCE_DELAY : 0;
    if (!answer.length) {
      clear(form);
      result.className = "gg-question__result gg-result--empty";
      result.textContent = "Choose an answer first.";
      return;
    }
    var ok = show(form, answer, delay);
    store("set", form.getAttribute("data-gg-question"), {
      h: form.getAttribute("data-gg-hash"), a: answer, ok: ok, t: Date.now()
    });
  }

  function retry(form) {
    clear(form);
    inputs(form).forEach(function (input) { input.checked = false; });
    store("remove", form.getAttribute("data-gg-question"));
    // The button just pressed disappears: keep the reader in this question.
    inputs(form)[0].focus();
  }

  /* Show the last saved answer; drop it if the question has changed since. */
  function restore(form) {
    var key = form.getAttribute("data-gg-question");
    var entry = store("get", key);
    if (!entry) return;
    if (!usable(entry, form)) {
      store("remove", key);
      return;
    }
    inputs(form).forEach(function (input) {
      input.checked = entry.a.indexOf(Number(input.value)) !== -1;
    });
    // Filled in the same task that put the region on the page, so there is
    // no change for a screen reader to announce on page load.
    show(form, entry.a, 0);
  }

  function setUp(form) {
    if (form.dataset.ggReady !== undefined) return;
    form.dataset.ggReady = "";
    form.querySelector(".gg-question__actions").hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(form);
    });
    form.querySelector(".gg-question__retry").addEventListener("click", function () {
      retry(form);
    });
    // A result describes the answer that was checked: hide it once that changes.
    form.addEventListener("change", function () {
      if (form.dataset.ggChecked !== undefined) clear(form);
    });
    restore(form);
  }

  function scores() {
    all(document, ".gg-score[data-gg-questions]").forEach(function (score) {
      var keys = score.getAttribute("data-gg-questions").split(/\s+/).filter(Boolean);
      var answered = 0;
      var right = 0;
      keys.forEach(function (pair) {
        var cut = pair.lastIndexOf(":");
        var entry = store("get", pair.slice(0, cut));
        if (!entry || entry.h !== pair.slice(cut + 1)) return;
        answered += 1;
        if (entry.ok === true) right += 1;
      });
      var text = score.querySelector(".gg-score__text");
      if (!text.dataset.ggInitial) text.dataset.ggInitial = text.textContent;
      var total = score.getAttribute("data-gg-total");
      var prefix = score.getAttribute("data-gg-score") === "*" ? "Your score: " : "Quiz: ";
      text.textContent = answered ? prefix + right + " of " + total + " right" : text.dataset.ggInitial;
    });
  }

  function start() {
    all(document, "form.gg-question").forEach(setUp);
    scores();
  }

  // Registered once: Material's instant navigation keeps this script alive.
  if (window.ggStore) window.ggStore.onChange(scores);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
