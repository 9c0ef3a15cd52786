"""Read a Markdown file's front-matter ourselves, keeping every position.

MkDocs drops front-matter it cannot parse without a word; here every mistake
becomes a ``Problem`` with its line, column and field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guidegen.problems import ProblemLog, did_you_mean
from guidegen.schema import SLUG_PATTERN, THEME_KEY_SPECS, THEME_KEYS, URL_PATTERN, ListOf, Mapping, Scalar, Spec
from guidegen.themefiles import find_icon, find_template, similar_icons

_SLUG = re.compile(SLUG_PATTERN)
_URL = re.compile(URL_PATTERN)
_YAML_BOOLEAN_WORDS = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


class _Invalid:
    """Stands for a value that had a problem, so later checks neither trust nor re-report it."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()
UNREADABLE = _Invalid()  # what construct() gives for a value YAML itself cannot make


@dataclass
class SourceFile:
    """A Markdown file split into its front-matter and body."""

    path: Path
    log: ProblemLog
    text: str = ""
    yaml_text: str | None = None
    body: str = ""
    body_line: int = 0  # 0-based line of the file where the body starts
    readable: bool = True


@dataclass
class Data:
    """Validated front-matter as plain values, with each field's position."""

    values: dict[str, object] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # every top-level key given, known or not
    # How each list's items are named in field paths, e.g. labels["quiz"] == ["['best']", "[2]"].
    labels: dict[str, list[str]] = field(default_factory=dict)

    def position(self, field_path: str) -> tuple[int, int]:
        while field_path:
            if field_path in self.positions:
                return self.positions[field_path]
            field_path = field_path.rpartition(".")[0] if "." in field_path else ""
        return self.positions.get("", (0, 0))


def read_source(path: Path, log: ProblemLog) -> SourceFile:
    """Decode (UTF-8, optional BOM, any line ending) and split off the front-matter."""
    source = SourceFile(path, log)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = raw[:start].count(b"\n")
        column = start - (raw.rfind(b"\n", 0, start) + 1)
        log.add(
            line,
            column,
            "",
            f"the file is not UTF-8 text (byte 0x{raw[start]:02x} cannot be decoded)",
            "save the file with UTF-8 encoding",
        )
        source.readable = False
        return source
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _report_control_characters(text, log)
    source.text = text
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        source.body = text
        return source
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            source.yaml_text = "\n".join(lines[1:index]) + "\n"
            source.body = "\n".join(lines[index + 1 :])
            source.body_line = index + 1
            return source
    log.add(
        0,
        0,
        "",
        "the front-matter block starts with '---' but is never closed",
        "add a line with only '---' after the last front-matter key",
    )
    source.readable = False
    return source


def without_unreadable_front_matter(markdown_text: str) -> str:
    """A page's text as the engine hands it on, without front-matter YAML could not read.

    MkDocs keeps such front-matter as the start of the body, so `mkdocs serve` would show
    it as text; the problem alert names the mistake instead. Readable front-matter, or a
    page without any, is left as it is.
    """
    lines = markdown_text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return markdown_text
    end = next((index for index in range(1, len(lines)) if _END.match(lines[index])), None)
    if end is None:
        return markdown_text
    try:
        _compose("\n".join(lines[1:end]) + "\n")
    except (yaml.YAMLError, RecursionError):
        return "\n".join(lines[end + 1 :])
    return markdown_text


# Characters that are never content: C0 and C1 controls (tab and newline aside) and
# lone surrogates (a YAML escape such as "\\ud800" makes one; no encoding can write it).
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_TOP_LEVEL_KEY = re.compile(r"^([^\s#:'\"-][^:]*):")


def describe_character(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}, which is not a character"
    return f"the control character U+{code:04X}, which is never shown"


def _report_control_characters(text: str, log: ProblemLog) -> str:
    """Report each raw control character at its own line and column; the rest is read without them.

    YAML refuses them with a position that can be lines off, and in the body they
    would be written into the HTML.
    """
    if not CONTROL_CHARACTER.search(text):
        return text
    lines = text.split("\n")
    in_front_matter = bool(lines) and bool(_FENCE.match(lines[0]))
    key = ""
    for number, line in enumerate(lines):
        if number and in_front_matter and _END.match(line):
            in_front_matter, key = False, ""
        elif in_front_matter and (match := _TOP_LEVEL_KEY.match(line)):
            key = match.group(1).strip()
        match = CONTROL_CHARACTER.search(line)
        if match:
            log.add(
                number,
                match.start(),
                key,
                f"the file holds {describe_character(match.group())}",
                "delete it: it often comes from a copy and paste",
            )
    return CONTROL_CHARACTER.sub(" ", text)


