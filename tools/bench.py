"""What the generator costs: build time against plain Material, edit-to-reload, page weight.

Run through scripts/bench. For each size it writes a synthetic guide (every
block with a realistic body, 8 checklist items and 5 quiz questions) twice:
once as this generator's input, once as the same pages written out by hand in
plain Markdown (checklists as lists, quizzes with their answers in collapsible
blocks, the site-wide checklist and quiz pages and the per-block sheets as
their own pages, left out of search as the generator does; block summaries as
page descriptions) built by plain Material with the same theme settings and
Markdown extensions but no hooks and no theme overrides. The peer, mkdocs-quiz
1.7.1 (its own ``.venv-quiz``, ``requirements-quiz.txt``), builds the same content
with its quizzes as ``<quiz>`` blocks and checklists as task lists. Each
configuration is built twice in one fresh Python process (the second build is
what ``mkdocs serve`` repeats on a full rebuild), interleaved and ``--repeat``
times, the least CPU time counting; the ratios compare second builds, printed
with the machine's load. Edit to reload runs ``mkdocs serve --dirty`` as
``guidegen serve`` does (the plugin choosing what each save rebuilds), with
``--full`` rebuilds, and plain Material both ways.

Then the engines side by side (``GUIDE_ENGINE``: MkDocs, ProperDocs, Zensical,
see ``guidegen/engines.py``), as ratios against MkDocs + Material: the same
generator guides built by each engine's real build command from a fresh
process (what ``scripts/build`` runs, CPU seconds of the whole process tree),
edit-to-reload under each engine's ``serve``, and the first visit to a block
page of the shipped guide. ``--engines-only`` runs just that part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCKS_PER_PART = 10
CHECKLIST_ITEMS = 8
QUESTIONS = 5
SECTIONS = 5
BUDGET_RATIO = 1.15
BUDGET_RELOAD = 2.0
BUDGET_OWN_ASSETS = 12 * 1024  # issue 16: own CSS+JS <= 12 KB gzipped (tests/test_page_weight.py)
# Issue 16's 20 KB and issue 28's 1.5 KB for privacy (tests/test_page_weight.py), besides the guide's checklist
# items in the search index, which are content and grow with the guide (issue 24).
BUDGET_EXTRA_TRANSFER = int(21.5 * 1024)

WORDS = re.findall(
    r"\w+",
    """
    trust time honest calm talk listen promise keep small step week message friend answer question
    feeling boundary space patience change habit reply careful kind steady clear open safe choice
    respect slowly moment evening morning plan notice write name reason apology repair action words
    doubt hope worry pressure quiet simple true daily share private ask offer wait follow through
    consistent reliable
""",
)


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


@dataclass
class Spec:
    """One synthetic block, shared by both ways of writing the guide."""

    part: int
    number: int
    rng_seed: int

    @property
    def id(self) -> str:
        return f"block-{self.number:03d}"

    @property
    def title(self) -> str:
        return f"Building block {self.number}"

    @property
    def path(self) -> str:
        return f"part-{self.part:02d}/{self.id}.md"


def _block_content(spec: Spec, blocks: list[Spec]) -> tuple[str, list[dict], list[dict], str]:
    """(body Markdown, checklist items, quiz questions, summary) of one block, deterministic."""
    rng = random.Random(spec.rng_seed)
    summary = _sentence(rng, 10, 16)
    body = [f"# {spec.title}", "", _paragraph(rng, 3), ""]
    others = [other for other in blocks if other is not spec]
    for section in range(1, SECTIONS + 1):
        body += [f"## Section {section} {{#s{section}}}", "", _paragraph(rng), ""]
        if section == 2:
            body += [f"- {_sentence(rng, 5, 10)}" for _ in range(4)] + [""]
        if section == 3:
            body += ['!!! note "Remember"', f"    {_sentence(rng)}", ""]
        if section == 4 and others:
            other = rng.choice(others)
            link = os.path.relpath(other.path, os.path.dirname(spec.path))
            body += [f"{_sentence(rng)} See [{other.title}]({link}).", ""]
        body += [_paragraph(rng, 5), ""]
    items = [
        {"id": f"item-{i}", "text": f"{_sentence(rng, 6, 14)[:-1]}, *today*.", "section": f"s{1 + i % SECTIONS}"}
        for i in range(1, CHECKLIST_ITEMS + 1)
    ]
    questions = []
    for q in range(1, QUESTIONS + 1):
        right = rng.randrange(3)
        choices = [
            {"text": _sentence(rng, 5, 10), "correct": c == right, "feedback": _sentence(rng, 8, 14)} for c in range(3)
        ]
        questions.append(
            {
                "id": f"q-{q}",
                "prompt": _sentence(rng, 10, 18)[:-1] + "?",
                "choices": choices,
                "explanation": _paragraph(rng, 2),
                "section": f"s{1 + q % SECTIONS}",
            }
        )
    return "\n".join(body), items, questions, summary


def _specs(size: int) -> list[Spec]:
    return [Spec(1 + (n - 1) // BLOCKS_PER_PART, n, n) for n in range(1, size + 1)]


def _yaml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML scalars


def write_generator_guide(docs: Path, size: int) -> list[Spec]:
    """The guide as this generator's input: front-matter carries checklists and quizzes."""
    specs = _specs(size)
    _write(docs / "index.md", _home_front() + "# Synthetic guide\n\nA guide for measuring.\n\n<!-- guide:series -->\n")
    _write(docs / "safety.md", "# When to step back\n\nSafety first.\n")
    for part in sorted({spec.part for spec in specs}):
        front = f"---\npart: {part}\ntitle: {_yaml(f'Part {part}')}\nsummary: {_yaml(f'About part {part}.')}\n---\n"
        body = f"# Part {part}\n\nIntroduction.\n\n<!-- guide:blocks -->\n"
        _write(docs / f"part-{part:02d}" / "index.md", front + body)
    for spec in specs:
        body, items, questions, summary = _block_content(spec, specs)
        lines = ["---", f"title: {_yaml(spec.title)}", f"summary: {_yaml(summary)}", f"order: {spec.number}"]
        lines.append("checklist:")
        for item in items:
            lines += [f"  - id: {item['id']}", f"    text: {_yaml(item['text'])}", f"    section: {item['section']}"]
        lines.append("quiz:")
        for question in questions:
            lines += [f"  - id: {question['id']}", f"    prompt: {_yaml(question['prompt'])}", "    choices:"]
            for choice in question["choices"]:
                lines.append(f"      - text: {_yaml(choice['text'])}")
                if choice["correct"]:
                    lines.append("        correct: true")
                lines.append(f"        feedback: {_yaml(choice['feedback'])}")
            lines += [f"    explanation: {_yaml(question['explanation'])}", f"    section: {question['section']}"]
        _write(docs / spec.path, "\n".join([*lines, "---", "", body]))
    return specs


