/* Shared storage layer: one versioned, namespaced record in localStorage.
 * Corrupt, foreign or blocked storage never throws: callers get an empty
 * record and the page keeps working for this visit. */
(function () {
  "use strict";
  var VERSION = 1;
  var meta = document.querySelector('meta[name="gg-store"]');
  var KEY = "gg:" + (meta ? meta.content : "guide") + ":v" + VERSION;
  var memory = null; // used when localStorage is unavailable
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
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function read() {
    var store = storage();
    if (!store) return memory || (memory = empty());
    try {
      var raw = store.getItem(KEY);
      return raw ? sanitize(JSON.parse(raw)) : empty();
    } catch (error) {
      return memory || empty();
    }
  }

  function write(data) {
    var store = storage();
    memory = data;
    if (!store) return false;
    try {
      store.setItem(KEY, JSON.stringify(data));
      return true;
    } catch (error) {
      return false;
    }
  }

  function update(section, key, value) {
    var data = read();
    if (value === undefined) delete data[section][key];
    else data[section][key] = value;
    write(data);
    notify();
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
    read: read,
    write: function (data) {
      var ok = write(sanitize(data));
      notify();
      return ok;
    },
    get: function (section, key) {
      return read()[section][key];
    },
    set: function (section, key, value) {
      update(section, key, value);
    },
    remove: function (section, key) {
      update(section, key, undefined);
    },
    onChange: function (listener) {
      listeners.push(listener);
    },
    sanitize: sanitize,
  };
})();
