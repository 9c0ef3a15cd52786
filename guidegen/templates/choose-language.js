/* The root page of a multilingual guide (guidegen/multilingual.py): goes to the first of the
 * browser's languages the site has, else to the default (the first listed). A file of the
 * site, never inline, so the page's strict policy (script-src 'self') allows it; without
 * scripts the page's <noscript> refresh goes to the default, and its links are there either way. */
(function () {
  "use strict";
  var offered = [];
  // The page's list (relative links: they work on any host, a preview too), in the guide's order.
  Array.prototype.forEach.call(document.querySelectorAll("main a[hreflang]"), function (link) {
    offered.push({ code: link.getAttribute("hreflang").toLowerCase(), href: link.getAttribute("href") });
  });
  if (!offered.length) return;
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  function find(code) {
    code = String(code || "").toLowerCase();
    var primary = code.split("-")[0];
    for (var i = 0; i < offered.length; i += 1) if (offered[i].code === code) return offered[i];
    for (var j = 0; j < offered.length; j += 1) if (offered[j].code.split("-")[0] === primary) return offered[j];
    return null;
  }
  var chosen = null;
  for (var k = 0; k < wanted.length && !chosen; k += 1) chosen = find(wanted[k]);
  window.location.replace((chosen || offered[0]).href);
})();