def _home_front() -> str:
    return "---\ntitle: Synthetic guide\nguide:\n  safety_page: safety.md\n---\n\n"


def _checklist_md(spec: Spec, items: list[dict], page_path: str) -> list[str]:
    link = os.path.relpath(spec.path, os.path.dirname(page_path)) if page_path != spec.path else ""
    return [f"- [ ] {item['text']} ([Read]({link}#{item['section']}))" for item in items]


def _quiz_md(questions: list[dict]) -> list[str]:
    lines = []
    for number, question in enumerate(questions, 1):
        lines += [f"**{number}. {question['prompt']}**", ""]
        lines += [f"- {choice['text']}" for choice in question["choices"]] + [""]
        lines += ['??? question "Show answer"']
        lines += [f"    - {choice['text']}: {choice['feedback']}" for choice in question["choices"]]
        lines += ["", f"    {question['explanation']}", ""]
    return lines


# Left out of search, as the generator does with its own site-wide and per-block pages.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"


def write_plain_guide(docs: Path, size: int) -> tuple[list[Spec], list[str]]:
    """The same pages written out by hand for plain Material; returns the specs and the nav lines."""
    specs = _specs(size)
    contents = {spec.id: _block_content(spec, specs) for spec in specs}
    parts = sorted({spec.part for spec in specs})
    home = ["# Synthetic guide", "", "A guide for measuring.", ""]
    for part in parts:
        home += [f"## [Part {part}](part-{part:02d}/index.md)", "", f"What part {part} covers.", ""]
        for spec in (s for s in specs if s.part == part):
            home += [f"### [{spec.title}]({spec.path})", "", contents[spec.id][3], ""]
    _write(docs / "index.md", "\n".join(home))
    _write(docs / "safety.md", "# When to step back\n\nSafety first.\n")
    nav = ["nav:", "  - index.md"]
    for part in parts:
        index = [f"---\ndescription: {_yaml(f'About part {part}.')}\n---\n", f"# Part {part}", "", "Introduction."]
        index += ["", "## Building blocks in this part", ""]
        nav += [f"  - {_yaml(f'Part {part}')}:", f"    - part-{part:02d}/index.md"]
        for spec in (s for s in specs if s.part == part):
            index += [f"### [{spec.title}]({spec.id}.md)", "", contents[spec.id][3], ""]
            nav.append(f"    - {spec.path}")
        _write(docs / f"part-{part:02d}" / "index.md", "\n".join(index))
    nav += ["  - checklists/index.md", "  - quiz/index.md", "  - safety.md"]
    checklists = [NOT_SEARCHED + "# Your checklists", ""]
    quiz = [NOT_SEARCHED + "# All quiz questions", ""]
    for spec in specs:
        body, items, questions, summary = contents[spec.id]
        # The summary as the page's description, as the generator sets it (search engines, link previews).
        page = [f"---\ndescription: {_yaml(summary)}\n---\n", body, "", "## Your checklist"]
        page += ["", *_checklist_md(spec, items, spec.path), ""]
        page += [f"[Printable checklist](../checklists/{spec.id}.md) · [All checklists](../checklists/index.md)", ""]
        page += ["## Check your understanding", "", *_quiz_md(questions)]
        page += ["!!! note", "    Not every situation is one to repair: [When to step back](../safety.md).", ""]
        _write(docs / spec.path, "\n".join(page))
        sheet_path = f"checklists/{spec.id}.md"
        sheet = [NOT_SEARCHED + f"# {spec.title}: checklist", "", summary, "", *_checklist_md(spec, items, sheet_path)]
        _write(docs / "checklists" / f"{spec.id}.md", "\n".join(sheet))
        checklists += [f"## [{spec.title}](../{spec.path})", "", *_checklist_md(spec, items, "checklists/index.md"), ""]
        quiz += [f"## [{spec.title}](../{spec.path})", "", *_quiz_md(questions)]
    _write(docs / "checklists" / "index.md", "\n".join(checklists))
    _write(docs / "quiz" / "index.md", "\n".join(quiz))
    return specs, nav


