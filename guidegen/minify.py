"""Leaner copies of the generator's own CSS and JavaScript for the built site.

The sources in theme/assets/guide/ stay readable, with comments; readers get
them without comments and indentation (a third less after gzip), which keeps the
generator's own assets within the 10 KB budget (issue 9). Deliberately
conservative, so it cannot change behaviour: CSS loses comments and the spaces
around braces, semicolons and commas; JavaScript loses only whole-line
comments, block comments that start a line, indentation and blank lines -- line
breaks stay, so automatic semicolon insertion works as before, and nothing
inside a line is touched, so strings and regular expressions are safe.

Plain Python: no MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import Path

_CSS_TOKEN = re.compile(r"""/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""", re.DOTALL)
_CSS_SPACE = re.compile(r"\s*([{};,])\s*")
# A block comment alone on its line(s): nothing but spaces before "/*" and after the first "*/".
_JS_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:[^*]|\*(?!/))*\*/[ \t]*$", re.MULTILINE)
_JS_LINE_COMMENT = re.compile(r"^[ \t]*//.*$", re.MULTILINE)


def _css_code(code: str) -> str:
    return _CSS_SPACE.sub(r"\1", re.sub(r"\s+", " ", code))


def minify_css(text: str) -> str:
    """Comments out, spaces squeezed -- never inside a quoted string."""
    out, position = [], 0
    for match in _CSS_TOKEN.finditer(text):
        out.append(_css_code(text[position : match.start()]))
        if not match.group(0).startswith("/*"):
            out.append(match.group(0))  # a string, kept as written
        position = match.end()
    out.append(_css_code(text[position:]))
    return "".join(out).strip() + "\n"


def minify_js(text: str) -> str:
    if "`" in _JS_LINE_COMMENT.sub("", _JS_BLOCK_COMMENT.sub("", text)):
        return text  # a template literal may span lines: leave the file as it is
    text = _JS_BLOCK_COMMENT.sub("", text)
    text = _JS_LINE_COMMENT.sub("", text)
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def minify_folder(folder: Path) -> None:
    """Minify every .css and .js file directly in ``folder`` in place (the built site's copy)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.suffix == ".css":
            path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".js":
            path.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
