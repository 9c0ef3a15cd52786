"""Every word the generator writes, in the reader's language.

Plain Python (no MkDocs import). One catalog file per language in
``guidegen/locales/<language>.yml``; English (``en.yml``) is the reference:
it holds every key, and every other catalog has exactly its keys and
placeholders.

How to add a string (anyone adding a reader-facing word to a template, a hook
or a script):

1. Add one line to ``guidegen/locales/en.yml``, in the group of its feature,
   named ``<feature>.<what_it_is>``::

       checklist.reset: Reset this checklist

   Placeholders are ``{name}`` (``{title}``, ``{count}``...). A string that
   depends on a number is a mapping of CLDR plural forms; the number is always
   the placeholder ``{count}`` and picks the form (Babel's plural rules in
   Python, ``Intl.PluralRules`` in the browser: the same CLDR data)::

       checklist.items:
         one: "{count} item"
         other: "{count} items"

   A form other than ``other`` may leave ``{count}`` out ("one item").
2. Add the same key to every other catalog in ``guidegen/locales/``, written
   as a native speaker would say it, with the plural forms that language has
   (``tests/test_i18n.py`` fails on a missing key, form or placeholder).
3. Use it:

   - in a template of ``guidegen/templates/`` (or the theme's):
     ``{{ t("checklist.reset") }}``, ``{{ t("checklist.items", count=n) }}``;
     values are escaped unless they are Markup (a link built in the template);
   - in Python (a hook, the navigation): ``catalog.text("nav.checklists")``;
   - in a script: give the key a ``js.`` prefix, which puts it in the page's
     ``<script type="application/json" id="gg-strings">`` block, and read it
     with ``ggI18n.t("js.checklist.progress", {total: n}, done)`` from
     ``theme/assets/guide/store.js``. Never write a second copy in JavaScript.

Numbers put into placeholders are formatted for the language (Babel), as the
browser's ``Intl.NumberFormat`` formats them at runtime.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from markupsafe import Markup, escape

LOCALES = Path(__file__).parent / "locales"
REFERENCE = "en"
#: Keys with this prefix are the scripts' strings, shipped in every page's JSON block.
RUNTIME_PREFIX = "js."
#: The placeholder that holds the number choosing a plural form.
COUNT = "count"

Entry = str | dict[str, str]

_FORMATTER = string.Formatter()


class CatalogError(ValueError):
    """A catalog file the generator cannot use."""


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of one string."""
    try:
        return {name for _, name, _, _ in _FORMATTER.parse(text) if name is not None}
    except ValueError as error:  # an unmatched brace
        raise CatalogError(f"{text!r}: {error}") from error