def compose(source: SourceFile) -> tuple[Node | None, bool]:
    """The YAML node tree of the front-matter and whether it parsed (a problem is logged if not).

    An empty front-matter parses to no node at all.
    """
    if source.yaml_text is None:
        return None, True
    alias = _first_alias(source.yaml_text)
    if alias is not None:
        source.log.add(
            alias.line + 1,
            alias.column,
            "",
            "YAML aliases ('*name') are not allowed in front-matter",
            "write the value out in full where it is needed",
        )
        return None, False
    try:
        node = _compose(source.yaml_text)
    except RecursionError:
        source.log.add(1, 0, "", "the front-matter is nested too deeply to read", "use at most a few levels of lists")
        return None, False
    except yaml.MarkedYAMLError as error:
        indented = _indentation_problem(source.yaml_text, error)
        if indented is not None:
            source.log.add(*indented)
            return None, False
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column) if mark else (1, 0)
        problem = error.problem or error.context or "invalid YAML"
        source.log.add(line, column, "", f"invalid YAML: {problem}", _yaml_hint(problem))
        return None, False
    except yaml.YAMLError as error:
        source.log.add(1, 0, "", f"invalid YAML: {error}", "check the indentation and quoting")
        return None, False
    return node, True


# libyaml is many times faster; its error messages differ, so a file it rejects is parsed
# again by PyYAML for the message (errors are rare, and both agree on what is valid).
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _first_alias(text: str) -> yaml.Mark | None:
    """Where the first alias is. Aliases are refused: a few hundred bytes of nested
    aliases expand to gigabytes (the "billion laughs"), and no field needs one."""
    if "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER or yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark
    except (yaml.YAMLError, RecursionError):
        return None  # compose reports the syntax error
    return None


def _compose(text: str) -> Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#:'\"-][^:#]*?):(?:\s|$)")


def _key_at(line: str) -> tuple[int, str] | None:
    """(column, name) of the key a YAML line starts with ('  - id: a' -> (4, 'id')), if it starts with one."""
    match = _KEY_LINE.match(line)
    return (len(match.group(1)), match.group(2).strip()) if match else None


def _indentation_problem(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str, str, str] | None:
    """The real mistake behind YAML's "mapping values are not allowed here" (a key indented more than
    the one above it, read as more of its value) or "expected <block end>" (a key indented less than
    the one above it, but more than their parent), as a problem's arguments; None for any other error."""
    problem, mark = error.problem or "", error.problem_mark
    more = "mapping values are not allowed" in problem
    if mark is None or not (more or "expected <block end>" in problem):
        return None
    lines = text.split("\n")
    key = _key_at(lines[mark.line]) if mark.line < len(lines) else None
    if key is None:
        return None
    for number in range(mark.line - 1, -1, -1):
        above = _key_at(lines[number])
        if above is None:
            if lines[number].strip() and not lines[number].lstrip().startswith("#"):
                return None  # a value's own lines: not a sibling key
            continue
        if (above[0] < key[0]) if more else (above[0] > key[0]):
            how = "more" if more else "less"
            reads = "as more of that value" if more else "in none of the lists or mappings above"
            message = (
                f"'{key[1]}:' is indented {how} than '{above[1]}:' on line {number + 2} above it,"
                f" so YAML reads it {reads}"
            )
            where = f"by {above[0]} spaces" if above[0] else "at the start of the line"
            hint = f"indent '{key[1]}:' {where}, as '{above[1]}:' is"
            if more:
                hint += f"; or, if it is part of the text of '{above[1]}:', put that whole text in quotes"
            return mark.line + 1, key[0], "", message, hint
        return None
    return None


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be put in quotes"
    if "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return "put the value in single quotes"
    return "check the indentation and quoting"