def _quiz_tags(questions: list[dict]) -> list[str]:
    """mkdocs-quiz's syntax: one <quiz> per question, its choices as task items, feedback as quotes."""
    lines = []
    for question in questions:
        lines += ["<quiz>", question["prompt"]]
        for choice in question["choices"]:
            lines += [f"- [{'x' if choice['correct'] else ' '}] {choice['text']}", f"> {choice['feedback']}"]
        lines += ["", question["explanation"], "</quiz>", ""]
    return lines


def write_quiz_guide(docs: Path, size: int) -> tuple[list[Spec], list[str]]:
    """The same guide for mkdocs-quiz (the peer): its quizzes as <quiz> blocks, checklists as task lists.

    It has no per-block sheets and no site-wide checklist or quiz page, so it writes fewer pages."""
    specs = _specs(size)
    contents = {spec.id: _block_content(spec, specs) for spec in specs}
    parts = sorted({spec.part for spec in specs})
    home = ["# Synthetic guide", "", "A guide for measuring.", ""]
    nav = ["nav:", "  - index.md"]
    for part in parts:
        home += [f"## [Part {part}](part-{part:02d}/index.md)", "", f"What part {part} covers.", ""]
        index = [f"---\ndescription: {_yaml(f'About part {part}.')}\n---\n", f"# Part {part}", "", "Introduction."]
        index += ["", "## Building blocks in this part", ""]
        nav += [f"  - {_yaml(f'Part {part}')}:", f"    - part-{part:02d}/index.md"]
        for spec in (s for s in specs if s.part == part):
            home += [f"### [{spec.title}]({spec.path})", "", contents[spec.id][3], ""]
            index += [f"### [{spec.title}]({spec.id}.md)", "", contents[spec.id][3], ""]
            nav.append(f"    - {spec.path}")
        _write(docs / f"part-{part:02d}" / "index.md", "\n".join(index))
    _write(docs / "index.md", "\n".join(home))
    _write(docs / "safety.md", "# When to step back\n\nSafety first.\n")
    nav += ["  - safety.md"]
    for spec in specs:
        body, items, questions, summary = contents[spec.id]
        page = [f"---\ndescription: {_yaml(summary)}\n---\n", body, "", "## Your checklist", ""]
        page += [*_checklist_md(spec, items, spec.path), "", "## Check your understanding", "", *_quiz_tags(questions)]
        page += ["!!! note", "    Not every situation is one to repair: [When to step back](../safety.md).", ""]
        _write(docs / spec.path, "\n".join(page))
    return specs, nav


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_config(
    target: Path,
    docs: Path,
    *,
    plain: bool,
    prune: bool = True,
    sections: bool = True,
    nav: list[str] | None = None,
    quiz: bool = False,
) -> Path:
    """This repository's mkdocs.yml, pointed at a synthetic guide; plain: no hooks, no overrides;
    quiz: plain, with mkdocs-quiz and task lists (the peer)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^docs_dir:.*$", f"docs_dir: {_yaml(str(docs))}", text, flags=re.M)
    text = re.sub(r"^(\s*- )(hooks/\S+|guidegen)$", lambda m: m.group(1) + str(ROOT / m.group(2)), text, flags=re.M)
    text = re.sub(r"^(\s*custom_dir: )(\S+)$", lambda m: m.group(1) + str(ROOT / m.group(2)), text, flags=re.M)
    if plain:
        text = re.sub(r"^hooks:\n(?:\s+- .*\n)+", "", text, flags=re.M)
        text = re.sub(r"^\s*custom_dir: .*\n", "", text, flags=re.M)
        text += "\nnot_in_nav: |\n  /checklists/block-*.md\n" + "\n".join(nav or []) + "\n"
    if quiz:
        text = re.sub(r"^plugins:\n", "plugins:\n  - mkdocs_quiz\n", text, count=1, flags=re.M)
        text = re.sub(
            r"^markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.tasklist\n", text, count=1, flags=re.M
        )
    if not prune:
        text = re.sub(r"^\s*- navigation\.prune\n", "", text, flags=re.M)
    if not sections:
        text = re.sub(r"^\s*- navigation\.sections\n", "", text, flags=re.M)
    target.write_text(text, encoding="utf-8")
    return target


# --- measuring -----------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "GUIDE_SITE_URL": ""}


def timed_builds(config: Path, site: Path, python: str = sys.executable) -> tuple[float, float]:
    """Two builds in one fresh process: (first, second) in CPU seconds, each loading the config anew."""
    process = subprocess.run(
        [python, "-m", "tools.bench", "--worker", str(config), str(site)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{process.stdout}{process.stderr}")
    first, second = json.loads(process.stdout.strip().splitlines()[-1])
    return first, second


def _worker(config: Path, site: Path) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    times = []
    for _ in range(2):
        # CPU time of this process: on a shared machine, wall-clock time mostly measures the neighbours.
        start = time.process_time()
        build(load_config(str(config), site_dir=str(site), strict=True))
        times.append(time.process_time() - start)
    print(json.dumps(times))


def _site_size(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*.html"))


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _fetch_or_empty(url: str) -> str:
    # A server may refuse connections for a moment while it rebuilds or restarts.
    try:
        return _fetch(url)
    except OSError:
        return ""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edit_to_reload(
    config: Path | None,
    block_file: Path,
    page_path: str,
    rounds: int = 3,
    serve_args: tuple[str, ...] = (),
    command: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> list[float]:
    """Seconds from saving a block to the server (`mkdocs serve`, or ``command``) serving the rebuilt page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    if command is None:
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *serve_args]
    else:
        command = [part.replace("{address}", f"127.0.0.1:{port}") for part in command]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env or _env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                _fetch(base + page_path)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"{' '.join(command[:4])} did not start") from None
                time.sleep(0.2)
        timings = []
        for round_number in range(rounds):
            time.sleep(1.0)  # let the watcher settle after the previous build
            marker = f"Edited sentence number {round_number} at {time.time_ns()}."
            text = block_file.read_text(encoding="utf-8")
            start = time.perf_counter()
            block_file.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
            while marker not in _fetch_or_empty(base + page_path):
                if time.perf_counter() - start > 120:
                    raise SystemExit(f"the edit never showed up under {' '.join(command[:4])}")
                time.sleep(0.02)
            timings.append(time.perf_counter() - start)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def own_assets_gzip(folder: Path) -> dict[str, int]:
    """The generator's own JavaScript and CSS in a folder, each gzipped (level 9, as a host would serve them)."""
    return {
        path.name: len(gzip.compress(path.read_bytes(), 9))
        for path in sorted(folder.iterdir())
        if path.suffix in {".js", ".css"}
    }


