/* Shared by every feature: the page's words (ggI18n, below) and storage.
 * Storage layer: one versioned, namespaced record in localStorage.
 * Corrupt, foreign or blocked storage never throws: callers get an empty
 * record and the page keeps working for this visit (in memory).
 * Every entry read or imported is checked against the record's schema (below):
 * a bad one is dropped and counted, never passed on to a feature.
 * Two tabs writing at once: each tab's view of localStorage can be a moment
 * old, so a write may carry a stale copy of the other tab's entries. Each tab
 * remembers its own recent changes and, when another tab's write lost one
 * (the "storage" event's old value did not have it, the new one does not
 * either), writes it again: no tick is lost. */
(function () {
  "use strict";
  var VERSION = 1;
  var meta = document.querySelector('meta[name="gg-store"]');
  var KEY = "gg:" + (meta ? meta.content : "guide") + ":v" + VERSION;
  // This visit's record, used once localStorage is unavailable or refused a
  // write: reading storage again would silently undo the reader's last change.
  var memory = null;
  var listeners = [];
  var recent = []; // this tab's own changes: {section, key, value, at}
  var RECENT_MS = 60000;

  // The schema. Keys are "<block id>/<item or question id>" (slugs); h is the
  // 10-hex-digit fingerprint of the item or question; t a time in ms.
  var ENTRY_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var HASH = /^[0-9a-f]{10}$/;
  var MAX_CHOICES = 100;

  function empty() {
    return { version: VERSION, checklist: {}, quiz: {} };
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isTime(value) {
    return typeof value === "number" && isFinite(value);
  }

  // A clean copy of one entry (only the fields the schema has), or null.
  var ENTRY = {
    checklist: function (entry) {
      if (!isRecord(entry) || typeof entry.h !== "string" || !HASH.test(entry.h)) return null;
      var clean = { h: entry.h };
      if (entry.t !== undefined) {
        if (!isTime(entry.t)) return null;
        clean.t = entry.t;
      }
      return clean;
    },
    quiz: function (entry) {
      if (!isRecord(entry) || typeof entry.h !== "string" || !HASH.test(entry.h)) return null;
      var a = entry.a;
      if (!Array.isArray(a) || a.length < 1 || a.length > MAX_CHOICES) return null;
      var choices = [];
      for (var n = 0; n < a.length; n += 1) {
        var choice = a[n];
        if (typeof choice !== "number" || !Number.isInteger(choice) || choice < 0 || choice >= MAX_CHOICES) return null;
        if (choices.indexOf(choice) !== -1) return null;
        choices.push(choice);
      }
      var clean = { h: entry.h, a: choices };
      if (entry.ok !== undefined) {
        if (typeof entry.ok !== "boolean") return null;
        clean.ok = entry.ok;
      }
      if (entry.t !== undefined) {
        if (!isTime(entry.t)) return null;
        clean.t = entry.t;
      }
      return clean;
    },
  };

  // {record, dropped, usable}: usable is false for anything that is not a record of this version.
  function validate(data) {
    var result = { record: empty(), dropped: 0, usable: isRecord(data) && data.version === VERSION };
    if (!result.usable) return result;
    ["checklist", "quiz"].forEach(function (section) {
      var entries = data[section];
      if (entries === undefined) return;
      if (!isRecord(entries)) {
        result.dropped += 1;
        return;
      }
      Object.keys(entries).forEach(function (key) {
        var clean = ENTRY_KEY.test(key) ? ENTRY[section](entries[key]) : null;
        if (clean) result.record[section][key] = clean;
        else result.dropped += 1;
      });
    });
    return result;
  }

  function sanitize(data) {
    return validate(data).record;
  }

  function parse(raw) {
    try {
      return raw ? sanitize(JSON.parse(raw)) : empty();
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

  function write(data) {
    var store = storage();
    try {
      store.setItem(KEY, JSON.stringify(data));
      memory = null;
      return true;
    } catch (error) {
      memory = data;
      return false;
    }
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function remember(section, key, value) {
    var now = Date.now();
    recent = recent.filter(function (change) {
      return now - change.at < RECENT_MS && !(change.section === section && change.key === key);
    });
    recent.push({ section: section, key: key, value: value, at: now });
  }

  function apply(data, section, key, value) {
    if (value === undefined) delete data[section][key];
    else data[section][key] = value;
  }

  function update(section, key, value) {
    var data = read(); // read again just before writing: another tab may have written since
    apply(data, section, key, value);
    var ok = write(data);
    remember(section, key, value);
    notify();
    return ok;
  }

  function replace(data) {
    var before = read();
    var clean = sanitize(data);
    ["checklist", "quiz"].forEach(function (section) {
      var keys = Object.keys(before[section]).concat(Object.keys(clean[section]));
      keys.forEach(function (key) {
        if (!same(before[section][key], clean[section][key])) remember(section, key, clean[section][key]);
      });
    });
    var ok = write(clean);
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

  // Another tab wrote: put back any change of ours its write did not know of.
  function merge(event) {
    if (memory || event.newValue === null) return;
    var base = parse(event.oldValue);
    var now = parse(event.newValue);
    var lost = recent.filter(function (change) {
      return (
        !same(base[change.section][change.key], change.value) && !same(now[change.section][change.key], change.value)
      );
    });
    if (!lost.length) return;
    var data = read();
    lost.forEach(function (change) {
      apply(data, change.section, change.key, change.value);
    });
    // Each change is put back once: two tabs that changed the same entry settle on one.
    recent = recent.filter(function (change) {
      return lost.indexOf(change) === -1;
    });
    write(data);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) merge(event);
    if (event.key === KEY || event.key === null) notify();
  });

  window.ggStore = {
    key: KEY,
    version: VERSION,
    read: read,
    write: replace,
    get: function (section, key) {
      return read()[section][key];
    },
    // set/remove/write return false when the change is kept for this visit only.
    // A value the schema refuses is not stored (false, like a refused write).
    set: function (section, key, value) {
      var clean = ENTRY.hasOwnProperty(section) && ENTRY_KEY.test(key) ? ENTRY[section](value) : null;
      return clean ? update(section, key, clean) : false;
    },
    remove: function (section, key) {
      return update(section, key, undefined);
    },
    onChange: function (listener) {
      listeners.push(listener);
    },
    // False once the browser refused storage: changes then last for this visit.
    persistent: function () {
      return !memory && storage() !== null;
    },
    sanitize: sanitize,
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
  var numbers = new Intl.NumberFormat(data.lang, { numberingSystem: data.numbers });

  function parts(key, values, count) {
    var entry = data.strings[key] || key;
    if (typeof entry !== "string") entry = entry[plurals.select(count)] || entry.other;
    values = values || {};
    if (count !== undefined) values.count = count;
    return entry.split(/(\{\w+\})/).filter(Boolean).map(function (piece) {
      var value = values[piece.slice(1, -1)];
      if (piece[0] !== "{" || value === undefined) return piece;
      return typeof value === "number" ? numbers.format(value) : value;
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
