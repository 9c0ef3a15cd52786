"""Run axe-core (from node_modules, installed by scripts/test) inside a real page."""

from __future__ import annotations

from tests.helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Colours are only meaningful once fades have ended: Material's search results fade
# in, and axe measuring mid-transition reports near-white text as a contrast failure.
SETTLED = """() => document.getAnimations().every(animation =>
    animation.playState !== "running" || animation.effect.getTiming().iterations === Infinity)"""


def axe_violations(page: object, context: str | None = None) -> list[str]:
    """Every axe violation on the page as 'rule: help (target, ...)' lines.

    ``context`` is an optional CSS selector that limits the check to part of the page.
    """
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run scripts/test, which installs it with npm")
    page.wait_for_function(SETTLED, timeout=10_000)  # type: ignore[attr-defined]
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        # Run through the DevTools protocol, which the page's own Content-Security-Policy (a <meta> in
        # every built page) leaves alone: a <script> element added by add_script_tag would be refused.
        page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    results = page.evaluate(  # type: ignore[attr-defined]
        "([tags, context]) => axe.run(context || document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [TAGS, context],
    )
    lines = []
    for violation in results["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']}: {violation['help']} ({targets})")
    return lines