def describe(node: Node) -> str:
    """How an author would name what they wrote: 'a list', 'the text \'...\''."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping of keys to values"
    value = node.value
    if value == "" or construct(node) is None:
        return "empty"
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"the text '{shown}'"


class NodeReader:
    """Validates a node tree against a spec, collecting values and problems."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.log = source.log
        self.data = Data()
        self._lines = (source.yaml_text or "").split("\n")

    def _where(self, node: Node) -> tuple[int, int]:
        # +1: the opening '---' line comes before the YAML text.
        return node.start_mark.line + 1, node.start_mark.column

    def problem(self, node: Node, field_path: str, message: str, hint: str = "") -> None:
        line, column = self._where(node)
        self.log.add(line, column, field_path, message, hint)

    def read(self, node: Node, spec: Spec, field_path: str) -> object:
        """The value, or INVALID once a problem with it is logged."""
        self.data.positions[field_path] = self._where(node)
        if isinstance(spec, Scalar):
            value = self._scalar(node, spec, field_path)
        elif isinstance(spec, ListOf):
            value = self._list(node, spec, field_path)
        else:
            value = self._mapping(node, spec, field_path)
        return INVALID if value is None else value

    def _list(self, node: Node, spec: ListOf, field_path: str) -> list[object] | None:
        if not isinstance(node, SequenceNode):
            if isinstance(node, ScalarNode) and construct(node) is None:
                hint = f"list the {spec.plural} under it, each on its own line starting with '- '"
                self.problem(node, field_path, "is empty", hint if spec.min_items else hint + ", or remove the key")
            else:
                self.problem(
                    node,
                    field_path,
                    f"must be a list of {spec.plural}, not {describe(node)}",
                    f"start each {spec.noun} on its own line with '- '",
                )
            return None
        labels = item_labels(node.value, spec.item)
        self.data.labels[field_path] = labels
        items = zip(node.value, labels, strict=True)
        values = [self.read(item, spec.item, field_path + label) for item, label in items]
        if len(node.value) < spec.min_items:
            noun = spec.noun if spec.min_items == 1 else spec.plural
            self.problem(node, field_path, f"needs at least {spec.min_items} {noun}, found {len(node.value)}")
        return values

    def _not_a_mapping(self, node: Node, spec: Mapping, field_path: str) -> None:
        required = and_list(spec.required)
        if not field_path:
            message = f"the front-matter must be 'key: value' lines, not {describe(node)}"
            hint = f"a {spec.name} needs {required}" if required else "write one 'key: value' per line"
            self.problem(node, "", message, hint)
            return
        if not required:
            keys = and_list(list(spec.keys))
            message = f"must be a mapping of keys to values, not {describe(node)}"
            self.problem(node, field_path, message, f"put its keys ({keys}) on the lines below it, indented")
            return
        first = spec.required[0]
        message = f"must be a mapping with {required}, not {describe(node)}"
        hint = f"write '- {first}: ...' with the other keys on the lines below it, lined up with '{first}'"
        self.problem(node, field_path, message, hint)

    def _mapping(self, node: Node, spec: Mapping, field_path: str) -> dict[str, object] | None:
        if not isinstance(node, MappingNode):
            self._not_a_mapping(node, spec, field_path)
            return None
        known = set(spec.keys) | (THEME_KEYS if spec.allow_theme_keys else set()) | spec.extra_keys
        values: dict[str, object] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, field_path, f"a key must be a plain word, not {describe(key_node)}")
                continue
            key = str(key_node.value)
            child_path = f"{field_path}.{key}" if field_path else key
            if key in seen:
                first_line = seen[key].start_mark.line + 2
                self.problem(key_node, child_path, f"duplicate key (first given on line {first_line})", "keep only one")
                continue
            seen[key] = key_node
            if not field_path:
                self.data.keys.append(key)
            if key in spec.keys:
                values[key] = self.read(value_node, spec.keys[key].spec, child_path)
            elif key in THEME_KEY_SPECS and (spec.allow_theme_keys or spec.allow_any_keys):
                values[key] = self.read(value_node, THEME_KEY_SPECS[key], child_path)
            elif key in known or spec.allow_any_keys:
                self.data.positions[child_path] = self._where(value_node)
                values[key] = construct(value_node)
                if values[key] is UNREADABLE:
                    self._unreadable(value_node, child_path)
                elif not self._printable(value_node, child_path, values[key]):
                    values[key] = INVALID
            else:
                self.problem(key_node, child_path, "unknown key", did_you_mean(key, known) or _allowed(spec))
        for name in spec.required:
            if name not in seen:
                child_path = f"{field_path}.{name}" if field_path else name
                self.problem(node, child_path, "is required but missing", f"add '{name}:'")
        for name, key_spec in spec.keys.items():
            default = getattr(key_spec.spec, "default", None)
            if name not in values and default is not None:
                values[name] = default
        return values

    def _scalar(self, node: Node, spec: Scalar, field_path: str) -> object:
        if not isinstance(node, ScalarNode):
            self.problem(node, field_path, f"must be a single value, not {describe(node)}", _scalar_hint(spec))
            return None
        resolved = construct(node)
        if resolved is UNREADABLE:
            self._unreadable(node, field_path)
            return None
        plain = not node.style  # None from PyYAML, '' from libyaml
        if spec.kind == "int":
            return self._integer(node, spec, field_path, resolved)
        if spec.kind == "number":
            if isinstance(resolved, bool) or not isinstance(resolved, int | float) or resolved != resolved:
                self.problem(node, field_path, f"must be a number, not {describe(node)}", "write a number such as 2")
                return None
            return resolved
        if spec.kind == "bool":
            if not isinstance(resolved, bool) or node.value not in ("true", "false", "True", "False", "TRUE", "FALSE"):
                self.problem(node, field_path, f"must be true or false, not {describe(node)}", "write true or false")
                return None
            return resolved
        if not isinstance(resolved, str):
            self._not_text(node, field_path, resolved)
            return None
        text = resolved.strip()
        if not text:
            self.problem(node, field_path, "must not be empty")
            return None
        if not self._printable(node, field_path, text):
            return None
        if plain:
            self._check_cut_comment(node, field_path)
        if spec.kind in ("choice", "icon", "template"):
            return self._theme_value(node, spec, field_path, text)
        if spec.kind == "slug" and not _SLUG.match(text):
            self.problem(
                node,
                field_path,
                f"'{text}' is not a valid id",
                "use lowercase letters, digits and single hyphens, e.g. 'say-less'",
            )
            return None
        if spec.kind == "url" and not _URL.match(text):
            self.problem(
                node,
                field_path,
                f"'{text}' is not the full address of a web page",
                "give an address that starts with https:// (or http://), e.g. https://www.bbc.com/weather",
            )
            return None
        return text

    def _theme_value(self, node: Node, spec: Scalar, field_path: str, text: str) -> str | None:
        """A word, icon or template the theme has; anything else would stop the build with a traceback."""
        if spec.kind == "choice" and text not in spec.choices:
            hint = did_you_mean(text, spec.choices) or "one of: " + ", ".join(spec.choices)
            self.problem(node, field_path, f"'{text}' is not one of the choices", hint)
            return None
        if spec.kind == "icon" and not find_icon(text):
            hint = did_you_mean(text, similar_icons(text)) or "pick one from the theme's icon sets, e.g. material/leaf"
            self.problem(node, field_path, f"the theme has no icon '{text}'", hint)
            return None
        if spec.kind == "template" and not find_template(text):
            self.problem(node, field_path, f"the theme has no template '{text}'", "remove the key to use the default")
            return None
        return text

    def _printable(self, node: Node, field_path: str, value: object) -> bool:
        """False (and a problem) if a text anywhere in ``value`` holds a control character."""
        bad = _first_control_character(value)
        if bad is None:
            return True
        self.problem(node, field_path, f"holds {describe_character(bad)}", "remove the escape or character")
        return False

    def _unreadable(self, node: Node, field_path: str) -> None:
        self.problem(
            node,
            field_path,
            f"YAML cannot read the value tagged '{node.tag.replace('tag:yaml.org,2002:', '!!')}'",
            "remove the tag, or put the whole value in quotes",
        )

    def _integer(self, node: ScalarNode, spec: Scalar, field_path: str, resolved: object) -> int | None:
        raw = node.value
        if not node.style and re.match(r"^[-+]?0[0-9_]+$", raw):
            # YAML 1.1 reads 012 as octal 10 and 08 as text: neither is what was meant.
            what = f"the octal number {resolved}" if isinstance(resolved, int) else "text"
            self.problem(
                node,
                field_path,
                f"'{raw}' is read by YAML as {what}",
                f"write it without the leading zero: {raw.lstrip('+-0') or '0'}",
            )
            return None
        if isinstance(resolved, bool) or not isinstance(resolved, int):
            self.problem(node, field_path, f"must be a whole number, not {describe(node)}")
            return None
        if not re.fullmatch(r"[-+]?[0-9]+", raw):
            # YAML 1.1 reads 1:30 as 90 (base 60), 1_0 as 10 and 0x2 as 2.
            self.problem(
                node,
                field_path,
                f"'{raw}' is read by YAML as the number {resolved}",
                f"write the number in plain digits: {resolved}",
            )
            return None
        if spec.minimum is not None and resolved < spec.minimum:
            self.problem(node, field_path, f"must be {spec.minimum} or more, not {resolved}")
            return None
        return resolved

    def _not_text(self, node: ScalarNode, field_path: str, resolved: object) -> None:
        raw = node.value
        if resolved is None:
            self.problem(node, field_path, "must not be empty")
            return
        if isinstance(resolved, bool):
            what = f"the boolean {str(resolved).lower()}"
        elif isinstance(resolved, int) and re.match(r"^[-+]?0\d", raw):
            what = f"the number {resolved}"
        elif isinstance(resolved, int | float):
            what = "a number"
        elif isinstance(resolved, datetime.date):
            what = "a date"
        else:
            what = f"a {type(resolved).__name__}"
        self.problem(node, field_path, f"'{raw}' is read by YAML as {what}, not as text", f'put it in quotes: "{raw}"')

    def _check_cut_comment(self, node: ScalarNode, field_path: str) -> None:
        end = node.end_mark
        if end.line >= len(self._lines):
            return
        rest = self._lines[end.line][end.column :]
        if re.match(r"^\s+#", rest):
            self.problem(
                node,
                field_path,
                f"the value stops before ' #': YAML reads '{rest.strip()}' as a comment",
                "put the whole value in quotes, or move the comment to its own line",
            )


