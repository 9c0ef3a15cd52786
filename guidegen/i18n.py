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
    #: The language asked for when no catalog had it (the build warns once).
    missing: str | None = None
    locale: Locale = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.locale = _locale(self.language)

    @property
    def numbering(self) -> str:
        """The digits numbers are written in ("latn", "arab"...), for the browser to match."""
        return self.locale.default_numbering_system

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale, numbering_system="default")

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
        pattern = Markup(escape(self._pattern(key, count)))
        return pattern.format(**self._values(count, values))

    def runtime(self) -> dict[str, object]:
        """What the scripts need: the language, its digits, and every ``js.`` string."""
        strings = {key: value for key, value in self.strings.items() if key.startswith(RUNTIME_PREFIX)}
        # The ten digits as this build writes them: the scripts write small whole numbers
        # with them instead of starting the browser's Intl.NumberFormat (store.js says why).
        digits = [self.number(digit) for digit in range(10)]
        return {"lang": self.language, "numbers": self.numbering, "digits": digits, "strings": strings}

    def runtime_json(self) -> Markup:
        """The JSON data block's content, safe inside <script> (no "</" can close it)."""
        text = json.dumps(self.runtime(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_CACHE: dict[str, dict[str, Entry]] = {}


def _cached(language: str) -> dict[str, Entry]:
    if language not in _CACHE:
        _CACHE[language] = read_catalog(catalog_path(language))
    return _CACHE[language]


def load_catalog(language: str, overrides: Mapping[str, Entry] | None = None) -> Catalog:
    """The catalog for ``language``, English where it has no catalog (``Catalog.missing`` says so).

    ``overrides`` (already validated) replace single strings: the author's own words.
    """
    found = match_language(language or REFERENCE)
    strings = dict(_cached(REFERENCE))
    if found is not None and found != REFERENCE:
        strings.update(_cached(found))
    strings.update(overrides or {})
    page_language = (language or REFERENCE) if found is not None else REFERENCE
    return Catalog(page_language, strings, missing=None if found is not None else language)


def missing_catalog_message(language: str) -> str:
    """The one warning for a language with no catalog (every engine says it alike)."""
    return (
        f"No catalog of the generator's words for language '{language}': they stay in English (catalogs: "
        f"{', '.join(available_languages())}; add guidegen/locales/{language}.yml, see README)."
    )


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
