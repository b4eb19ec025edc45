"""Renderings of a fixed document: golden files, each platform's rules, and email safety."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from PIL import Image

from summarizer.errors import InputError
from summarizer.render import FORMATS, RenderError, render, render_set
from summarizer.timefmt import parse_clock
from summarizer.validation import validation_errors

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
DOCUMENT = json.loads((DATA / "episode.json").read_text(encoding="utf-8"))


def _doc(**changes) -> dict:
    doc = copy.deepcopy(DOCUMENT)
    for path, value in changes.items():
        target = doc
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return doc


def test_the_fixture_is_a_valid_document():
    assert validation_errors(DOCUMENT, "summary") == []


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_matches_its_golden_file(fmt):
    """Set UPDATE_GOLDEN=1 to rewrite the files after an intended change, then read the diff."""
    golden = GOLDEN / FORMATS[fmt].filename
    text = render(DOCUMENT, fmt)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# YouTube: https://support.google.com/youtube/answer/9884579 — first at 0:00, ascending, at least
# three, each at least ten seconds long.
def check_youtube_rules(text: str, duration: float) -> list[float]:
    lines = text.strip().splitlines()
    starts = []
    for line in lines:
        match = re.fullmatch(r"((?:\d+:)?\d{1,2}:\d{2}) (\S.*)", line)
        assert match, f"not a chapter line: {line!r}"
        starts.append(parse_clock(match.group(1)))
    assert starts[0] == 0.0
    assert len(starts) >= 3
    ends = starts[1:] + [duration]
    assert all(end - start >= 10 for start, end in zip(starts, ends)), starts
    return starts


def test_youtube_chapters_follow_youtubes_rules():
    assert check_youtube_rules(render(DOCUMENT, "youtube"), DOCUMENT["episode"]["duration"]) == [0, 18, 83, 168]


def test_youtube_folds_chapters_shorter_than_ten_seconds_into_the_previous_one():
    doc = _doc(chapters__2__start=22.0, chapters__1__end=22.0)
    text = render(doc, "youtube")
    assert check_youtube_rules(text, doc["episode"]["duration"]) == [0, 18, 168]
    assert "What customers really want" not in text


def test_youtube_refuses_an_episode_with_fewer_than_three_chapters():
    doc = _doc(chapters=DOCUMENT["chapters"][:2])
    with pytest.raises(RenderError, match="at least 3 chapters"):
        render(doc, "youtube")


def test_youtube_titles_stay_on_their_line():
    doc = _doc(chapters__1__title="From student\nto mechanic")
    assert "0:18 From student to mechanic" in render(doc, "youtube").splitlines()


# Podcasting 2.0 JSON chapters, version 1.2.0 (podcast-namespace docs/examples/chapters/jsonChapters.md).
PODCAST_CHAPTERS = {
    "type": "object",
    "required": ["version", "chapters"],
    "properties": {
        "version": {"const": "1.2.0"},
        "author": {"type": "string"},
        "title": {"type": "string"},
        "podcastName": {"type": "string"},
        "description": {"type": "string"},
        "fileName": {"type": "string"},
        "waypoints": {"type": "boolean"},
        "chapters": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["startTime"],
                "additionalProperties": False,
                "properties": {
                    "startTime": {"type": "number", "minimum": 0},
                    "endTime": {"type": "number", "minimum": 0},
                    "title": {"type": "string"},
                    "img": {"type": "string"},
                    "url": {"type": "string"},
                    "toc": {"type": "boolean"},
                    "location": {"type": "object"},
                },
            },
        },
    },
}


def test_podcasting_chapters_follow_the_1_2_0_format():
    data = json.loads(render(DOCUMENT, "podcast-chapters"))
    assert list(Draft202012Validator(PODCAST_CHAPTERS).iter_errors(data)) == []
    starts = [c["startTime"] for c in data["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(c["endTime"] > c["startTime"] for c in data["chapters"])
    assert data["chapters"][1]["url"] == "https://www.youtube.com/watch?v=SmallBatch42&t=18"


def test_webvtt_chapters_are_ascending_cues_with_escaped_text():
    doc = _doc(chapters__1__title="Tools & <tricks> --> more")
    text = render(doc, "webvtt")
    assert text.startswith("WEBVTT\n\n")
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(.+)\n", text)
    assert len(cues) == len(doc["chapters"])
    times = [(parse_clock(a), parse_clock(b)) for a, b, _ in cues]
    assert all(start < end for start, end in times) and times == sorted(times)
    assert cues[1][2] == "Tools &amp; &lt;tricks&gt; --&gt; more"


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _inspect(html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def test_newsletter_html_has_no_scripts_styles_or_external_resources():
    page = _inspect(render(DOCUMENT, "newsletter-html"))
    assert not {"script", "style", "link", "img", "iframe", "object", "embed", "form"} & set(page.tags)
    assert not [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "srcset", "background")]
    assert "table" in page.tags and all(a[2] for a in page.attributes if a[1] == "style")
    assert all(value.startswith("https://") for tag, name, value in page.attributes if name == "href")


def test_newsletter_html_escapes_everything_the_model_wrote():
    hostile = '<script>alert("x")</script> & <b onclick="steal()">bold</b>'
    doc = _doc(title=hostile, summary=hostile, advice__0__text=hostile, quotes__0__text=hostile)
    html = render(doc, "newsletter-html")
    page = _inspect(html)
    assert "script" not in page.tags and "b" not in page.tags
    assert "&lt;script&gt;" in html and hostile in "".join(page.text)
    assert "".join(page.text).count("alert(") == 5  # title tag, heading, summary, advice, quote: all as text


def test_only_web_urls_become_links():
    html = render(_doc(episode__url="javascript:alert(1)"), "newsletter-html")
    assert "javascript:" not in html and "href" not in html
    assert "](" not in render(_doc(episode__url="javascript:alert(1)"), "markdown")


def test_newsletter_text_is_plain_and_wrapped():
    text = render(DOCUMENT, "newsletter-text")
    assert "<" not in text and "&amp;" not in text
    assert all(len(line) <= 72 or "https://" in line for line in text.splitlines())
    assert "0:18    From student to mechanic" in text


def test_markdown_links_chapter_times_to_the_episode():
    text = render(DOCUMENT, "markdown")
    assert "- [1:23](https://www.youtube.com/watch?v=SmallBatch42&t=83) **What customers really want**" in text
    assert "> — Tom, [1:09](https://www.youtube.com/watch?v=SmallBatch42&t=69)" in text


def test_untimed_episodes_skip_the_chapter_formats_and_say_why():
    doc = _doc(episode__duration=None, episode__format="plain")
    for chapter in doc["chapters"]:
        chapter["start"] = chapter["end"] = None
    for item in doc["advice"] + doc["quotes"] + doc["resources"]:
        item["start"] = None
    for quote in doc["quotes"]:
        quote["end"] = None
    assert validation_errors(doc, "summary") == []
    files, skipped = render_set(doc)
    assert sorted(files) == ["newsletter.html", "newsletter.txt", "show-notes.md", "summary.json"]
    assert len(skipped) == 3 and all("timestamps" in reason for reason in skipped)
    assert "- **Welcome to Small Batch**" in files["show-notes.md"]


def test_json_renders_pretty_or_compact_and_round_trips():
    compact = render(DOCUMENT, "json", compact=True)
    assert compact.count("\n") == 1 and json.loads(compact) == DOCUMENT
    assert json.loads(render(DOCUMENT, "json")) == DOCUMENT


def test_a_template_given_by_path_replaces_the_shipped_one(tmp_path):
    template = tmp_path / "mine.txt.j2"
    template.write_text("{{ doc.title }} has {{ doc.chapters|length }} chapters; first {{ chapters[0].clock }}\n")
    assert render(DOCUMENT, "youtube", template) == (
        "Twenty years of fixing bicycles & pricing the work has 4 chapters; first 0:00\n"
    )


def test_a_broken_template_is_a_clear_input_error(tmp_path):
    template = tmp_path / "broken.md.j2"
    template.write_text("{{ doc.no_such_field }}")
    with pytest.raises(InputError, match="broken.md.j2: template error"):
        render(DOCUMENT, "markdown", template)


BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=700,1400",
]
PREVIEW = Path(__file__).resolve().parents[1] / "outputs" / "test-artifacts" / "newsletter.png"


def test_newsletter_renders_in_headless_chromium_to_a_non_blank_picture(tmp_path):
    """Leaves outputs/test-artifacts/newsletter.png for a person to look at."""
    browser = shutil.which("chromium")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    page = tmp_path / "newsletter.html"
    page.write_text(render(DOCUMENT, "newsletter-html"), encoding="utf-8")
    shot = tmp_path / "newsletter.png"
    subprocess.run(
        [browser, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with Image.open(shot) as image:
        grey = image.convert("L")
        width, height = grey.size
        dark = sum(count for value, count in enumerate(grey.histogram()) if value < 128)
        colours = len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])
    assert (width, height) == (700, 1400)
    assert dark / (width * height) > 0.01 and colours > 50  # text was drawn, not a blank page
    PREVIEW.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, PREVIEW)


def test_markdown_shows_model_text_literally():
    text = render(_doc(chapters__0__title="Use *args and [links](x) <b>"), "markdown")
    assert r"**Use \*args and \[links\](x) \<b>**" in text
