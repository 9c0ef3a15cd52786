/* How every feature starts: fn runs for every page. Material's instant navigation
 * swaps pages without a reload and announces each on document$; guide.js runs
 * before Material's bundle (instant.js, joined first, must), so it waits for the
 * page to be parsed, when document$ exists, and subscribes then. Without
 * Material, fn runs once. */
(function () {
  "use strict";
  window.ggOnPage = function (fn) {
    function attach() {
      if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fn);
      else fn();
    }
    if (window.document$ || document.readyState !== "loading") attach();
    else document.addEventListener("DOMContentLoaded", attach);
  };
})();

/* Shared by every feature: the page's words (ggI18n, below) and storage.
 * Storage layer: one versioned, namespaced record in localStorage.
 * Corrupt, foreign or blocked storage never throws: callers get an empty
 * record and the page keeps working for this visit (in memory).
 * Every entry read or imported is checked against the record's schema (below):
 * a bad one is dropped and counted, never passed on to a feature.
 * Two tabs writing at once: every write re-reads the record first, but another
 * tab's copy can be a moment old, so its write may carry no trace of ours.
 * Each write names itself (w) and the write it was based on (b); a tab keeps
 * its own changes and, when another tab's write does not descend from the
 * write that made one of them, puts that change back once: no tick is lost,
 * and a change another tab made knowingly (an untick) stands. */
(function () {
  "use strict";
  var VERSION = 1;
  var meta = document.querySelector('meta[name="gg-store"]');
  var KEY = "gg:" + (meta ? meta.content : "guide") + ":v" + VERSION;
  // This visit's record, used once localStorage is unavailable or refused a
  // write: reading storage again would silently undo the reader's last change.
  var memory = null;
  var listeners = [];
  var parents = {}; // write id -> the write it was based on, for every write this tab saw
  var mine = {}; // "section key" -> this tab's change no later write is known to hold: {s, k, v, w, again}

  // The schema. Keys are "<block id>/<item or question id>" (slugs); h is the
  // 10-hex-digit fingerprint of the item or question; t a time in ms.
  var ENTRY_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var HASH = /^[0-9a-f]{10}$/;
  var WRITE = /^[a-z0-9]{1,16}$/;
  var SECTIONS = ["checklist", "quiz"];

  function empty() {
    return { version: VERSION, checklist: {}, quiz: {} };
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A clean copy of one entry (only the fields the schema has), or null.
  function entry(section, value) {
    if (!isRecord(value) || typeof value.h !== "string" || !HASH.test(value.h)) return null;
    var clean = { h: value.h };
    if (value.t !== undefined) {
      if (typeof value.t !== "number" || !isFinite(value.t)) return null;
      clean.t = value.t;
    }
    if (section === "checklist") return clean;
    var a = value.a;
    // Choice numbers: whole, from 0, each once (quiz.js checks them against the question).
    if (!Array.isArray(a) || !a.length || a.length > 100) return null;
    for (var n = 0; n < a.length; n += 1) {
      if (!Number.isInteger(a[n]) || a[n] < 0 || a[n] >= 100 || a.indexOf(a[n]) !== n) return null;
    }
    clean.a = a.slice();
    if (value.ok !== undefined) {
      if (typeof value.ok !== "boolean") return null;
      clean.ok = value.ok;
    }
    return clean;
  }

  // {record, dropped, usable}: usable is false for anything that is not a record of this version.
  function validate(data) {
    var result = { record: empty(), dropped: 0, usable: isRecord(data) && data.version === VERSION };
    if (!result.usable) return result;
    SECTIONS.forEach(function (section) {
      var entries = data[section];
      if (entries === undefined) return;
      if (!isRecord(entries)) return (result.dropped += 1);
      Object.keys(entries).forEach(function (key) {
        var clean = ENTRY_KEY.test(key) && entry(section, entries[key]);
        if (clean) result.record[section][key] = clean;
        else result.dropped += 1;
      });
    });
    ["w", "b"].forEach(function (name) {
      if (typeof data[name] === "string" && WRITE.test(data[name])) result.record[name] = data[name];
    });
    return result;
  }

  function parse(raw) {
    try {
      return raw ? validate(JSON.parse(raw)).record : empty();
    } catch (error) {
      return empty(); // corrupt: start afresh; the next write replaces it
    }
  }

  function storage() {
    try {
      return window.localStorage || null;
    } catch (error) {
      return null;
    }
  }

  function read() {
    if (memory) return memory;
    var store = storage();
    if (!store) return (memory = empty());
    try {
      return parse(store.getItem(KEY));
    } catch (error) {
      return empty();
    }
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function apply(data, change) {
    if (change.v === undefined) delete data[change.s][change.k];
    else data[change.s][change.k] = change.v;
  }

  // Write data (a record just read, with the changes applied), remembering the changes as this tab's.
  function write(data, changes) {
    data.b = data.w;
    data.w = Math.random().toString(36).slice(2, 12) || "0";
    parents[data.w] = data.b;
    changes.forEach(function (change) {
      change.w = data.w;
      mine[change.s + " " + change.k] = change;
    });
    try {
      storage().setItem(KEY, JSON.stringify(data));
      memory = null;
      return true;
    } catch (error) {
      memory = data;
      return false;
    }
  }

  function update(changes) {
    var data = read(); // read again just before writing: another tab may have written since
    changes = changes.filter(function (change) {
      return !same(data[change.s][change.k], change.v);
    });
    changes.forEach(function (change) {
      apply(data, change);
    });
    var ok = changes.length ? write(data, changes) : !memory;
    notify();
    return ok;
  }

  function notify() {
    listeners.forEach(function (listener) {
      try {
        listener();
      } catch (error) {
        if (window.console) console.warn(error);
      }
    });
  }

  // Another tab wrote: put back, once, each change of ours its write was not based on.
  function merge(raw) {
    if (memory || raw === null) return;
    var now = parse(raw);
    if (now.w) parents[now.w] = now.b;
    var known = {};
    for (var at = now.w; at && !known[at]; at = parents[at]) known[at] = true;
    var lost = [];
    Object.keys(mine).forEach(function (name) {
      var change = mine[name];
      if (same(now[change.s][change.k], change.v) && !known[change.w]) return; // not yet known to hold it
      delete mine[name]; // a later write holds it, or changed it knowing it
      if (!known[change.w] && !change.again) lost.push({ s: change.s, k: change.k, v: change.v, again: true });
    });
    if (lost.length) update(lost);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) merge(event.newValue);
    if (event.key === KEY || event.key === null) notify();
  });

  window.ggStore = {
    key: KEY,
    version: VERSION,
    read: read,
    // The record becomes data: each entry that differs is one change (set/remove/write
    // return false when the change is kept for this visit only).
    write: function (data) {
      var before = read();
      var clean = validate(data).record;
      var changes = [];
      SECTIONS.forEach(function (s) {
        Object.keys(Object.assign({}, before[s], clean[s])).forEach(function (k) {
          changes.push({ s: s, k: k, v: clean[s][k] });
        });
      });
      return update(changes);
    },
    get: function (section, key) {
      return read()[section][key];
    },
    // A value the schema refuses is not stored (false, like a refused write).
    set: function (section, key, value) {
      var clean = SECTIONS.indexOf(section) !== -1 && ENTRY_KEY.test(key) && entry(section, value);
      return clean ? update([{ s: section, k: key, v: clean }]) : false;
    },
    remove: function (section, key) {
      return update([{ s: section, k: key, v: undefined }]);
    },
    onChange: function (listener) {
      listeners.push(listener);
    },
    // "Forget me on this device" (privacy.js): the record is removed, this visit's copy and
    // this tab's pending changes too, and every feature shows a fresh state. Other tabs see
    // the removal as a storage event and do the same (merge() puts nothing back then).
    forget: function () {
      mine = {};
      memory = null;
      try {
        storage().removeItem(KEY);
      } catch (error) {
        memory = empty(); // blocked: nothing was kept but this visit's copy
      }
      notify();
    },
    // False once the browser refused storage: changes then last for this visit.
    persistent: function () {
      return !memory && storage() !== null;
    },
    // The record a value stands for, how many of its entries were bad, and whether it is a record at all.
    validate: validate,
  };
})();

