/* Quizzes: checking, saved answers, scores. The markup works alone ("Show
 * answer" is a <details>). Results go to each question's polite live region;
 * focus stays put. Saved as ggStore quiz["block/question"] = {h, a, ok, t}.
 * Feedback is cloned from the rendered answer key, never built from strings. */
(function () {
  "use strict";
  var i18n = window.ggI18n; // the page's words (store.js)

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function numbers(text) {
    return (text || "").split(/\s+/).filter(Boolean).map(Number);
  }

  function store(method, key, value) {
    try {
      return window.ggStore && window.ggStore[method]("quiz", key, value);
    } catch (error) {
      return undefined; // storage trouble never stops the quiz itself
    }
  }

  function inputs(form) {
    return all(form, ".gg-question__choices input");
  }

  function part(form, selector) {
    return form.querySelector(".gg-question__" + selector);
  }

  /* A saved answer for this version of the question, with choices in range. */
  function usable(entry, form) {
    var boxes = inputs(form);
    var a = entry && entry.a;
    return (
      entry.h === form.getAttribute("data-gg-hash") && Array.isArray(a) && a.length > 0 &&
      (a.length === 1 || boxes[0].type === "checkbox") &&
      a.every(function (i, n) {
        return i === Math.floor(i) && i >= 0 && i < boxes.length && a.indexOf(i) === n;
      })
    );
  }

  function el(tag, className, parts) {
    var node = document.createElement(tag);
    node.className = className;
    (parts || []).forEach(function (p) {
      node.appendChild(typeof p === "string" ? document.createTextNode(p) : p);
    });
    return node;
  }

  /* A copy of rendered markup, without ids that would clash. */
  function copy(node) {
    var clone = node.cloneNode(true);
    if (clone.nodeType !== 1) return clone;
    clone.removeAttribute("id");
    all(clone, "[id]").forEach(function (child) { child.removeAttribute("id"); });
    return clone;
  }

  function quoted(form, index) {
    var label = form.querySelector('[data-gg-choice="' + index + '"] label');
    var choice = document.createDocumentFragment();
    Array.prototype.forEach.call(label.childNodes, function (node) { choice.appendChild(copy(node)); });
    return el("span", "gg-result__choice", i18n.parts("js.quiz.quoted", { choice: choice }));
  }

  /* A catalog sentence with nodes in it, without a full stop right after a
   * quoted choice that ends a sentence itself ("You chose “Wait?”"). */
  function sentence(className, key, values) {
    return el("p", className, i18n.parts(key, values).map(function (piece, n, pieces) {
      var ends = n && pieces[n - 1].nodeType && /[.?!…؟]\W*$/.test(pieces[n - 1].textContent);
      return ends && !piece.nodeType ? piece.replace(/^\./, "") : piece;
    }));
  }

  /* Verdict, the chosen choices' feedback, what was missed, the explanation
   * and, when wrong, the review link. */
  function feedback(form, answer, correct, ok) {
    var key = part(form, "answer");
    var mark = el("span", "gg-mark", [ok ? "✓" : "✗"]);
    mark.setAttribute("aria-hidden", "true");
    var parts = [el("p", "gg-result__verdict", [mark, " " + i18n.t(ok ? "js.quiz.right" : "js.quiz.wrong")])];
    answer.forEach(function (index) {
      var note = key.querySelector('[data-gg-feedback="' + index + '"]');
      parts.push(note
        ? sentence("gg-result__feedback", "js.quiz.you_chose_feedback", { choice: quoted(form, index), feedback: copy(note) })
        : sentence("gg-result__feedback", "js.quiz.you_chose", { choice: quoted(form, index) }));
    });
    var missed = correct.filter(function (i) { return answer.indexOf(i) === -1; });
    if (correct.length > 1 && missed.length) {
      var choices = document.createDocumentFragment();
      i18n.list(missed.map(function (index) { return quoted(form, index); })).forEach(function (piece) {
        choices.appendChild(typeof piece === "string" ? document.createTextNode(piece) : piece);
      });
      parts.push(sentence("gg-result__missed", "js.quiz.you_missed", { choices: choices }));
    }
    var explanation = key.querySelector(".gg-question__explanation");
    var review = key.querySelector(".gg-question__review");
    if (explanation) parts.push(copy(explanation));
    if (review && !ok) parts.push(copy(review));
    return parts;
  }

  function clear(form) {
    window.clearTimeout(form.ggTimer); // a result still waiting to be shown is stale
    all(form, ".gg-choice__mark").forEach(function (mark) { mark.remove(); });
    all(form, ".gg-choice").forEach(function (item) { item.className = "gg-choice"; });
    var result = part(form, "result");
    result.textContent = "";
    result.className = "gg-question__result";
    part(form, "retry").hidden = true;
    part(form, "check").disabled = false;
    part(form, "answer").hidden = false;
    delete form.dataset.ggChecked;
  }

  /* Show the result of an answer; `delay` lets a screen reader notice a verdict repeated. */
  function show(form, answer, delay) {
    var correct = numbers(form.getAttribute("data-gg-correct"));
    var ok = answer.length === correct.length && answer.every(function (i) { return correct.indexOf(i) !== -1; });
    var result = part(form, "result");
    clear(form);
    all(form, ".gg-choice").forEach(function (item) {
      var index = Number(item.getAttribute("data-gg-choice"));
      var picked = answer.indexOf(index) !== -1;
      var right = correct.indexOf(index) !== -1;
      var single = correct.length === 1;
      // After a wrong pick the right choice is marked too ("missed" when several were right).
      var text = picked ? i18n.t(right ? "js.quiz.choice_right" : "js.quiz.choice_wrong")
        : right ? i18n.t(single ? "js.quiz.choice_answer" : "js.quiz.choice_missed") : "";
      if (!text) return;
      item.className = "gg-choice gg-choice--" + (right && (picked || single) ? "right" : "wrong");
      item.appendChild(el("span", "gg-choice__mark", [text]));
    });
    form.dataset.ggChecked = "";
    // The result holds the key, the feedback and the explanation: "Show answer" is gone until "Try again" (issue 30).
    var key = part(form, "answer");
    key.open = false;
    key.hidden = true;
    // "Check my answer" waits for "Try again" (or a changed answer); focus follows it.
    var button = part(form, "check");
    var focused = document.activeElement === button;
    button.disabled = true;
    part(form, "retry").hidden = false;
    if (focused) part(form, "retry").focus();
    var fill = function () {
      result.className = "gg-question__result gg-result--" + (ok ? "right" : "wrong");
      feedback(form, answer, correct, ok).forEach(function (p) { result.appendChild(p); });
    };
    if (delay) form.ggTimer = window.setTimeout(fill, delay);
    else fill();
    return ok;
  }

  function check(form) {
    var answer = inputs(form)
      .filter(function (input) { return input.checked; })
      .map(function (input) { return Number(input.value); });
    var delay = part(form, "result").textContent ? 100 : 0;
    if (!answer.length) {
      clear(form);
      part(form, "result").textContent = i18n.t("js.quiz.choose_first");
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
    inputs(form)[0].focus(); // the button just pressed disappears
  }

  /* Show the last saved answer; drop it if the question has changed since. */
  function restore(form) {
    var key = form.getAttribute("data-gg-question");
    var entry = store("get", key);
    if (!entry) return;
    if (!usable(entry, form)) return store("remove", key);
    inputs(form).forEach(function (input) {
      input.checked = entry.a.indexOf(Number(input.value)) !== -1;
    });
    // Filled in the task that put the region on the page: nothing to announce.
    show(form, entry.a, 0);
  }

  function setUp(form) {
    if (form.dataset.ggReady !== undefined) return;
    form.dataset.ggReady = "";
    part(form, "actions").hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(form);
    });
    part(form, "retry").addEventListener("click", function () { retry(form); });
    // A result describes the answer that was checked: hide it once that changes.
    form.addEventListener("change", function () {
      if (form.dataset.ggChecked !== undefined) clear(form);
    });
    restore(form);
  }

  /* "a of N answered, r right" for every score (a self-check, not a mark), counting only answers to the current questions. */
  function scores() {
    all(document, ".gg-score[data-gg-questions]").forEach(function (score) {
      var answered = 0;
      var right = 0;
      score.getAttribute("data-gg-questions").split(/\s+/).filter(Boolean).forEach(function (pair) {
        var cut = pair.lastIndexOf(":");
        var entry = store("get", pair.slice(0, cut));
        if (!entry || entry.h !== pair.slice(cut + 1)) return;
        answered += 1;
        if (entry.ok === true) right += 1;
      });
      var text = score.querySelector(".gg-score__text");
      if (!text.dataset.ggInitial) text.dataset.ggInitial = text.textContent;
      var total = Number(score.getAttribute("data-gg-total"));
      text.textContent = answered ? i18n.t("js.quiz.score", { answered: answered, total: total }, right) : text.dataset.ggInitial;
    });
  }

  function start() {
    // One question's trouble (a saved answer no check caught) never costs the others their buttons.
    all(document, "form.gg-question").forEach(function (form) {
      try {
        setUp(form);
      } catch (error) {
        if (window.console) console.warn(error);
      }
    });
    try {
      scores();
    } catch (error) {
      if (window.console) console.warn(error);
    }
  }

  // Registered once: Material's instant navigation keeps this script alive.
  if (window.ggStore) window.ggStore.onChange(scores);
  window.ggOnPage(start);
})();