def entry_placeholders(entry: Entry) -> set[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return set().union(*(placeholders(form) for form in forms))


def available_languages() -> list[str]:
    return sorted(path.stem for path in LOCALES.glob("*.yml"))


def catalog_path(language: str) -> Path:
    return LOCALES / f"{language}.yml"


def read_catalog(path: Path) -> dict[str, Entry]:
    """One catalog file as ``{key: text or {plural form: text}}``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CatalogError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: a catalog is a mapping of keys to strings")
    catalog: dict[str, Entry] = {}
    for key, value in data.items():
        if isinstance(value, str):
            catalog[str(key)] = value
        elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            catalog[str(key)] = {str(form): text for form, text in value.items()}
        else:
            raise CatalogError(f"{path}: {key}: a string, or a mapping of plural forms to strings")
    return catalog


def match_language(language: str, available: list[str] | None = None) -> str | None:
    """The catalog for a Material language code ("pt-BR" -> "pt_BR" or "pt"), if there is one."""
    available = available if available is not None else available_languages()
    wanted = language.replace("-", "_")
    for candidate in (wanted, wanted.split("_")[0]):
        for name in available:
            if name.lower() == candidate.lower():
                return name
    return None


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(REFERENCE)


def plural_forms(language: str) -> list[str]:
    """The CLDR plural forms of a language, "other" last (Babel)."""
    tags = _locale(language).plural_form.tags
    return [*sorted(tags - {"other"}, key=["zero", "one", "two", "few", "many"].index), "other"]


@dataclass
class Catalog:
    """The strings of one language, with English behind any key it lacks."""

    language: str  # as the page declares it (<html lang>), e.g. "es"
    strings: dict[str, Entry]
    #: The language asked for when some strings have no translation in it (the build warns once).
    missing: str | None = None
    #: The keys that stay in English because no catalog of the language has them.
    untranslated: list[str] = field(default_factory=list)
    #: Whether a catalog file (shipped, or the guide's own) exists for the language.
    has_catalog: bool = True
    locale: Locale = field(init=False, repr=False)
    # Numbers as written and patterns as escaped, once each: a build asks for them thousands of times.
    _numbers: dict[tuple[type, int | float], str] = field(init=False, repr=False, compare=False, default_factory=dict)
    _escaped: dict[str, Markup] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.locale = _locale(self.language)

    @property
    def numbering(self) -> str:
        """The digits numbers are written in ("latn", "arab"...), for the browser to match."""
        return self.locale.default_numbering_system

    def number(self, value: int | float) -> str:
        key = (type(value), value)
        written = self._numbers.get(key)
        if written is None:
            written = self._numbers[key] = format_decimal(value, locale=self.locale, numbering_system="default")
        return written

    def _pattern(self, key: str, count: int | None) -> str:
        try:
            entry = self.strings[key]
        except KeyError:
            raise KeyError(f"no string '{key}' in the catalog (add it to {catalog_path(REFERENCE)})") from None
        if isinstance(entry, str):
            return entry
        if count is None:
            raise KeyError(f"string '{key}' has plural forms: give it count=")
        form = self.locale.plural_form(abs(count))
        return entry.get(form, entry["other"])

    def _values(self, count: int | None, values: Mapping[str, object]) -> dict[str, object]:
        shown = {name: self.number(v) if _is_number(v) else v for name, v in values.items()}
        if count is not None:
            shown.setdefault(COUNT, self.number(count))
        return shown

    def text(self, key: str, count: int | None = None, **values: object) -> str:
        """A plain-text string (navigation titles, headings written as Markdown)."""
        return self._pattern(key, count).format(**self._values(count, values))

    def markup(self, key: str, count: int | None = None, **values: object) -> Markup:
        """A string for HTML: the text and every value escaped, except values that are Markup."""
        text = self._pattern(key, count)
        pattern = self._escaped.get(text)
        if pattern is None:
            pattern = self._escaped[text] = Markup(escape(text))
        return pattern.format(**self._values(count, values))

    def runtime(self, leave_out: tuple[str, ...] = ()) -> dict[str, object]:
        """What the scripts need: the language, its digits, and every ``js.`` string (but those starting with
        one of ``leave_out``: a feature the guide has switched off, such as the quick exit, leaves no word)."""
        strings = {
            key: value
            for key, value in self.strings.items()
            if key.startswith(RUNTIME_PREFIX) and not (leave_out and key.startswith(leave_out))
        }
        # The ten digits as this build writes them: the scripts write small whole numbers
        # with them instead of starting the browser's Intl.NumberFormat (store.js says why).
        digits = [self.number(digit) for digit in range(10)]
        return {"lang": self.language, "numbers": self.numbering, "digits": digits, "strings": strings}

    def runtime_json(self, leave_out: tuple[str, ...] = ()) -> Markup:
        """The JSON data block's content, safe inside <script> (no "</" can close it)."""
        text = json.dumps(self.runtime(leave_out), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_CACHE: dict[str, dict[str, Entry]] = {}


def _cached(language: str) -> dict[str, Entry]:
    if language not in _CACHE:
        _CACHE[language] = read_catalog(catalog_path(language))
    return _CACHE[language]


def guide_catalog_file(locales_dir: Path | None, language: str) -> Path | None:
    """The guide's own catalog for ``language`` (``locales/pt.yml``, or ``pt_BR.yml`` for "pt-BR"), if it has one."""
    if locales_dir is None or not locales_dir.is_dir():
        return None
    names = sorted(path.stem for path in locales_dir.glob("*.yml"))
    found = match_language(language or REFERENCE, names)
    return locales_dir / f"{found}.yml" if found is not None else None


def _guide_strings(path: Path | None) -> dict[str, Entry]:
    """The usable strings of a guide's catalog: those the loader found nothing wrong with.

    The loader reports every mistake in it (``check_guide_catalog``); under ``serve`` the site is
    still built, so a broken file or entry is skipped here instead of stopping the build.
    """
    if path is None:
        return {}
    try:
        strings = read_catalog(path)
    except CatalogError:
        return {}
    reference = _cached(REFERENCE)
    language = path.stem
    return {
        key: entry
        for key, entry in strings.items()
        if key in reference and not check_entry(key, entry, reference[key], language)
    }


def load_catalog(
    language: str, overrides: Mapping[str, Entry] | None = None, locales_dir: Path | None = None
) -> Catalog:
    """The catalog for ``language``: English, then the shipped catalog, the guide's own
    (``locales_dir``) and the author's ``guide.strings`` (``overrides``, already validated).

    ``Catalog.missing`` names the language when some strings have no translation in it and
    stay in English (the build warns once, naming them: ``Catalog.untranslated``).
    """
    language = language or REFERENCE
    shipped = match_language(language)
    own = _guide_strings(guide_catalog_file(locales_dir, language))
    strings = dict(_cached(REFERENCE))
    covered: set[str] = set(strings) if shipped is not None else set()
    if shipped is not None and shipped != REFERENCE:
        strings.update(_cached(shipped))
    for layer in (own, overrides or {}):
        strings.update(layer)
        covered.update(layer)
    untranslated = sorted(set(strings) - covered)
    translated = shipped is not None or bool(own) or bool(overrides)
    page_language = language if translated else REFERENCE
    missing = language if untranslated else None
    has_catalog = shipped is not None or bool(own)
    return Catalog(page_language, strings, missing=missing, untranslated=untranslated, has_catalog=has_catalog)


def missing_catalog_message(
    language: str, untranslated: list[str] | None = None, locales_dir: str = "locales", has_catalog: bool = False
) -> str:
    """The one warning for a language whose strings are not all translated (every engine says it alike)."""
    shipped = ", ".join(available_languages())
    fix = (
        f"add {locales_dir}/{language}.yml beside mkdocs.yml (`guidegen new-catalog {language}` writes one to "
        "translate) or the missing strings under guide.strings on the home page"
    )
    if not has_catalog or untranslated is None:
        return (
            f"No catalog of the generator's words for language '{language}': they stay in English "
            f"(shipped catalogs: {shipped}; {fix})."
        )
    named = ", ".join(untranslated[:5]) + (", ..." if len(untranslated) > 5 else "")
    count = len(untranslated)
    noun = "string" if count == 1 else "strings"
    return f"{count} of the generator's {noun} have no '{language}' translation and stay in English ({named}): {fix}."


_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def check_entry(key: str, entry: Entry, reference: Entry, language: str) -> list[str]:
    """What is wrong with one translation of ``key`` (empty when nothing is)."""
    problems = []
    expected = entry_placeholders(reference)
    if isinstance(reference, dict) and isinstance(entry, str):
        entry = {"other": entry}  # one text for every number is fine
    if isinstance(reference, str) and isinstance(entry, dict):
        return ["takes one text, not plural forms (it has no {count})"]
    forms = entry if isinstance(entry, dict) else {"": entry}
    if isinstance(entry, dict):
        known = plural_forms(language)
        unknown = [form for form in entry if form not in known]
        if unknown:
            named = ", ".join(known)
            problems.append(f"has plural form '{unknown[0]}', which {language} does not have (it has: {named})")
        if "other" not in entry:
            problems.append("needs the plural form 'other'")
    for form, text in forms.items():
        try:
            found = placeholders(text)
        except CatalogError:
            problems.append("has an unmatched { or }: write {{ or }} for a brace")
            continue
        where = f"form '{form}' " if form else ""
        for name in sorted(found - expected):
            allowed = ", ".join("{" + p + "}" for p in sorted(expected)) or "none"
            problems.append(f"{where}uses {{{name}}}, which this string does not have (it has: {allowed})")
        missing = expected - found
        if form not in ("", "other"):
            missing -= {COUNT}
        for name in sorted(missing):
            problems.append(f"{where}leaves out {{{name}}}")
    return problems


def check_catalog(language: str) -> list[str]:
    """Every problem of one shipped catalog against the English one, as 'key: message' lines."""
    reference = _cached(REFERENCE)
    catalog = read_catalog(catalog_path(language))
    problems = [f"{key}: not in the {language} catalog" for key in reference if key not in catalog]
    problems += [f"{key}: not an English key" for key in catalog if key not in reference]
    for key, entry in catalog.items():
        if not _KEY.match(key):
            problems.append(f"{key}: keys are lower-case words joined by dots")
        if key in reference:
            problems += [f"{key}: {message}" for message in check_entry(key, entry, reference[key], language)]
        if isinstance(reference.get(key), dict) and isinstance(entry, dict):
            problems += [f"{key}: no plural form '{form}'" for form in plural_forms(language) if form not in entry]
    return problems


@dataclass(frozen=True)
class CatalogProblem:
    """One mistake in a guide's own catalog, at its 0-based line and column."""

    line: int
    column: int
    key: str
    message: str
    hint: str = ""


def check_guide_catalog(path: Path, language: str) -> list[CatalogProblem]:
    """Every mistake in a guide's own catalog file, each at its line: unknown keys, entries that are not
    text, placeholders, and the language's CLDR plural forms (Babel), as the shipped catalogs are held to."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [CatalogProblem(0, 0, "", "the file is not UTF-8", "save it as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line, mark.column) if mark is not None else (0, 0)
        reason = getattr(error, "problem", None) or str(error)
        return [CatalogProblem(line, column, "", f"not valid YAML: {reason}")]
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        return [CatalogProblem(node.start_mark.line, 0, "", "a catalog is a mapping of keys to strings")]
    reference = _cached(REFERENCE)
    forms = plural_forms(language)
    problems: list[CatalogProblem] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        at = (key_node.start_mark.line, key_node.start_mark.column)
        if key not in reference:
            from guidegen.problems import did_you_mean  # plain module; imported here to keep i18n's imports small

            hint = did_you_mean(key, reference) or f"the keys are those of the generator's {REFERENCE}.yml"
            problems.append(CatalogProblem(*at, key, "no such string in the generator's catalog", hint))
            continue
        english = reference[key]
        hint = f"in English it reads: {english if isinstance(english, str) else english['other']}"
        entry = _node_entry(value_node)
        if entry is None:
            named = ", ".join(forms)
            wanted = f"text, or text for each plural form ({named})" if isinstance(english, dict) else "text"
            problems.append(CatalogProblem(*at, key, f"must be {wanted}", hint))
            continue
        messages = check_entry(key, entry, english, language)
        if isinstance(english, dict) and isinstance(entry, dict):
            messages += [
                f"no plural form '{form}' ({language} has: {', '.join(forms)})" for form in forms if form not in entry
            ]
        problems += [CatalogProblem(*at, key, message, hint) for message in messages]
    return problems


def _node_entry(node: yaml.Node) -> Entry | None:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value.strip():
        return node.value
    if isinstance(node, yaml.MappingNode) and node.value:
        forms = {str(name.value): value for name, value in node.value}
        if all(isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str") for value in forms.values()):
            return {form: value.value for form, value in forms.items()}
    return None


#: A guide catalog with at least this share of its strings still the English text is a copy left untranslated.
UNTRANSLATED_SHARE = 0.5


def english_copy_warning(path: Path, language: str) -> str | None:
    """A warning when a guide's catalog for another language still holds mostly the English text."""
    if match_language(language, [REFERENCE]) is not None:
        return None
    try:
        strings = read_catalog(path)
    except CatalogError:
        return None  # reported as a problem
    reference = _cached(REFERENCE)
    same = [key for key, entry in strings.items() if key in reference and entry == reference[key]]
    if not strings or len(same) < UNTRANSLATED_SHARE * len(strings):
        return None
    return (
        f"{path.name}: {len(same)} of its {len(strings)} strings are still the English text: translate them, "
        f"or readers of this '{language}' guide see English"
    )


#: The palette toggles' names ``guidegen new`` writes into mkdocs.yml, as catalog keys.
TOGGLE_KEYS = ("palette.to_light", "palette.to_dark", "palette.to_system")


def translate_toggles(palette: object, catalog: Catalog) -> None:
    """Material's light/dark toggle labels in the guide's language where mkdocs.yml has the generator's English.

    mkdocs.yml is written once, in one language (and this repository's serves every test language);
    a name of the author's own is left as it is. Changes ``palette`` (mkdocs.yml's theme.palette) in place.
    """
    english = _cached(REFERENCE)
    translations = {english[key]: catalog.text(key) for key in TOGGLE_KEYS}
    entries = palette if isinstance(palette, list) else [palette]
    for entry in entries:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in translations:
            toggle["name"] = translations[toggle["name"]]
