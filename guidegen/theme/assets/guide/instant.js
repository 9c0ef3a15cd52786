/* Instant navigation without site_url. Material (9.8) loads a page instantly only
   if its address is in sitemap.xml, and reads each <loc> with new URL(loc): an
   absolute address. Built without site_url, a guide cannot know its address, so
   theme/sitemap.xml lists the pages relative to the site's root; this file, run
   before Material's bundle, makes them absolute as the sitemap is parsed, against
   the root Material itself uses (__config.base). Absolute entries stay as they are. */
(function () {
  var config = document.getElementById("__config");
  if (!config || !window.DOMParser) return;
  var root = new URL(JSON.parse(config.textContent).base, location.href);
  var parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    var doc = parse.call(this, text, type);
    var urlset = doc.documentElement;
    if (type === "text/xml" && urlset && urlset.localName === "urlset") {
      var locs = urlset.getElementsByTagName("loc");
      for (var i = 0; i < locs.length; i++) locs[i].textContent = new URL(locs[i].textContent.trim(), root).href;
    }
    return doc;
  };
  /* A multilingual guide (guidegen/multilingual.py): each language's link in the switcher and in
     <link rel="alternate" hreflang> already leads to this page in that language. Material takes
     each alternate for a language's root and requests "sitemap.xml" under it, to redirect clicks
     by path: under a page's address that only fails (404). Those requests fail at once, without
     the network, and the links are followed as written; the site's own sitemap is left alone. */
  if (!document.querySelector("link[rel=alternate][hreflang]")) return;
  var own = new URL("sitemap.xml", root).href;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      var href = new URL(String(url), location.href).href;
      this.ggSkip = /\/sitemap\.xml$/.test(href) && href !== own;
    } catch (error) {
      this.ggSkip = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.ggSkip) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () {
      request.dispatchEvent(new ProgressEvent("error"));
    });
  };
})();