/* The generator's words for scripts, from the page's JSON data block
 * <script type="application/json" id="gg-strings"> (written from the catalog
 * in guidegen/locales/; data, never run, so the CSP needs no hash for it).
 * ggI18n.t(key, values, count): the string with its {name} placeholders
 * filled, the plural form picked by Intl.PluralRules for the page's language
 * (the CLDR rules Babel uses at build time) and numbers written as the build
 * writes them. ggI18n.parts() is the same as a list, DOM nodes allowed as values. */
(function () {
  "use strict";
  var data = { lang: "en", strings: {} };
  try {
    data = JSON.parse(document.getElementById("gg-strings").textContent);
  } catch (error) {
    // No block or a broken one: keys show as they are and the page keeps working.
  }
  var plurals = new Intl.PluralRules(data.lang);
  var numbers = null;
  var digits = Array.isArray(data.digits) && data.digits.length === 10 ? data.digits : null;

  // Whole numbers below 1000 need no grouping in any language, only the build's ten
  // digits: creating an Intl.NumberFormat costs about 30 ms of a phone's CPU as the
  // page starts (a long task Lighthouse counts), so it is made only for other numbers.
  function number(value) {
    if (digits && value >= 0 && value < 1000 && value % 1 === 0) {
      return String(value).replace(/[0-9]/g, function (digit) { return digits[digit]; });
    }
    numbers = numbers || new Intl.NumberFormat(data.lang, { numberingSystem: data.numbers });
    return numbers.format(value);
  }

  function parts(key, values, count) {
    var entry = data.strings[key] || key;
    if (typeof entry !== "string") entry = entry[plurals.select(count)] || entry.other;
    values = values || {};
    if (count !== undefined) values.count = count;
    return entry.split(/(\{\w+\})/).filter(Boolean).map(function (piece) {
      var value = values[piece.slice(1, -1)];
      if (piece[0] !== "{" || value === undefined) return piece;
      return typeof value === "number" ? number(value) : value;
    });
  }

  window.ggI18n = {
    lang: data.lang,
    parts: parts,
    t: function (key, values, count) {
      return parts(key, values, count).join("");
    },
    // Nodes joined as a list in the page's language ("A, B and C").
    list: function (nodes) {
      var marks = nodes.map(function (_, n) { return String(n); });
      return new Intl.ListFormat(data.lang).formatToParts(marks).map(function (part) {
        return part.type === "element" ? nodes[Number(part.value)] : part.value;
      });
    },
  };
})();
