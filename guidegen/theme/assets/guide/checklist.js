/* Checklists: saved ticks, progress in words, reset with undo, export/import.
 * Ticks live in ggStore under checklist["<block>/<item>"] = {h: fingerprint, t: time};
 * a tick whose fingerprint no longer matches the item's text is dropped.
 * Handlers are delegated from the document, so they are bound once and keep
 * working across Material's instant navigation; document$ re-renders each page. */
(function () {
  "use strict";
  var store = window.ggStore;
  if (!store) return; // the boxes still tick natively, unsaved
  var SECTION = "checklist";
  var t = window.ggI18n.t; // the page's words (store.js)
  var BLOCKED = t("js.checklist.blocked");
  var undo = {}; // block id -> the ticks its last reset removed
  // A progress file is a few kilobytes (some hundreds for a guide of 500 blocks, all done);
  // 5 MB is what browsers let one site keep in localStorage, so a bigger file cannot be one.
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  // Saved ticks (ggStore hands out only entries that passed its schema).
  function ticks() {
    return store.read()[SECTION];
  }

  // Every item this page knows, as {key: fingerprint}, from boxes and progress counts.
  function known() {
    var items = {};
    all("input[data-gg-item]").forEach(function (box) {
      items[box.getAttribute("data-gg-item")] = box.getAttribute("data-gg-hash");
    });
    all("[data-gg-items]").forEach(function (element) {
      element.getAttribute("data-gg-items").split(" ").forEach(function (pair) {
        var at = pair.lastIndexOf(":");
        if (at > 0) items[pair.slice(0, at)] = pair.slice(at + 1);
      });
    });
    return items;
  }

  // Drop ticks of items whose text changed since they were ticked.
  function prune() {
    var items = known();
    var data = store.read();
    var stale = Object.keys(data[SECTION]).filter(function (key) {
      return key in items && (data[SECTION][key] || {}).h !== items[key];
    });
    if (!stale.length) return;
    stale.forEach(function (key) {
      delete data[SECTION][key];
    });
    store.write(data);
  }

  // The guide-wide count (data-gg-progress="*") names what it counts: items ticked, not blocks (issue 30).
  function show(element, done, total, overall) {
    var text = element.querySelector(".gg-progress__text");
    var bar = element.querySelector(".gg-progress__bar");
    if (text) {
      text.textContent = overall ? t("js.checklist.progress_all", { done: done }, total)
        : t("js.checklist.progress", { done: done, total: total });
    }
    if (bar) {
      bar.hidden = false;
      bar.style.setProperty("--gg-done", total ? done / total : 0);
    }
    element.classList.toggle("gg-progress--complete", total > 0 && done === total);
  }

  function render() {
    var saved = ticks();
    var items = known();
    all("input[data-gg-item]").forEach(function (box) {
      var tick = saved[box.getAttribute("data-gg-item")];
      box.checked = !!tick && tick.h === box.getAttribute("data-gg-hash");
    });
    var allDone = 0;
    var allTotal = 0;
    Object.keys(items).forEach(function (key) {
      allTotal += 1;
      if (saved[key] && saved[key].h === items[key]) allDone += 1;
    });
    all("[data-gg-progress]").forEach(function (element) {
      var block = element.getAttribute("data-gg-progress");
      if (block === "*") return show(element, allDone, allTotal, true);
      var keys = Object.keys(items).filter(function (key) {
        return key.indexOf(block + "/") === 0;
      });
      show(element, keys.filter(function (key) {
        return saved[key] && saved[key].h === items[key];
      }).length, keys.length);
    });
    // Reset only when there is something to reset.
    all("[data-gg-reset]").forEach(function (button) {
      var block = button.getAttribute("data-gg-reset") + "/";
      button.disabled = !Object.keys(saved).some(function (key) {
        return key.indexOf(block) === 0 && saved[key].h === items[key];
      });
    });
  }

  function say(near, message) {
    var scope = near.closest(".gg-checklist, .gg-transfer") || document;
    var status = scope.querySelector(".gg-checklist__status, .gg-transfer__status");
    if (status) status.textContent = message;
  }

  function toggle(box) {
    var key = box.getAttribute("data-gg-item");
    var saved = box.checked
      ? store.set(SECTION, key, { h: box.getAttribute("data-gg-hash"), t: Date.now() })
      : store.remove(SECTION, key);
    if (saved === false) say(box, BLOCKED);
  }

  function undoButton(block) {
    return document.querySelector('[data-gg-undo="' + block + '"]');
  }

  function reset(button) {
    var block = button.getAttribute("data-gg-reset");
    var data = store.read();
    var removed = {};
    Object.keys(data[SECTION]).forEach(function (key) {
      if (key.indexOf(block + "/") !== 0) return;
      removed[key] = data[SECTION][key];
      delete data[SECTION][key];
    });
    var count = Object.keys(removed).length;
    if (!count) return;
    undo[block] = removed;
    store.write(data);
    var again = undoButton(block);
    if (again) {
      again.hidden = false;
      again.focus(); // the reset button is disabled now
    }
    say(button, t("js.checklist.reset_done", {}, count));
  }

  function restore(button) {
    var block = button.getAttribute("data-gg-undo");
    var removed = undo[block] || {};
    var data = store.read();
    Object.keys(removed).forEach(function (key) {
      data[SECTION][key] = removed[key];
    });
    delete undo[block];
    store.write(data);
    button.hidden = true;
    var resetButton = document.querySelector('[data-gg-reset="' + block + '"]');
    if (resetButton) resetButton.focus(); // the focused button just disappeared
    say(resetButton || document.body, t("js.checklist.undo_done", {}, Object.keys(removed).length));
  }

  function exportProgress(button) {
    var data = store.read();
    var site = store.key.slice(3, store.key.lastIndexOf(":")).replace(/[^\w.-]+/g, "-");
    var name = t("js.transfer.file_name", { site: site, date: new Date().toISOString().slice(0, 10) }) + ".json";
    var file = { version: data.version, guide: store.key, checklist: data.checklist, quiz: data.quiz };
    var url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
    say(button, t("js.transfer.saved", counts(data, name)));
  }

  // The words for how many ticks and quiz answers a record holds.
  function counts(record, name) {
    return {
      items: t("js.transfer.items", {}, Object.keys(record[SECTION]).length),
      answers: t("js.transfer.answers", {}, Object.keys(record.quiz).length),
      file: name,
    };
  }

  function importText(input, name, text) {
    var parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return say(input, t("js.transfer.not_json", { file: name }));
    }
    var checked = store.validate(parsed);
    // Every file this guide has ever saved names its guide: one without a name is not
    // from here (taking it would let any guide's progress in by leaving the name out).
    if (!checked.usable || typeof parsed.guide !== "string") {
      return say(input, t("js.transfer.not_ours", { file: name }));
    }
    if (parsed.guide !== store.key) return say(input, t("js.transfer.other_guide", { file: name }));
    var incoming = checked.record;
    var data = store.read();
    [SECTION, "quiz"].forEach(function (section) {
      Object.keys(incoming[section]).forEach(function (key) {
        data[section][key] = incoming[section][key];
      });
    });
    var ok = store.write(data);
    prune();
    var message = t("js.transfer.loaded", counts(incoming, name));
    if (checked.dropped) message += " " + t("js.transfer.dropped", {}, checked.dropped);
    say(input, message + (ok ? "" : " " + BLOCKED));
  }

  function importProgress(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      input.value = "";
      return say(input, t("js.transfer.too_large", { file: file.name }));
    }
    var reader = new FileReader();
    reader.onload = function () {
      importText(input, file.name, String(reader.result));
      input.value = ""; // choosing the same file again loads it again
    };
    reader.onerror = function () {
      say(input, t("js.transfer.unreadable", { file: file.name }));
    };
    reader.readAsText(file);
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches) return;
    if (target.matches("input[data-gg-item]")) toggle(target);
    else if (target.matches("input[data-gg-import]")) importProgress(target);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gg-reset], [data-gg-undo], [data-gg-export]");
    if (!button) return;
    if (button.hasAttribute("data-gg-reset")) reset(button);
    else if (button.hasAttribute("data-gg-undo")) restore(button);
    else exportProgress(button);
  });

  function init() {
    undo = {};
    all("[data-gg-js]").forEach(function (element) {
      element.hidden = false;
    });
    prune();
    render();
    var status = document.querySelector(".gg-checklist__status");
    if (status && !store.persistent()) status.textContent = BLOCKED; // said once, not per block
  }

  store.onChange(render);
  window.ggOnPage(init);
})();
