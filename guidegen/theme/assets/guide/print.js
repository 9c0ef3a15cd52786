/* Print buttons; printing itself needs no JavaScript (print.css). Adds: the
 * sheet's button and "Print with my ticks" choice; the block page's link to
 * the sheet carries the choice as #print or #print-ticks and the sheet opens
 * the print dialog; the full address on sheets when there is no site_url;
 * <details> opened where CSS cannot. Boxes print blank by default: paper is
 * for a pen, and the sheet should not depend on what this browser saved. */
(function () {
  "use strict";

  function init() {
    var sheet = document.querySelector(".gg-sheet");
    var ticks = document.querySelector(".gg-print__ticks");
    var link = document.querySelector("[data-gg-print-link]");
    Array.prototype.forEach.call(document.querySelectorAll(".gg-print[hidden], .gg-print__choice[hidden]"), function (el) {
      el.hidden = false;
    });
    if (link && ticks) {
      var sync = function () {
        link.hash = ticks.checked ? "print-ticks" : "print";
      };
      ticks.addEventListener("change", sync);
      sync();
    }
    // Material's instant navigation makes every href absolute; mark our own
    // links so that print.css only spells out the targets of external ones.
    Array.prototype.forEach.call(document.querySelectorAll('.md-content a[href^="http"]'), function (a) {
      if (a.host === location.host) a.classList.add("gg-local");
    });
    if (!sheet) return;
    var button = sheet.querySelector("[data-gg-print]");
    if (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    }
    var here = sheet.querySelector("[data-gg-here]");
    if (here && /^https?:$/.test(location.protocol)) {
      here.textContent = location.origin + location.pathname;
    }
    var wanted = location.hash;
    if (wanted === "#print" || wanted === "#print-ticks") {
      if (ticks) ticks.checked = wanted === "#print-ticks";
      // Drop the fragment so that reloading or going back does not print again.
      try {
        history.replaceState(history.state, "", location.pathname + location.search);
      } catch (error) {
        // Some file:// setups refuse; printing matters more.
      }
      // After the other features (saved ticks) have filled the page in.
      window.setTimeout(function () {
        window.print();
      }, 0);
    }
  }

  // Firefox and Safari ignore CSS on closed <details>: open them for the
  // printout (not quiz answers) and close them after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll(".md-content details:not([open]):not(.gg-question__answer)");
    opened = Array.prototype.slice.call(closed);
    opened.forEach(function (details) {
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });

  window.ggOnPage(init);
})();