def page_transfer(site: Path, page_path: str, browser: object = None) -> tuple[int, list[tuple[str, int]]]:
    """Bytes a first visit to a page transfers (compressed), in a real Chromium, until the network is idle.

    ``browser``: a Playwright browser to use (the test suite's); else one is started."""
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    from tools.webserver import serve

    sizes: dict[str, int] = {}
    with ExitStack() as stack:
        base = stack.enter_context(serve(site))
        if browser is None:
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            stack.callback(browser.close)  # type: ignore[attr-defined]
        context = browser.new_context()  # type: ignore[attr-defined]
        stack.callback(context.close)
        page = context.new_page()

        def record(response: object) -> None:
            url = response.url  # type: ignore[attr-defined]
            if url.startswith(base):
                sizes[url.removeprefix(base)] = response.request.sizes()["responseBodySize"]  # type: ignore[attr-defined]

        page.on("requestfinished", lambda request: record(request.response()))
        page.goto(base + page_path, wait_until="networkidle")
        page.wait_for_timeout(500)
    return sum(sizes.values()), sorted(sizes.items())


def checklists_in_search_index(site: Path) -> int:
    """Gzipped bytes of the search index that are the guide's checklist items (every block's "Your checklist").

    Content, not the generator's weight: plain Material renders no front-matter, so its index lacks them,
    and they grow with the guide (4.9 KB gzipped for the 20 chapters of the shipped guide).
    Issue 24: the page-weight budget is for what the generator adds; this part is reported beside it.
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def packed(docs: list[dict[str, object]]) -> int:
        text = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        return len(gzip.compress(text.encode("utf-8"), 9))

    others = [entry for entry in index["docs"] if not str(entry["location"]).endswith("#your-checklist")]
    return packed(index["docs"]) - packed(others)


def build_for_weighing(docs: Path, site: Path, *, plain: bool) -> Path:
    """``docs`` built with this repository's mkdocs.yml into ``site``: by the generator, or (plain) by
    plain Material with the same theme settings, no hooks and no overrides. Plain Material renders no
    front-matter checklist or quiz: what the generator adds is measured against it."""
    config = write_config(site.with_name(site.name + ".yml"), docs, plain=plain, nav=[])
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        raise SystemExit(process.stdout + process.stderr)
    return site


# --- the report ----------------------------------------------------------------------------------


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def quiz_python() -> str | None:
    """The Python of the mkdocs-quiz venv (scripts/bench installs it from requirements-quiz.txt), if there is one."""
    python = os.environ.get("BENCH_QUIZ_PYTHON") or str(ROOT / ".venv-quiz" / "bin" / "python")
    return python if Path(python).is_file() else None


def _load() -> str:
    """The machine's load while measuring: timings on a shared machine are only as good as this."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The least disturbed of repeated runs: the smallest CPU time of each build."""
    return min(run[0] for run in runs), min(run[1] for run in runs)