def _first_control_character(value: object) -> str | None:
    if isinstance(value, str):
        match = CONTROL_CHARACTER.search(value)
        return match.group() if match else None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return next((bad for item in value if (bad := _first_control_character(item)) is not None), None)
    return None


def item_labels(items: list[Node], spec: Spec) -> list[str]:
    """How field paths name each item of a list: by its id where it has a valid one, else by position.

    An author knows a question as 'test-frequency', not as the third one: ``quiz['test-frequency'].choices``.
    Only the first item with a given id is named by it; a repeat is named by its position.
    """
    has_ids = isinstance(spec, Mapping) and "id" in spec.keys
    labels: list[str] = []
    used: set[str] = set()
    for index, item in enumerate(items, 1):
        item_id = _id_of(item) if has_ids else None
        if item_id is not None and item_id not in used:
            used.add(item_id)
            labels.append(f"['{item_id}']")
        else:
            labels.append(f"[{index}]")
    return labels


def _id_of(node: Node) -> str | None:
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == "id":
            value = construct(value_node) if isinstance(value_node, ScalarNode) else None
            text = value.strip() if isinstance(value, str) else ""
            return text if _SLUG.match(text) else None
    return None


def and_list(words: list[str]) -> str:
    """'title, summary and order'."""
    return " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def _scalar_hint(spec: Scalar) -> str:
    if spec.kind in ("text", "inline", "markdown"):
        return "if the text starts with '[' or '{', put it in quotes"
    return ""


