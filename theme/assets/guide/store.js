/* Shared by every feature: the page's words (ggI18n, below) and storage.
 * Storage layer: one versioned, namespaced record in localStorage.
 * Corrupt, foreign or blocked storage never throws: callers get an empty
 * record and the page keeps working for this visit (in memory). */
(function () {
  "use strict";
  var VERSION = 1;
  var meta = document.querySelector('meta[name="gg-store"]');
  var KEY = "gg:" + (meta ? meta.content : "guide") + ":v" + VERSION;
  // This visit's record, used once localStorage is unavailable or refused a
  // write: reading storage again would silently undo the reader's last change.
  var memory = null;
  var listeners = [];

  function empty() {
    return { version: VERSION, checklist: {}, quiz: {} };
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function sanitize(data) {
    if (!isRecord(data) || data.version !== VERSION) return empty();
    var clean = empty();
    ["checklist", "quiz"].forEach(function (section) {
      if (!isRecord(data[section])) return;
      Object.keys(data[section]).forEach(function (key) {
        if (isRecord(data[section][key])) clean[section][key] = data[section][key];
      });
    });
    return clean;
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
      var raw = store.getItem(KEY);
      return raw ? sanitize(JSON.parse(raw)) : empty();
    } catch (error) {
      return empty(); // corrupt: start afresh; the next write replaces it
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

  function update(section, key, value) {
    var data = read();
    if (value === undefined) delete data[section][key];
    else data[section][key] = value;
    var ok = write(data);
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

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) notify();
  });

  window.ggStore = {
    key: KEY,
    version: VERSION,
    read: read,
    write: function (data) {
      var ok = write(sanitize(data));
      notify();
      return ok;
    },
    get: function (section, key) {
      return read()[section][key];
    },
    // set/remove/write return false when the change is kept for this visit only.
    set: function (section, key, value) {
      return update(section, key, value);
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
