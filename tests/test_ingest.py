"""Ingest: real files in tmp_path through the public readers, good and bad documents mixed."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

import pytest

from detente.errors import DataFileError, InputError
from detente.ingest import (
    DEFAULT_MAX_BYTES,
    article_from_html,
    article_from_text,
    read_jsonl_stream,
    read_paths,
)
from detente.ingest.boilerplate import is_sentence, load_patterns, site_name, split_boilerplate
from detente.ingest.html import looks_like_html
from detente.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"

# Synthetic articles, written for these tests.
BODY = [
    "Envoys from Armenia and Azerbaijan resumed talks in Geneva on Tuesday on the demarcation of "
    "their shared border, the Swiss foreign ministry said.",
    "The two delegations met for four hours and agreed to set up a joint commission of surveyors, "
    "according to a statement released after the meeting.",
    "“We have made real progress on the northern section,” one of the envoys told reporters, adding "
    "that a further round was planned for April.",
    "Observers from the European Union attended the session as guests.",
]
TITLE = "Border talks resume in Geneva"
SITE = "The Meridian Post"

TEXT_PAGE = f"""{TITLE}

Anna Berg/Reuters

{BODY[0]}

{BODY[1]}

{BODY[2]}

{BODY[3]}

{SITE}

Leave a Reply

Your email address will not be published.