def construct(node: Node) -> object:
    """The Python value YAML's safe loader would make of a node; UNREADABLE if it cannot."""
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        # An unknown or misused tag such as '!foo' or '!!int abc'.
        return UNREADABLE


def _allowed(spec: Mapping) -> str:
    return "allowed keys: " + ", ".join(spec.keys)


# Front-matter that read without a problem, by spec and YAML text: `mkdocs serve` reads every page again on
# each save, and most did not change (issue 24). The Data is never changed once read, so it is shared.
_READ: dict[tuple[int, str], Data] = {}
_READ_LIMIT = 20_000


def read_front_matter(source: SourceFile, spec: Mapping) -> Data | None:
    """Validate a file's front-matter against ``spec``; None if there is none or it is unusable."""
    if source.yaml_text is None:
        return _read_front_matter(source, spec)
    key = (id(spec), source.yaml_text)
    found = _READ.get(key)
    if found is not None:
        return found
    problems = len(source.log.problems)
    data = _read_front_matter(source, spec)
    if data is not None and len(source.log.problems) == problems:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        _READ[key] = data
    return data


def _read_front_matter(source: SourceFile, spec: Mapping) -> Data | None:
    node, parsed = compose(source)
    if node is None:
        if parsed and source.yaml_text is not None:
            if spec.required:
                needs = and_list(spec.required)
                source.log.add(0, 0, "", "the front-matter is empty", f"a {spec.name} needs {needs}")
                return None
            return Data()
        return None
    reader = NodeReader(source)
    values = reader.read(node, spec, "")
    if not isinstance(values, dict):
        return None
    reader.data.values = values
    return reader.data
