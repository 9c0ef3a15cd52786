"""Quizzes in a real Chromium: checking, feedback, keyboard use, saved answers, scores, no-JS use.

The mini guide has one single-choice question (watering/when: "Midday" is
wrong with feedback, "Early morning" right, review section "Timing") and one
select-all question (soil/signs: "Earthworms" and "Crumbly texture" right, "A
grey crust" wrong with feedback; its prompt shows ``</script>`` in a code span).
Both show their choices in the stable shuffled order seeded by their ids:
"Early morning", "Midday" and "Earthworms", "A grey crust", "Crumbly texture".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.axe import axe_violations
from tests.helpers import MINI_GUIDE, PageWatcher, build, copy_guide, serve_directory, start_tags

WATERING = "part-one/watering/"
SOIL = "part-one/soil/"
QUIZ = "quiz/"


def question(page: object, key: str) -> object:
    return page.locator(f'form[data-gg-question="{key}"]')  # type: ignore[attr-defined]


def result(form: object) -> object:
    return form.locator(".gg-question__result")  # type: ignore[attr-defined]


def answer(form: object, *choices: str) -> None:
    for choice in choices:
        form.get_by_label(choice, exact=True).check()  # type: ignore[attr-defined]
    form.get_by_role("button", name="Check my answer").click()  # type: ignore[attr-defined]


def stored(page: object) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem(window.ggStore.key) || 'null')")  # type: ignore[attr-defined]


def test_wrong_answer_shows_its_feedback_and_the_review_link(page: object, mini_url: str) -> None:
    watcher = PageWatcher(page, mini_url)
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    answer(form, "Midday")
    box = result(form)
    expect(box).to_contain_text("✗ Not quite.")
    expect(box).to_contain_text("You chose “Midday” — The sun evaporates it.")
    expect(box).to_contain_text("Morning water soaks in before the heat.")
    review = box.get_by_role("link", name="Review: Timing")
    expect(review).to_have_attribute("href", re.compile(r"#timing$"))
    expect(form.locator(".gg-choice", has_text="Midday")).to_contain_text("✗ not right")
    # The right choice is marked too, in words.
    right = form.locator(".gg-choice", has_text="Early morning")
    expect(right).to_contain_text("✓ the right answer")
    expect(right).to_have_class(re.compile(r"gg-choice--right"))
    # Announced politely; checking again waits for "Try again", which takes the focus from the disabled button.
    expect(box).to_have_attribute("role", "status")
    expect(box).to_have_attribute("aria-live", "polite")
    expect(form.get_by_role("button", name="Check my answer")).to_be_disabled()
    expect(form.get_by_role("button", name="Try again")).to_be_focused()
    review.click()
    expect(page).to_have_url(re.compile(r"/part-one/watering/#timing$"))  # type: ignore[arg-type]
    assert watcher.problems == []


def test_right_answer_shows_the_explanation_without_a_review_link(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    answer(form, "Early morning")
    box = result(form)
    expect(box).to_contain_text("✓ Right.")
    expect(box).to_contain_text("Morning water soaks in before the heat.")
    expect(box.get_by_role("link")).to_have_count(0)
    expect(form.locator(".gg-choice", has_text="Early morning")).to_contain_text("✓ right")


def test_checking_without_a_choice_asks_for_one(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    form.get_by_role("button", name="Check my answer").click()
    expect(result(form)).to_have_text("Choose an answer first.")
    assert stored(page) is None or "watering/when" not in stored(page)["quiz"]


def test_select_all_needs_every_correct_choice_and_no_wrong_one(page: object, mini_url: str) -> None:
    page.goto(mini_url + SOIL)  # type: ignore[attr-defined]
    form = question(page, "soil/signs")
    expect(form.locator("legend")).to_contain_text("(select all that apply)")
    box = result(form)

    answer(form, "Earthworms")
    expect(box).to_contain_text("✗ Not quite.")
    expect(box).to_contain_text("You missed “Crumbly texture”.")
    expect(form.locator(".gg-choice", has_text="Crumbly texture")).to_contain_text("missed")

    answer(form, "Earthworms", "Crumbly texture", "A grey crust")
    expect(box).to_contain_text("✗ Not quite.")
    expect(box).to_contain_text("You chose “A grey crust” — A crust keeps water out.")
    expect(box).not_to_contain_text("You missed")

    form.get_by_label("A grey crust").uncheck()
    form.get_by_role("button", name="Check my answer").click()
    expect(box).to_contain_text("✓ Right.")
    expect(box).to_contain_text("Life and structure show healthy soil.")
    assert stored(page)["quiz"]["soil/signs"]["a"] == [0, 1]
    assert stored(page)["quiz"]["soil/signs"]["ok"] is True


def test_checking_again_quickly_shows_one_result(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    form.get_by_label("Midday").check()
    # A repeated check is shown after a short pause, so screen readers hear it again;
    # a third check must not let that pending result add a second copy.
    form.evaluate("form => { form.requestSubmit(); form.requestSubmit(); form.requestSubmit(); }")
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # longer than that pause
    expect(result(form).locator(".gg-result__verdict")).to_have_count(1)
    expect(form.locator(".gg-choice__mark")).to_have_count(2)  # the wrong pick and the right answer, once each


def test_try_again_clears_the_answer(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    answer(form, "Midday")
    form.get_by_role("button", name="Try again").click()
    expect(result(form)).to_be_empty()
    expect(form.get_by_label("Midday")).not_to_be_checked()
    expect(form.get_by_role("button", name="Try again")).to_be_hidden()
    expect(form.get_by_label("Early morning")).to_be_focused()  # the first choice shown
    expect(form.get_by_role("button", name="Check my answer")).to_be_enabled()
    assert "watering/when" not in stored(page)["quiz"]
    answer(form, "Early morning")
    expect(result(form)).to_contain_text("✓ Right.")


def test_keyboard_alone_can_answer_and_check(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    keyboard = page.keyboard  # type: ignore[attr-defined]
    # Clicking plain text sets where Tab starts, as a reader reading down the page.
    page.locator(".gg-quiz__intro").click()  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    keyboard.press("Tab")
    # The shuffled order (SHOWN_WATERING) is the order keys move through.
    expect(form.get_by_label("Early morning")).to_be_focused()
    keyboard.press("ArrowDown")
    expect(form.get_by_label("Midday")).to_be_checked()
    keyboard.press("ArrowUp")
    expect(form.get_by_label("Early morning")).to_be_checked()
    keyboard.press("Tab")
    expect(form.get_by_role("button", name="Check my answer")).to_be_focused()
    keyboard.press("Enter")
    expect(result(form)).to_contain_text("✓ Right.")

    page.goto(mini_url + SOIL)  # type: ignore[attr-defined]
    page.locator(".gg-quiz__intro").click()  # type: ignore[attr-defined]
    form = question(page, "soil/signs")
    keyboard.press("Tab")
    expect(form.get_by_label("Earthworms")).to_be_focused()
    keyboard.press("Space")
    keyboard.press("Tab")
    expect(form.get_by_label("A grey crust")).to_be_focused()
    keyboard.press("Tab")
    keyboard.press("Space")
    keyboard.press("Tab")
    expect(form.get_by_role("button", name="Check my answer")).to_be_focused()
    keyboard.press("Space")
    expect(result(form)).to_contain_text("✓ Right.")


def test_an_answer_saved_before_choices_were_shuffled_still_restores(page: object, mini_url: str) -> None:
    """Answers are saved by the choice's authored index, which shuffling never changes: an answer
    saved when "Early morning" (index 1) was shown second comes back on it, now shown first."""
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    expect(form.locator(".gg-choice label")).to_have_text(["Early morning", "Midday"])
    # The question's fingerprint as the generator wrote it before choices were shuffled.
    saved = {
        "version": 1,
        "checklist": {},
        "quiz": {"watering/when": {"h": "48923d9065", "a": [1], "ok": True, "t": 1}},
    }
    page.evaluate("saved => localStorage.setItem(window.ggStore.key, JSON.stringify(saved))", saved)  # type: ignore[attr-defined]
    for path in (WATERING, QUIZ):
        page.goto(mini_url + path)  # type: ignore[attr-defined]
        form = question(page, "watering/when")
        expect(form.get_by_label("Early morning")).to_be_checked()
        expect(form.get_by_label("Midday")).not_to_be_checked()
        expect(result(form)).to_contain_text("✓ Right.")
        expect(result(form)).to_contain_text("You chose “Early morning”.")
    expect(page.locator('.gg-score[data-gg-score="watering"]')).to_have_text("Quiz: 1 of 1 answered, 1 right")  # type: ignore[attr-defined]
    assert stored(page)["quiz"]["watering/when"]["a"] == [1]


def test_answers_survive_a_reload_and_show_on_the_quiz_page(page: object, mini_url: str) -> None:
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    answer(question(page, "watering/when"), "Midday")
    page.goto(mini_url + SOIL)  # type: ignore[attr-defined]
    answer(question(page, "soil/signs"), "Earthworms", "Crumbly texture")
    expect(page.locator('.gg-score[data-gg-score="soil"]')).to_have_text("Quiz: 1 of 1 answered, 1 right")  # type: ignore[attr-defined]

    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    form = question(page, "watering/when")
    expect(form.get_by_label("Midday")).to_be_checked()
    expect(result(form)).to_contain_text("You chose “Midday” — The sun evaporates it.")
    expect(page.locator('.gg-score[data-gg-score="watering"]')).to_have_text("Quiz: 1 of 1 answered, 0 right")  # type: ignore[attr-defined]

    page.goto(mini_url + QUIZ)  # type: ignore[attr-defined]
    expect(page.locator('.gg-score[data-gg-score="*"]')).to_have_text("Across the guide: 2 of 2 answered, 1 right")  # type: ignore[attr-defined]
    expect(page.locator('.gg-score[data-gg-score="soil"]')).to_have_text("Quiz: 1 of 1 answered, 1 right")  # type: ignore[attr-defined]
    on_quiz_page = question(page, "watering/when")
    expect(on_quiz_page.get_by_label("Midday")).to_be_checked()
    expect(result(on_quiz_page)).to_contain_text("✗ Not quite.")
    # The block's heading links to it; no "From …" under each of its questions (issue 30).
    expect(page.locator("h2#watering a")).to_have_attribute("href", re.compile(r"part-one/watering/$"))  # type: ignore[attr-defined]
    expect(on_quiz_page.get_by_role("link", name=re.compile("^From"))).to_have_count(0)

    # Scores update as the reader answers, here and on the home page.
    answer(on_quiz_page, "Early morning")
    expect(page.locator('.gg-score[data-gg-score="*"]')).to_have_text("Across the guide: 2 of 2 answered, 2 right")  # type: ignore[attr-defined]
    page.goto(mini_url)  # type: ignore[attr-defined]
    expect(page.locator('.gg-score[data-gg-score="watering"]')).to_have_text("Quiz: 1 of 1 answered, 1 right")  # type: ignore[attr-defined]


def test_the_quiz_page_score_follows_answers_given_in_another_tab(context: object, mini_url: str) -> None:
    overview = context.new_page()  # type: ignore[attr-defined]
    overview.goto(mini_url + QUIZ)
    total = overview.locator('.gg-score[data-gg-score="*"]')
    expect(total).to_have_text("Across the guide: 2 questions, none answered yet")
    block_page = context.new_page()  # type: ignore[attr-defined]
    block_page.goto(mini_url + WATERING)
    answer(question(block_page, "watering/when"), "Early morning")
    expect(total).to_have_text("Across the guide: 1 of 2 answered, 1 right")


def test_instant_navigation_to_the_quiz_page_shows_the_answer(page: object, mini_url: str) -> None:
    watcher = PageWatcher(page, mini_url)
    page.goto(mini_url + WATERING)  # type: ignore[attr-defined]
    answer(question(page, "watering/when"), "Early morning")
    page.locator(".md-nav--primary").get_by_role("link", name="All quiz questions").click()  # type: ignore[attr-defined]
    expect(page).to_have_url(re.compile(r"/quiz/$"))  # type: ignore[arg-type]
    form = question(page, "watering/when")
    expect(form.get_by_label("Early morning")).to_be_checked()
    expect(result(form)).to_contain_text("✓ Right.")
    # Checking still works once, not twice, after navigating.
    answer(question(page, "soil/signs"), "Earthworms")
    expect(result(question(page, "soil/signs"))).to_contain_text("✗ Not quite.")
    assert watcher.problems == []


def test_without_javascript_show_answer_reveals_the_key_and_explanation(browser: object, mini_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(mini_url + WATERING)
        form = question(page, "watering/when")
        # The same shuffled order as with JavaScript: it is in the markup.
        expect(form.locator(".gg-choice label")).to_have_text(["Early morning", "Midday"])
        # Nothing can check an answer without JavaScript, so no button pretends to.
        expect(form.get_by_role("button", name="Check my answer")).to_be_hidden()
        key = form.locator("details")
        expect(key).not_to_contain_text("Morning water soaks in", use_inner_text=True)
        key.locator("summary").click()
        expect(key).to_contain_text("Correct answer:")
        expect(key.locator(".gg-answer").first).to_have_text("Early morning")
        expect(key).to_contain_text("Midday — The sun evaporates it.")
        expect(key).to_contain_text("Morning water soaks in before the heat.")
        expect(key.get_by_role("link", name="Review: Timing")).to_be_visible()
    finally:
        context.close()


def test_a_script_tag_in_a_prompt_is_shown_as_text(page: object, mini_url: str) -> None:
    watcher = PageWatcher(page, mini_url)
    for path in (SOIL, QUIZ):
        page.goto(mini_url + path, wait_until="networkidle")  # type: ignore[attr-defined]
        form = question(page, "soil/signs")
        expect(form.locator("legend code")).to_have_text("</script>")
        expect(form.locator("legend")).to_contain_text("Which are signs of healthy soil? Code: </script>")
        if path == SOIL:
            answer(form, "A grey crust")
        # On the quiz page the saved answer is shown again, its feedback cloned from that page's markup.
        expect(result(form)).to_contain_text("You chose “A grey crust” — A crust keeps water out.")
    assert watcher.problems == []


def test_corrupt_or_blocked_storage_keeps_the_quiz_working(browser: object, mini_url: str) -> None:
    records = [
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"version": 1, "quiz": {"watering/when": {"h": "48923d9065", "a": "junk"}, "soil/signs": 3}}),
        json.dumps({"version": 1, "quiz": {"watering/when": {"h": "48923d9065", "a": [0, 7], "ok": True}}}),
    ]
    for record in records:
        context = browser.new_context()  # type: ignore[attr-defined]
        try:
            page = context.new_page()
            watcher = PageWatcher(page, mini_url)
            # Idle first: a reload cancels pending requests, which the watcher would report.
            page.goto(mini_url + WATERING, wait_until="networkidle")
            page.evaluate("record => localStorage.setItem(window.ggStore.key, record)", record)
            page.reload(wait_until="networkidle")
            form = question(page, "watering/when")
            expect(result(form)).to_be_empty()
            expect(page.locator('.gg-score[data-gg-score="watering"]')).to_have_text("Quiz: 1 question")
            answer(form, "Early morning")
            expect(result(form)).to_contain_text("✓ Right.")
            page.reload(wait_until="networkidle")
            expect(question(page, "watering/when").get_by_label("Early morning")).to_be_checked()
            assert watcher.problems == [], record
        finally:
            context.close()

    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        context.add_init_script(
            "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});"
        )
        page = context.new_page()
        watcher = PageWatcher(page, mini_url)
        page.goto(mini_url + WATERING)
        form = question(page, "watering/when")
        answer(form, "Midday")
        expect(result(form)).to_contain_text("✗ Not quite.")
        expect(page.locator('.gg-score[data-gg-score="watering"]')).to_have_text("Quiz: 1 of 1 answered, 0 right")
        assert watcher.problems == []
    finally:
        context.close()


@pytest.fixture
def editable_site(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """A copy of the mini guide, built and served from a folder the test can rebuild into."""
    docs = copy_guide(MINI_GUIDE, tmp_path / "docs")
    site = tmp_path / "site"
    built = build(site, docs)
    assert built.returncode == 0, built.output
    with serve_directory(site) as url:
        yield docs, site, url


def test_editing_one_question_resets_only_that_one(page: object, editable_site: tuple[Path, Path, str]) -> None:
    docs, site, url = editable_site
    page.goto(url + SOIL)  # type: ignore[attr-defined]
    answer(question(page, "soil/signs"), "Earthworms", "Crumbly texture")
    page.goto(url + WATERING)  # type: ignore[attr-defined]
    answer(question(page, "watering/when"), "Early morning")
    page.goto(url + QUIZ)  # type: ignore[attr-defined]
    expect(page.locator('.gg-score[data-gg-score="*"]')).to_have_text("Across the guide: 2 of 2 answered, 2 right")  # type: ignore[attr-defined]

    soil = docs / "part-one" / "soil.md"
    soil.write_text(soil.read_text().replace("signs of healthy soil?", "signs of good soil?"))
    rebuilt = build(site, docs)
    assert rebuilt.returncode == 0, rebuilt.output

    page.goto(url + QUIZ)  # type: ignore[attr-defined]
    expect(page.locator('.gg-score[data-gg-score="*"]')).to_have_text("Across the guide: 1 of 2 answered, 1 right")  # type: ignore[attr-defined]
    edited = question(page, "soil/signs")
    expect(edited.locator("legend")).to_contain_text("signs of good soil?")
    expect(edited.get_by_label("Earthworms")).not_to_be_checked()
    expect(result(edited)).to_be_empty()
    kept = question(page, "watering/when")
    expect(kept.get_by_label("Early morning")).to_be_checked()
    expect(result(kept)).to_contain_text("✓ Right.")
    assert sorted(stored(page)["quiz"]) == ["watering/when"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [WATERING, SOIL, QUIZ])
def test_no_axe_violations_before_and_after_answering(page: object, mini_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[attr-defined]
    page.goto(mini_url + path)  # type: ignore[attr-defined]
    palette = {"light": "default", "dark": "slate"}[scheme]
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)  # type: ignore[attr-defined]
    content = ".md-content"
    assert axe_violations(page, content) == []
    page.locator("form.gg-question details").first.locator("summary").click()  # type: ignore[attr-defined]
    assert axe_violations(page, content) == []
    for form in page.locator("form.gg-question").all():  # type: ignore[attr-defined]
        form.locator("input").first.check()
        form.get_by_role("button", name="Check my answer").click()
        expect(result(form)).not_to_be_empty()
        # Answered: the result says it all, and "Show answer" is gone (issue 30).
        expect(form.locator("details.gg-question__answer")).to_be_hidden()
    assert axe_violations(page, content) == []
    # Try again offers it again.
    first = page.locator("form.gg-question").first  # type: ignore[attr-defined]
    first.get_by_role("button", name="Try again").click()
    expect(first.locator("details.gg-question__answer summary")).to_be_visible()


def test_no_axe_violations_on_the_shipped_quiz_page(page: object, guide_url: str) -> None:
    watcher = PageWatcher(page, guide_url)
    page.goto(guide_url + QUIZ)  # type: ignore[attr-defined]
    assert axe_violations(page, ".md-content") == []
    form = question(page, page.locator("form.gg-question").first.get_attribute("data-gg-question"))  # type: ignore[attr-defined]
    form.locator("input").first.check()
    form.get_by_role("button", name="Check my answer").click()
    expect(result(form)).not_to_be_empty()
    assert axe_violations(page, ".md-content") == []
    assert watcher.problems == []


def test_the_quiz_count_is_on_the_header_line_and_the_quiz_page_has_its_own_title(mini_site: object) -> None:
    """Issue 26: "Quiz: 1 question" sat inside "Your checklist"; the quiz page and each block's quiz had one title."""
    site = mini_site.site_dir  # type: ignore[attr-defined]
    html = (site / WATERING / "index.html").read_text(encoding="utf-8")
    top = html[html.index("gg-eyebrow") : html.index("<h1")]
    assert re.sub(r"<[^>]+>", "", top.split(">", 1)[1]) == "Part 1: Getting started · 1 min read · Quiz: 1 question"
    links = [attrs for tag, attrs in start_tags(top) if tag == "a"]
    assert links[-1] == {"class": "gg-eyebrow__quiz", "tabindex": "-1", "href": "#check-your-understanding"}
    checklist = html[html.index("your-checklist") :]
    assert "gg-score" not in checklist[: checklist.index("</section>")]
    quiz = html[html.index('<h2 id="check-your-understanding"') :]
    assert re.sub(r"<[^>]+>", "", quiz[: quiz.index("</h2>")]) == "Check your understanding"
    score = [attrs for _, attrs in start_tags(quiz[: quiz.index("<form")]) if "data-gg-score" in attrs]
    assert [attrs["data-gg-score"] for attrs in score] == ["watering"]
    page = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    assert "<title>All quiz questions - Gardening basics</title>" in page
    assert re.search(r"<h1[^>]*>All quiz questions</h1>", page)
    assert "Check your understanding" not in page
