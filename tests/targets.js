// Every target a reader can tap on the page that fails WCAG 2.2's 2.5.8 (Target Size, Minimum):
// smaller than 24x24 CSS px and not spaced (a 24px circle on its centre meets another target or
// its circle). Links inside a sentence are exempt (2.5.8's "inline" exception), and so are the
// browser's own controls and targets hidden or out of the page. Returns [{what, width, height, near}].
() => {
  const SELECTOR = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex]:not([tabindex='-1'])";
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none" || el.closest("[hidden], [aria-hidden=true], .md-search, [data-md-component=search]")) return false;
    // Not in a closed <details> (content-visibility: hidden), nor off the side (Material's closed drawer).
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    // Nor in a panel faded out (the drawer's closed table of contents); a target of its own opacity 0 still takes taps.
    for (let up = el.parentElement; up; up = up.parentElement) if (getComputedStyle(up).opacity === "0") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
  };
  // A link in running text: inline, with words of the same block around it.
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    return !!block && block.textContent.replace(/\s+/g, " ").trim().length > el.textContent.trim().length + 3;
  };
  // A control named by its label: the label is the target the reader taps (checked as a target itself).
  const labelled = (el) => el.tagName === "INPUT" && el.labels && [...el.labels].some(visible);
  const targets = [...document.querySelectorAll(SELECTOR)].filter((el) => visible(el) && !inSentence(el));
  const boxes = targets.map((el) => {
    const r = el.getBoundingClientRect();
    return { el, r, x: r.left + r.width / 2, y: r.top + r.height / 2, small: r.width < 24 - 0.5 || r.height < 24 - 0.5 };
  });
  const related = (a, b) => a.el.contains(b.el) || b.el.contains(a.el) || (a.el.labels && [...a.el.labels].includes(b.el)) || (b.el.labels && [...b.el.labels].includes(a.el));
  const distance = (box, x, y) => Math.hypot(Math.max(box.r.left - x, 0, x - box.r.right), Math.max(box.r.top - y, 0, y - box.r.bottom));
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " " + JSON.stringify((el.textContent || el.getAttribute("aria-label") || el.value || "").trim().slice(0, 40));
  const failures = [];
  boxes.forEach((box) => {
    if (!box.small || labelled(box.el)) return;
    const near = boxes.find((other) => other !== box && !related(box, other) && !labelled(other.el) && (
      other.small ? Math.hypot(other.x - box.x, other.y - box.y) < 24 : distance(other, box.x, box.y) < 12));
    if (near) failures.push({ what: name(box.el), width: Math.round(box.r.width), height: Math.round(box.r.height), at: [Math.round(box.r.left), Math.round(box.r.top)], near: name(near.el) + " at " + [Math.round(near.r.left), Math.round(near.r.top), Math.round(near.r.width), Math.round(near.r.height)] });
  });
  return failures;
}
