/* "Forget me on this device" (issue 28), on checklists/ and privacy/: the button opens
 * a native dialog that asks in words; "forget" removes the guide's record
 * (ggStore.forget: ticks and quiz answers, here and in every open tab) and the
 * settings Material keeps for this site (its "__" keys under the site's scope in
 * localStorage and sessionStorage: __palette, __consent, __tabs, __announce,
 * __source, __outdated), then says what went. Keep everything (or Escape) removes
 * nothing and says so. Other sites on the same host keep theirs. */
(function () {
  "use strict";
  var store = window.ggStore;
  if (!store) return;
  var t = window.ggI18n.t;

  function forgetMaterial() {
    var prefix = (window.__md_scope ? window.__md_scope.pathname : "/") + ".__";
    ["localStorage", "sessionStorage"].forEach(function (name) {
      try {
        var storage = window[name];
        for (var n = storage.length - 1; n >= 0; n -= 1) {
          var key = storage.key(n);
          if (key && key.indexOf(prefix) === 0) storage.removeItem(key);
        }
      } catch (error) {
        // Blocked storage holds nothing to remove.
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gg-forget]");
    var dialog = button && button.closest(".gg-forget").querySelector("dialog");
    if (!dialog) return;
    dialog.returnValue = "";
    dialog.showModal();
  });

  // "close" does not bubble: caught on its way down.
  document.addEventListener("close", function (event) {
    var dialog = event.target;
    if (!dialog.matches || !dialog.matches(".gg-forget dialog")) return;
    var status = dialog.closest(".gg-forget").querySelector(".gg-forget__status");
    if (dialog.returnValue !== "forget") return (status.textContent = t("js.forget.kept"));
    var data = store.read();
    var counts = {
      items: t("js.transfer.items", {}, Object.keys(data.checklist).length),
      answers: t("js.transfer.answers", {}, Object.keys(data.quiz).length),
    };
    forgetMaterial();
    store.forget();
    // A reset's undo would bring forgotten ticks back.
    document.querySelectorAll("[data-gg-undo]").forEach(function (undo) {
      undo.hidden = true;
    });
    status.textContent = t("js.forget.done", counts);
  }, true);
})();