def run(
    sizes: list[int],
    reload_size: int | None,
    weight: bool,
    *,
    repeat: int = 1,
    variants: bool = True,
    peer_weight_sizes: tuple[int, ...] = (10, 100),
) -> bool:
    ok = True
    quiz = quiz_python()
    print(f"Measured on {_load()} (before the first build)")
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as temp_name:
        temp = Path(temp_name)
        rows = []
        prune_rows = []
        peer_weights = []
        for size in sizes:
            ours_docs, plain_docs, quiz_docs = temp / f"ours-{size}", temp / f"plain-{size}", temp / f"quiz-{size}"
            specs = write_generator_guide(ours_docs, size)
            _, nav = write_plain_guide(plain_docs, size)
            _, quiz_nav = write_quiz_guide(quiz_docs, size)
            configs = {
                "ours": (write_config(temp / f"ours-{size}.yml", ours_docs, plain=False), sys.executable),
                "plain": (write_config(temp / f"plain-{size}.yml", plain_docs, plain=True, nav=nav), sys.executable),
            }
            if quiz:
                quiz_cfg = write_config(temp / f"quiz-{size}.yml", quiz_docs, plain=True, nav=quiz_nav, quiz=True)
                configs["quiz"] = (quiz_cfg, quiz)
            # Interleaved: ours, plain, peer, ours, plain, peer... so that a busy moment hits all of them.
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
            for _ in range(repeat):
                for name, (config, python) in configs.items():
                    runs[name].append(timed_builds(config, temp / f"site-{name}-{size}", python))
            best = {name: _best(times) for name, times in runs.items()}
            pages = {name: len(list((temp / f"site-{name}-{size}").rglob("*.html"))) for name in configs}
            rows.append((size, pages, best, _load()))
            print(
                f"  {size} blocks: " + ", ".join(f"{n} {b[0]:.2f}/{b[1]:.2f} s" for n, b in best.items()),
                file=sys.stderr,
            )
            if quiz and weight and size in peer_weight_sizes and Path("/usr/bin/chromium").exists():
                page = specs[0].path.removesuffix(".md") + "/"
                ours_bytes, _ = page_transfer(temp / f"site-ours-{size}", page)
                quiz_bytes, _ = page_transfer(temp / f"site-quiz-{size}", page)
                peer_weights.append((size, page, ours_bytes, quiz_bytes))
            if variants:
                # navigation.sections renders every top-level section (here: every part) in full,
                # so prune has something to cut only without it.
                row = [size, best["ours"][1], _site_size(temp / f"site-ours-{size}")]
                for name, options in {"np": {"prune": False}, "ns": {"sections": False}}.items():
                    config = write_config(temp / f"ours-{size}-{name}.yml", ours_docs, plain=False, **options)
                    row += [
                        timed_builds(config, temp / f"site-ours-{size}-{name}")[1],
                        _site_size(temp / f"site-ours-{size}-{name}"),
                    ]
                    shutil.rmtree(temp / f"site-ours-{size}-{name}")
                prune_rows.append(row)
            for name in configs:
                shutil.rmtree(temp / f"site-{name}-{size}")

        print("\nBuild time (mkdocs build --strict, CPU seconds; first build / second build in one process;")
        print(f"the least of {repeat} interleaved run{'s' if repeat > 1 else ''}). Ratios compare second builds.")
        peer = "mkdocs-quiz 1.7.1" if quiz else "mkdocs-quiz (not installed: scripts/bench installs it)"
        print(f"  plain: plain Material on the same pages in Markdown; peer: {peer} on the same content")
        header = (
            f"{'blocks':>7} {'pages':>11} {'ours':>13} {'plain':>13} {'peer':>13} {'ours/plain':>11} {'ours/peer':>10}"
        )
        print(header + f"  budget {BUDGET_RATIO} (ours/plain)")
        for size, pages, best, _ in rows:
            ratio = best["ours"][1] / best["plain"][1]
            ok = ok and ratio <= BUDGET_RATIO
            flag = "" if ratio <= BUDGET_RATIO else "  over budget"
            cells = [f"{best[n][0]:.2f}/{best[n][1]:.2f}" if n in best else "-" for n in ("ours", "plain", "quiz")]
            peer_ratio = f"{best['ours'][1] / best['quiz'][1]:.2f}" if "quiz" in best else "-"
            counts = "/".join(str(pages[n]) for n in ("ours", "plain", "quiz") if n in pages)
            print(
                f"{size:>7} {counts:>11} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} {ratio:>11.2f} {peer_ratio:>10}"
                + flag
            )
        print(f"  (pages: ours/plain/peer; {rows[-1][3] if rows else _load()} after the last size)")

        if peer_weights:
            print("\nFirst visit to a block page, compressed transfer until the network is idle, against the peer")
            for size, page, ours_bytes, quiz_bytes in peer_weights:
                print(
                    f"  {size:>4} blocks, /{page}: ours {_kb(ours_bytes)}, mkdocs-quiz {_kb(quiz_bytes)}:"
                    f" {ours_bytes / quiz_bytes:.2f}x"
                )

        if prune_rows:
            print("\nWhat navigation.prune saves (our build; second build, CPU seconds, and all HTML written)")
            print("  shipped: navigation.sections + navigation.prune; parts of 10 blocks")
            print(f"{'blocks':>7} {'shipped':>19} {'without prune':>19} {'prune, no sections':>20}")
            for size, *cells in prune_rows:
                pairs = [f"{cells[i]:>6.2f} s {cells[i + 1] / 2**20:>7.1f} MB" for i in range(0, len(cells), 2)]
                print(f"{size:>7} " + " ".join(f"{pair:>19}" for pair in pairs))

        if reload_size:
            ok = reloads(temp, reload_size) and ok

        if weight and not Path("/usr/bin/chromium").exists():
            print("\nPage weight skipped: it needs Chromium at /usr/bin/chromium (apt-get install chromium).")
        elif weight:
            ok = weigh(temp) and ok
    return ok


