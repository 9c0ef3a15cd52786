/* Quick exit (issue 28; guide.quick_exit on the home page), after the GOV.UK Design
 * System's "Exit this page": the header's link, or Shift pressed on its own three
 * times with less than 5 s between presses, blanks the page and replaces it with
 * the neutral site. location.replace: the guide's page leaves the tab's history, so
 * Back does not return to it. Each press is said in the header's status region and
 * shown as dots on the button. Without JavaScript the link is a plain link; on a
 * guide without a quick exit nothing here does anything. */
(function () {
  "use strict";
  var t = window.ggI18n.t;
  var presses = 0;
  var timer = 0;
  var shifted = false; // the last key released was pressed with Shift (Shift+A is not a press)

  function say(text) {
    var status = document.querySelector("[data-gg-exit-status]");
    var button = document.querySelector(".gg-exit");
    if (status) status.textContent = text;
    if (button) button.setAttribute("data-gg-presses", presses);
  }

  function leave(link) {
    presses = 0;
    clearTimeout(timer);
    say("");
    document.documentElement.classList.add("gg-leaving");
    window.location.replace(link.href);
  }

  function cancel() {
    clearTimeout(timer);
    presses = 0;
    say(t("js.exit.cancelled"));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-gg-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link);
  });

  document.addEventListener("keyup", function (event) {
    var link = document.querySelector("a[data-gg-exit]");
    if (link && event.key === "Shift" && !shifted) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) return leave(link);
      say(t("js.exit.more", {}, 3 - presses));
      timer = setTimeout(cancel, 5000);
    } else if (presses) {
      cancel();
    }
    shifted = event.shiftKey;
  }, true);

  // A page the browser brings back from its cache (Forward) is not left blank.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("gg-leaving");
  });
})();
