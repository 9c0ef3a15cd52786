/* The root page of a multilingual guide (guidegen/multilingual.py): goes to the first of the
 * browser's languages the site has, else to the default (the first listed). A file of the
 * site, never inline, so the page's strict policy (script-src 'self') allows it; without
 * scripts the page's <noscript> refresh goes to the default, and its links are there either way. */
(function () {
  "use strict";
  var offered = [];
  Array.prototype.forEach.call(document.querySelectorAll('link[rel="alternate"][hreflang]'), function (link) {
    var code = link.getAttribute("hreflang").toLowerCase();
    if (code !== "x-default") offered.push({ code: code, href: link.getAttribute("href") });
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