def reloads(temp: Path, size: int) -> bool:
    """Edit to reload under serve: ours as `guidegen serve` runs it (--dirty, the plugin choosing what to
    rebuild) and with full rebuilds; plain Material with full rebuilds, and --dirty (its navigation then
    shows "None" for every page it did not re-read: not usable, shown for reference)."""
    ours_docs, plain_docs = temp / "reload-ours", temp / "reload-plain"
    specs = write_generator_guide(ours_docs, size)
    _, nav = write_plain_guide(plain_docs, size)
    spec = specs[len(specs) // 2]
    page_path = spec.path.removesuffix(".md") + "/"
    ours_cfg = write_config(temp / "reload-ours.yml", ours_docs, plain=False)
    plain_cfg = write_config(temp / "reload-plain.yml", plain_docs, plain=True, nav=nav)
    cases = [
        ("ours (guidegen serve)", ours_cfg, ours_docs, ("--dirty",)),
        ("ours, --full", ours_cfg, ours_docs, ()),
        ("plain Material", plain_cfg, plain_docs, ()),
        ("plain, --dirty", plain_cfg, plain_docs, ("--dirty",)),
    ]
    print(f"\nEdit to rebuilt page under mkdocs serve, {size} blocks (median of 3; {_load()})")
    ok = True
    for label, config, docs, args in cases:
        times = edit_to_reload(config, docs / spec.path, page_path, serve_args=args)
        median = statistics.median(times)
        each = ", ".join(f"{t:.2f}" for t in times)
        note = ""
        if label.startswith("ours (guidegen"):
            ok = median < BUDGET_RELOAD
            note = f"  budget < {BUDGET_RELOAD} s"
        elif label == "plain, --dirty":
            note = "  (other pages' titles show as None: for reference only)"
        print(f"  {label:<22} {median:5.2f} s  ({each}){note}")
    return ok


def weigh(temp: Path) -> bool:
    ok = True
    ours_site, plain_site = temp / "weight-ours", temp / "weight-plain"
    docs = ROOT / "docs"
    for site, plain in ((ours_site, False), (plain_site, True)):
        build_for_weighing(docs, site, plain=plain)
    from guidegen.minify import BUNDLES

    sources = own_assets_gzip(ROOT / "guidegen" / "theme" / "assets" / "guide")
    for bundle, names in BUNDLES.items():  # its parts, each gzipped alone
        sources[bundle] = sum(sources.get(name, 0) for name in names)
    assets = own_assets_gzip(ours_site / "assets" / "guide")
    total = sum(assets.values())
    ok = ok and total <= BUDGET_OWN_ASSETS
    print("\nThe generator's own JavaScript and CSS as served (minified by the plugin, guidegen/minify.py), gzipped")
    for name, size in assets.items():
        print(f"  {name:<20} {size:>6} B   (source {sources.get(name, 0):>5} B)")
    print(f"  {'together':<20} {total:>6} B = {_kb(total)}  budget {_kb(BUDGET_OWN_ASSETS)}")

    from guidegen.loader import load_guide

    block = load_guide(docs).guide.blocks[0]
    page = block.src_uri.removesuffix(".md") + "/"
    ours, ours_items = page_transfer(ours_site, page)
    plain, plain_items = page_transfer(plain_site, page)
    extra = ours - plain
    content = checklists_in_search_index(ours_site)
    ok = ok and extra - content <= BUDGET_EXTRA_TRANSFER
    print(f"\nFirst visit to /{page}, compressed transfer until the network is idle")
    print(f"  ours           {_kb(ours)} in {len(ours_items)} requests")
    print(f"  plain Material {_kb(plain)} in {len(plain_items)} requests (the same guide, no hooks, no overrides)")
    print(f"  difference     {_kb(extra)}, of which the guide's checklist items in the search index {_kb(content)}")
    print(f"  without them   {_kb(extra - content)}  budget +{_kb(BUDGET_EXTRA_TRANSFER)}")
    plain_by_name = dict(plain_items)
    for name, size in ours_items:
        other = plain_by_name.get(name)
        if other != size:
            print(f"    {name:<50} {size:>7} B" + (f"  (plain {other} B)" if other is not None else "  (ours only)"))
    home, home_items = page_transfer(ours_site, "")
    plain_home, _ = page_transfer(plain_site, "")
    print("\nFirst visit to the home page, the same way")
    extra_home = _kb(home - plain_home)
    print(f"  ours {_kb(home)} in {len(home_items)} requests, plain Material {_kb(plain_home)}: +{extra_home}")
    return lighthouse(ours_site, ["", page]) and ok


def lighthouse(site: Path, paths: list[str]) -> bool:
    """Lighthouse's mobile scores of these pages, served compressed (one run each; scripts/lighthouse takes medians)."""
    from tools.lighthouse import run as lh

    print("\nLighthouse (mobile preset, served compressed; one run each)")
    if not lh.LIGHTHOUSE.is_file():
        print("  skipped: Lighthouse is not installed (scripts/lighthouse installs it from its lock file)")
        return True
    ok = True
    from tools.webserver import serve

    with serve(site) as base, tempfile.TemporaryDirectory(prefix="guide-bench-lh-") as temp:
        for path in paths:
            result = lh.run_lighthouse(base + path, Path(temp) / "report.json")
            scores = {c: result["categories"][c]["score"] for c in lh.CATEGORIES}  # type: ignore[index]
            audits = result["audits"]  # type: ignore[index]
            below = [c for c in lh.CATEGORIES if scores[c] is None or scores[c] < lh.TARGETS[c]]
            ok = ok and not below
            cells = "  ".join(f"{c} {scores[c]:.2f}" for c in lh.CATEGORIES)
            cls = audits["cumulative-layout-shift"]["numericValue"]
            fcp = audits["first-contentful-paint"]["numericValue"] / 1000
            print(f"  /{path:<24} {cells}  CLS {cls:.3f}  FCP {fcp:.1f} s" + (f"  below: {below}" if below else ""))
    print(f"  targets: {', '.join(f'{c} {t:.2f}' for c, t in lh.TARGETS.items())}")
    return ok


# --- the engines side by side -------------------------------------------------------------------

ENGINES = ("mkdocs", "properdocs", "zensical")


def _engine_env(docs: Path, engine: str) -> dict[str, str]:
    return {**_env(), "GUIDE_DOCS_DIR": str(docs), "GUIDE_ENGINE": engine}


def _ensure_engines(names: list[str]) -> None:
    from guidegen import engines

    # Always through the project's script: it installs a missing engine and brings an installed one up to
    # its requirements file (quick when nothing changed), as scripts/build does.
    for name in names:
        if name in engines.ENGINES:
            script = "source scripts/_setup.sh && ensure_engine"
            subprocess.run(["bash", "-c", script], cwd=ROOT, env={**os.environ, "GUIDE_ENGINE": name}, check=True)


def engine_build(engine: str, docs: Path, site: Path) -> tuple[float, float]:
    """One cold build with the engine's real build command: (wall seconds, CPU seconds of the process tree)."""
    from guidegen import engines
    from guidegen.deploy import engine_command

    command = engine_command(engines.ENGINES[engine], site, [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.run(command, cwd=ROOT, env=_engine_env(docs, engine), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{engine} build of {docs} failed:\n{process.stdout}{process.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def engine_serve_command(engine: str) -> list[str]:
    from guidegen import engines

    chosen = engines.ENGINES[engine]
    if engine == "zensical":
        return [str(chosen.python()), "-m", "guidegen.zensical", "serve", "--dev-addr", "{address}"]
    return chosen.command(
        "serve", "--livereload", "--dirty", "--config-file", str(ROOT / "mkdocs.yml"), "-a", "{address}"
    )


def _ratio(value: float, reference: float) -> str:
    return f"{value / reference:.2f}x" if reference else "-"


def compare_engines(temp: Path, names: list[str], sizes: list[int], reload_sizes: list[int], weight: bool) -> None:
    _ensure_engines(names)
    from guidegen import engines

    print("\nEngines side by side, as ratios against MkDocs + Material (x < 1: faster or lighter)")
    print("  " + ", ".join(engines.ENGINES[name].describe().removeprefix("Engine: ") for name in names))

    print("\nBuild time: the engine's strict build from a fresh process (scripts/build's command),")
    print("CPU seconds of the whole process tree (wall seconds in brackets), best of 2")
    print(f"{'blocks':>7} " + " ".join(f"{name:>24}" for name in names))
    for size in sizes:
        docs = temp / f"engines-{size}"
        write_generator_guide(docs, size)
        cells, reference = [], 0.0
        for name in names:
            runs = [engine_build(name, docs, temp / f"engines-site-{size}-{name}-{n}") for n in range(2)]
            wall, cpu = min(runs, key=lambda run: run[1])
            for n in range(2):
                shutil.rmtree(temp / f"engines-site-{size}-{name}-{n}", ignore_errors=True)
            reference = reference or cpu
            cells.append(f"{cpu:6.2f} s ({wall:5.2f}) {_ratio(cpu, reference):>6}")
            print(f"  {size} blocks, {name}: {cpu:.2f} s CPU, {wall:.2f} s wall", file=sys.stderr)
        print(f"{size:>7} " + " ".join(f"{cell:>24}" for cell in cells))

    for size in reload_sizes:
        docs = temp / f"engines-reload-{size}"
        specs = write_generator_guide(docs, size)
        spec = specs[len(specs) // 2]
        page = spec.path.removesuffix(".md") + "/"
        print(f"\nEdit to rebuilt page under each engine's serve, {size} blocks (median of 3)")
        reference = 0.0
        for name in names:
            times = edit_to_reload(
                None, docs / spec.path, page, command=engine_serve_command(name), env=_engine_env(docs, name)
            )
            median = statistics.median(times)
            reference = reference or median
            each = ", ".join(f"{t:.2f}" for t in times)
            budget = f"{'within' if median < BUDGET_RELOAD else 'over'} the {BUDGET_RELOAD} s budget"
            print(f"  {name:<11} {median:5.2f} s {_ratio(median, reference):>6}  ({each}; {budget})")

    if not weight:
        return
    if not Path("/usr/bin/chromium").exists():
        print("\nPage weight skipped: it needs Chromium at /usr/bin/chromium (apt-get install chromium).")
        return
    from guidegen.loader import load_guide

    block = load_guide(ROOT / "docs").guide.blocks[0]
    page = block.src_uri.removesuffix(".md") + "/"
    print(f"\nFirst visit to /{page} of the shipped guide, compressed transfer until the network is idle")
    reference_size = 0
    for name in names:
        site = temp / f"engines-weight-{name}"
        engine_build(name, ROOT / "docs", site)
        size, items = page_transfer(site, page)
        html = (site / block.src_uri.removesuffix(".md") / "index.html").stat().st_size
        reference_size = reference_size or size
        print(
            f"  {name:<11} {_kb(size):>9} in {len(items):>2} requests {_ratio(size, reference_size):>6}"
            f"  (the page's HTML {_kb(html)} uncompressed)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,500", help="guide sizes in blocks, comma-separated")
    parser.add_argument("--reload-size", type=int, default=100, help="guide size for edit-to-reload (0: skip)")
    parser.add_argument("--no-weight", action="store_true", help="skip the page-weight measurement")
    parser.add_argument("--engines", default=",".join(ENGINES), help="engines to compare, comma-separated ('': none)")
    parser.add_argument("--engines-only", action="store_true", help="only compare the engines")
    parser.add_argument(
        "--engine-reload-sizes", default="100", help="guide sizes for edit-to-reload on each engine (e.g. 100,500)"
    )
    parser.add_argument("--repeat", type=int, default=2, help="interleaved runs of each build; the least counts")
    parser.add_argument("--no-variants", action="store_true", help="skip the navigation.prune table")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CI's short run: 10 and 100 blocks once each against plain Material and the peer, ratios only, "
        "no edit-to-reload, page weight or engines; never fails on a budget (timings on a shared machine)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(Path(args.worker[0]), Path(args.worker[1]))
        return 0
    if args.quick:
        run([10, 100], None, False, repeat=args.repeat if "--repeat" in sys.argv else 1, variants=False)
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    ok = True
    if not args.engines_only:
        ok = run(sizes, args.reload_size or None, not args.no_weight, repeat=args.repeat, variants=not args.no_variants)
    names = [name.strip() for name in args.engines.split(",") if name.strip()]
    if names:
        unknown = sorted(set(names) - set(ENGINES))
        if unknown:
            raise SystemExit(f"unknown engine(s): {', '.join(unknown)} (choose from {', '.join(ENGINES)})")
        reload_sizes = [int(size) for size in args.engine_reload_sizes.split(",") if size.strip()]
        with tempfile.TemporaryDirectory(prefix="guide-bench-engines-") as temp:
            compare_engines(Path(temp), names, sizes, reload_sizes, not args.no_weight)
    if not args.engines_only:
        print("\nAll within budget." if ok else "\nOver budget: see the lines above.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