This website uses cookies to improve your experience. We'll assume you're ok with this. Accept Read More
"""

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | {SITE}</title>
<meta property="og:site_name" content="{SITE}">
<link rel="canonical" href="https://meridian.example/world/border-talks">
<meta property="article:published_time" content="2024-03-12T08:30:00Z">
</head><body>
<div class="cookie-banner">We use cookies to personalise content and ads.
<button>Accept all cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/about">About us</a></li></ul></nav></header>
<main><article>
<h1>{TITLE}</h1>
<p>Anna Berg/Reuters</p>
<p>{BODY[0]}</p>
<div class="share"><a>Share on Facebook</a> <a>Tweet</a> <a>Email</a></div>
<p>{BODY[1]}</p>
<p>{BODY[2]}</p>
<p>Read more: Ceasefire holds in the south</p>
<p>{BODY[3]}</p>
</article>
<aside><h3>Related articles</h3><ul><li><a href="/x">Ceasefire holds in the south</a></li>
<li><a href="/y">Ministers meet in Brussels</a></li></ul></aside>
</main>
<div id="respond"><h3>Leave a Reply</h3><form><p>Your email address will not be published.
Required fields are marked *</p><textarea></textarea><input type="submit" value="Post Comment"></form></div>
<footer><p>{SITE}</p><p>© 2024 {SITE}. All rights reserved.</p><ul><li>Privacy policy</li>
<li>Contact us</li></ul></footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(*paths: Path, **kw) -> list[Article | InputError]:
    return list(read_paths(paths, **kw))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_error(items: list[Article | InputError], kind: str) -> InputError:
    assert len(items) == 1, items
    err = items[0]
    assert isinstance(err, InputError), err
    assert err.kind == kind, str(err)
    return err


# --- plain text ---------------------------------------------------------------------------


def test_text_headline_body_and_chrome(tmp_path: Path) -> None:
    path = write(tmp_path / "border.txt", TEXT_PAGE)
    art = only_article(read_all(path))
    assert art.title == TITLE
    assert art.text == "\n\n".join(BODY)
    assert [p for _, p in art.paragraphs()] == BODY
    assert art.publisher == SITE  # the site-name line in the trailing chrome
    assert art.origin == str(path)
    assert art.doc_id is None
    assert art.language == "en"
    assert art.date is None
    for chrome in ("Reuters", "Leave a Reply", "email address", "cookies", SITE):
        assert chrome not in art.text


def test_text_date_option_is_used_when_the_document_has_none(tmp_path: Path) -> None:
    path = write(tmp_path / "border.txt", TEXT_PAGE)
    art = only_article(read_all(path, date=dt.date(2024, 3, 12)))
    assert art.date == dt.date(2024, 3, 12)


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    wrapped = (
        "Ministers from the Gulf states met in\n"
        "Riyadh on Sunday to discuss shipping in the\n"
        "Red Sea, a spokesman said.\r\n"
        "\r\n"
        "The talks covered maritime security and the inter-\n"
        "national response to attacks on tankers.\n"
        "  \n"
        "- Saudi Arabia proposed a joint patrol.\n"
        "- Oman asked for more time.\n"
    )
    art = only_article(read_all(write(tmp_path / "wrapped.txt", wrapped)))
    assert art.title is None  # the first line is part of a wrapped paragraph, not a headline
    assert [p for _, p in art.paragraphs()] == [
        "Ministers from the Gulf states met in Riyadh on Sunday to discuss shipping in the Red Sea, "
        "a spokesman said.",
        "The talks covered maritime security and the inter-national response to attacks on tankers.",
        "- Saudi Arabia proposed a joint patrol.",
        "- Oman asked for more time.",
    ]


def test_one_paragraph_per_line_is_not_joined(tmp_path: Path) -> None:
    text = f"{TITLE}\n\n" + "\n".join(BODY[:3]) + "\n"
    art = only_article(read_all(write(tmp_path / "lines.txt", text)))
    assert art.title == TITLE
    assert [p for _, p in art.paragraphs()] == BODY[:3]


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    md = f"# {TITLE}\n\n{BODY[0]}\n\nSee the [full statement](https://example.org/s) for **details**.\n"
    art = only_article(read_all(write(tmp_path / "note.md", md)))
    assert art.title == TITLE
    assert art.text == f"{BODY[0]}\n\nSee the full statement for details."


def test_a_short_last_sentence_is_not_chrome(tmp_path: Path) -> None:
    text = f"{BODY[0]}\n\nHe declined to comment.\n\nMenu\n"
    art = only_article(read_all(write(tmp_path / "short.txt", text)))
    assert art.text == f"{BODY[0]}\n\nHe declined to comment."


# --- HTML ---------------------------------------------------------------------------------


def test_html_page_gives_only_the_article_body(tmp_path: Path) -> None:
    path = write(tmp_path / "border.html", HTML_PAGE)
    art = only_article(read_all(path))
    assert art.text == "\n\n".join(BODY)
    assert art.title == TITLE  # " | The Meridian Post" stripped
    assert art.date == dt.date(2024, 3, 12)
    assert art.url == "https://meridian.example/world/border-talks"
    assert art.publisher == SITE
    assert art.origin == str(path)


def test_html_and_text_of_the_same_article_agree(tmp_path: Path) -> None:
    from_text = only_article(read_all(write(tmp_path / "a.txt", TEXT_PAGE)))
    from_html = only_article(read_all(write(tmp_path / "a.html", HTML_PAGE)))
    assert from_text.text == from_html.text
    assert from_text.title == from_html.title
    assert from_text.id == from_html.id


def test_html_site_name_from_title_suffix_and_footer() -> None:
    page = (
        "<html><head><title>Water talks stall - Daily Courier</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav><article><h1>Water talks stall</h1>"
        f"<p>{BODY[0]}</p><p>{BODY[1]}</p></article>"
        "<footer><div>Daily Courier</div><div>Contact</div></footer></body></html>"
    )
    art = article_from_html(page, origin="mem", date=dt.date(2024, 1, 2), url="https://courier.example/a")
    assert art.title == "Water talks stall"
    assert art.publisher == "Daily Courier"
    assert art.text == f"{BODY[0]}\n\n{BODY[1]}"
    assert art.date == dt.date(2024, 1, 2)  # the page has no date: the caller's is used
    assert art.url == "https://courier.example/a"


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Café talks</title></head><body><article><h1>Café talks</h1>"
        "<p>The “Café de Paris” meeting of European ministers ended on Friday without a statement, "
        "diplomats said.</p></article></body></html>"
    )
    art = only_article(read_all(write(tmp_path / "legacy.htm", page.encode("cp1252"))))
    assert "“Café de Paris”" in art.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><div>",
        "<!DOCTYPE html><html><head><title>Breaking news</title></head><body><div class=",
        "<html><body><nav><a href='/'>Home</a></nav><footer>Contact us</footer></body></html>",
    ],
)
def test_broken_html(tmp_path: Path, markup: str) -> None:
    err = only_error(read_all(write(tmp_path / "broken.html", markup)), "broken-html")
    assert err.document == str(tmp_path / "broken.html")
    assert err.detail


def test_chrome_only_html_raises_from_the_in_memory_api() -> None:
    page = (
        "<html><body><article><p>Leave a Reply</p><p>Your email address will not be published.</p>"
        "<p>This website uses cookies to improve your experience.</p></article></body></html>"
    )
    with pytest.raises(InputError) as exc:
        article_from_html(page, origin="form")
    assert exc.value.kind == "broken-html"


def test_html_sniffing() -> None:
    assert looks_like_html("<!doctype html><p>x</p>")
    assert looks_like_html("\n  <html><body>x")
    assert looks_like_html("<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>")
    assert not looks_like_html(TEXT_PAGE)
    assert not looks_like_html("The law says a < b and c > d in most cases.")


# --- JSONL --------------------------------------------------------------------------------


def jsonl_lines() -> list[str]:
    return [
        json.dumps(
            {"id": 17, "text": BODY[0], "date": "2024-03-12", "title": TITLE, "url": "https://x.example/1"}
        ),
        json.dumps({"id": "b", "text": BODY[1], "pub_date": "2024-03-13T09:00:00+01:00", "source": "Wire"}),
        "{not json",
        "",
        json.dumps({"id": "c", "title": "no body here"}),
        json.dumps({"id": "d", "text": BODY[2], "published": "12/03/2024"}),
        json.dumps({"id": "e", "text": BODY[3], "language": "fr", "publisher": "Le Monde"}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": "g", "text": "   "}),
    ]


def test_jsonl_file_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.jsonl", "\n".join(jsonl_lines()) + "\n")
    items = read_all(path, date=dt.date(2020, 1, 1))
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]

    assert [a.doc_id for a in arts] == ["17", "b", "e"]
    assert [a.origin for a in arts] == [f"{path}:1", f"{path}:2", f"{path}:7"]
    a, b, e = arts
    assert (a.title, a.date, a.url, a.text) == (TITLE, dt.date(2024, 3, 12), "https://x.example/1", BODY[0])
    assert (b.date, b.publisher, b.title) == (dt.date(2024, 3, 13), "Wire", None)
    assert (e.date, e.language, e.publisher) == (dt.date(2020, 1, 1), "fr", "Le Monde")  # --date fallback

    assert [(x.document, x.kind) for x in errs] == [
        (f"{path}:3", "bad-json"),
        (f"{path}:5", "no-text"),
        (f"{path}:6", "bad-date"),
        (f"{path}:8", "bad-json"),
        (f"{path}:9", "no-text"),
    ]
    assert "12/03/2024" in str(errs[2])
    assert f"{path.name}:3" in str(errs[0])


def test_jsonl_from_stdin_text_and_bytes() -> None:
    lines = "\n".join(jsonl_lines()) + "\n"
    from_text = list(read_jsonl_stream(io.StringIO(lines)))
    from_bytes = list(read_jsonl_stream(io.BytesIO(b"\xef\xbb\xbf" + lines.encode("utf-8")), origin="pipe"))
    assert [getattr(i, "origin", None) or i.document for i in from_text] == [
        "stdin:1", "stdin:2", "stdin:3", "stdin:5", "stdin:6", "stdin:7", "stdin:8", "stdin:9",
    ]  # fmt: skip
    assert [type(i) for i in from_text] == [type(i) for i in from_bytes]
    assert from_bytes[0].origin == "pipe:1"
    assert from_text[0].text == from_bytes[0].text == BODY[0]


def test_jsonl_size_limit_applies_per_line() -> None:
    small = json.dumps({"id": "s", "text": BODY[0]})
    big = json.dumps({"id": "big", "text": "word " * 400})
    items = list(read_jsonl_stream(io.StringIO(f"{small}\n{big}\n{small}\n"), max_bytes=1000))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[1].kind == "too-large" and items[1].document == "stdin:2"
    assert "over the 1.0 kB limit" in items[1].detail


# --- directories and extensions -----------------------------------------------------------


def test_directory_tree_is_read_recursively_in_order(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root / "b.txt", f"{BODY[1]}\n")
    write(root / "a" / "z.html", f"<html><body><article><p>{BODY[2]}</p></article></body></html>")
    write(root / "a" / "deeper" / "x.md", f"{BODY[3]}\n")
    write(root / "a" / "feed.ndjson", json.dumps({"id": "n1", "text": BODY[0]}) + "\n")
    write(root / "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(root / "notes.docx", b"PK\x03\x04" + bytes(50))
    write(root / ".hidden.txt", "a hidden editor file\n")
    items = read_all(root)
    assert all(isinstance(i, Article) for i in items), items
    assert [Path(i.origin.split(":")[0]).relative_to(root).as_posix() for i in items] == [
        "a/deeper/x.md",
        "a/feed.ndjson",
        "a/z.html",
        "b.txt",
    ]
    assert [i.text for i in items] == [BODY[3], BODY[0], BODY[2], BODY[1]]


def test_named_file_with_other_extension_is_sniffed(tmp_path: Path) -> None:
    html = write(tmp_path / "page.dat", HTML_PAGE)
    feed = write(tmp_path / "feed.log", json.dumps({"id": "x", "text": BODY[0]}) + "\n")
    text = write(tmp_path / "story", f"{BODY[1]}\n")
    items = read_all(html, feed, text)
    assert [type(i) for i in items] == [Article, Article, Article]
    assert items[0].text == "\n\n".join(BODY)
    assert (items[1].doc_id, items[1].origin) == ("x", f"{feed}:1")
    assert items[2].text == BODY[1]
    assert only_error(read_all(write(tmp_path / "scan.bin", b"%PDF-1.7\n...")), "binary")


# --- bad documents ------------------------------------------------------------------------


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    only_error(read_all(write(tmp_path / "empty.txt", b"")), "empty")
    only_error(read_all(write(tmp_path / "blank.txt", " \n\t\r\n  \n")), "empty")
    only_error(read_all(write(tmp_path / "blank.html", "   \n")), "empty")
    only_error(read_all(write(tmp_path / "bom.txt", b"\xef\xbb\xbf\n\n")), "empty")


def test_chrome_only_text_is_empty(tmp_path: Path) -> None:
    err = only_error(read_all(write(tmp_path / "c.txt", "Leave a Reply\n\nAll rights reserved.\n")), "empty")
    assert "comment-form" in err.detail


def test_binary_files(tmp_path: Path) -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    err = only_error(read_all(write(tmp_path / "noise.txt", noise)), "binary")
    assert "NUL" in err.detail
    err = only_error(
        read_all(write(tmp_path / "paper.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")), "binary"
    )
    assert "PDF" in err.detail
    controls = bytes(rng.randrange(1, 32) for _ in range(300)) + b"some words " * 20
    assert "control" in only_error(read_all(write(tmp_path / "ctl.txt", controls)), "binary").detail


def test_legacy_encodings_decode(tmp_path: Path) -> None:
    text = "Café owners in Lyon said “the strikes” hurt trade – the minister’s office disagreed.\n"
    art = only_article(read_all(write(tmp_path / "cp1252.txt", text.encode("cp1252"))))
    assert art.text == text.strip()
    french = "Le président a déclaré à Genève que la réunion était très productive.\n"
    assert (
        only_article(read_all(write(tmp_path / "latin1.txt", french.encode("latin-1")))).text
        == french.strip()
    )
    art = only_article(read_all(write(tmp_path / "utf16.txt", text.encode("utf-16"))))
    assert art.text == text.strip()
    art = only_article(read_all(write(tmp_path / "bom8.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))))
    assert art.text == text.strip()


def test_bytes_that_are_not_text(tmp_path: Path) -> None:
    rng = random.Random(3)
    junk = bytes(rng.randrange(128, 256) for _ in range(3000))
    (err,) = read_all(write(tmp_path / "junk.txt", junk))
    assert isinstance(err, InputError) and err.kind in {"undecodable", "binary"}


def test_too_large_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    before = write(tmp_path / "1.txt", f"{BODY[0]}\n")
    huge = write(
        tmp_path / "2.txt", ("All work and no play makes Jack a dull boy. " * 120_000)[: 5 * 1024 * 1024]
    )
    after = write(tmp_path / "3.html", HTML_PAGE)
    items = read_all(before, huge, after, tmp_path / "missing.txt")
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article", "InputError"]
    assert items[1].kind == "too-large" and items[1].document == str(huge)
    assert items[1].detail == "5.2 MB, over the 2.0 MB limit"
    assert items[3].kind == "not-found"
    assert DEFAULT_MAX_BYTES == 2_000_000


def test_in_memory_text_api() -> None:
    art = article_from_text(TEXT_PAGE, origin="api", doc_id="req-1", date=dt.date(2024, 3, 12))
    assert (art.doc_id, art.origin, art.date, art.title) == ("req-1", "api", dt.date(2024, 3, 12), TITLE)
    with pytest.raises(InputError) as exc:
        article_from_text(" \n ", origin="api")
    assert exc.value.kind == "empty"
    with pytest.raises(InputError) as exc:
        article_from_html(b"\x89PNG\r\n\x1a\n" + bytes(40), origin="upload")
    assert exc.value.kind == "binary"


# --- boilerplate rules --------------------------------------------------------------------


def test_split_boilerplate_reports_what_it_removed() -> None:
    paras = [
        "Photo: Jane Doe/AP Photo",
        BODY[0],
        "Getty Images, the photo agency, said on Monday that it had agreed to buy a smaller rival for "
        "an undisclosed sum after months of talks with regulators in Brussels and Washington.",
        "Share this: Facebook | Twitter | Email",
        BODY[1],
        "Northern Gazette",
        "Home",
        "Subscribe to our newsletter for the latest headlines.",
    ]
    kept, removed = split_boilerplate(paras)
    assert kept == [BODY[0], paras[2], BODY[1]]  # a long news paragraph naming Getty stays
    assert [r.kind for r in removed] == ["photo-credit", "share", "trailing", "navigation", "subscribe"]
    assert site_name(removed) == "Northern Gazette"


def test_structural_rules_never_remove_sentences() -> None:
    paras = [BODY[0], "It ended.", "The minister said she would return to Moscow next week.", "Contact"]
    kept, removed = split_boilerplate(paras)
    assert kept == paras[:3]
    assert [r.kind for r in removed] == ["navigation"]
    assert is_sentence(BODY[2]) and not is_sentence("Las Vegas Times")
    # a document of short lines only has no "last real paragraph": nothing is trailing chrome
    assert split_boilerplate(["Kabul", "Moscow"]) == (["Kabul", "Moscow"], [])


def test_packaged_boilerplate_table_loads_and_bad_tables_fail(tmp_path: Path) -> None:
    kinds = {p.kind for p in load_patterns()}
    assert {"cookie", "comment-form", "share", "subscribe", "copyright", "photo-credit"} <= kinds
    bad = write(tmp_path / "bad.tsv", "# c\nkind\tmax_chars\tpattern\ncookie\t100\t(unclosed\n")
    with pytest.raises(DataFileError, match=r"bad\.tsv:3"):
        load_patterns(bad)


# --- reference material in ../shared -------------------------------------------------------


def test_seed_article_text_and_html_agree() -> None:
    txt, html = SHARED / "examples" / "seed-article.txt", SHARED / "examples" / "seed-article.html"
    if not (txt.exists() and html.exists()):
        pytest.skip(f"reference examples not found under {SHARED / 'examples'}")
    from_text, from_html = read_all(txt, html)
    assert isinstance(from_text, Article) and isinstance(from_html, Article)
    assert from_text.text == from_html.text
    assert from_text.title == from_html.title
    assert from_html.date == dt.date(2023, 9, 30)
    # 23 blank-line blocks: headline, photo credit, 17 body paragraphs, 4 of chrome
    assert len(from_text.paragraphs()) == 17
    for chrome in ("iStock", "Getty", "Leave A Reply", "will not be published", "cookies"):
        assert chrome not in from_text.text
    last = from_text.paragraphs()[-1][1]
    assert last.endswith("world affairs.")
    assert from_text.publisher is not None and from_text.publisher not in from_text.text


def test_guardian_corpus_reads_without_errors() -> None:
    corpus = SHARED / "corpus" / "guardian_sdf_sample.jsonl"
    if not corpus.exists():
        pytest.skip(f"reference corpus not found: {corpus}")
    items = read_all(corpus)
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, [str(e) for e in errors[:3]]
    assert len(items) == 249
    assert all(a.date is not None and a.doc_id and a.publisher for a in items)
    assert len({a.doc_id for a in items}) == 249
