"""Raw inputs -> pages ready to store: files, folders, JSON Lines, feeds and URLs.

Reading never stops a batch: each input yields either a ``Page`` or an
``InputError`` naming the input and what is wrong with it, so the caller
reports the bad ones and stores the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from xml.etree import ElementTree

from charset_normalizer import from_bytes

from marsad.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
META_FILE = "meta.jsonl"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is rarely over 200 KB; 5 MB is a broken input
META_FIELDS = ("published", "source", "url", "title")


@dataclass
class Page:
    """One raw article page as given: the text or HTML and what we know about it."""

    id: str
    raw: str
    is_html: bool = False
    origin: str = ""  # where it came from: a path, "file.jsonl:3", a URL
    meta: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # e.g. encoding repairs, for the report

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()[:16]


def read_inputs(paths: Iterable[str], meta_file: str | None = None) -> Iterator[Page | InputError]:
    """Pages of every input, folders recursively, with metadata merged in.

    A folder's own ``meta.jsonl`` (fields doc, published, source, url) is read
    automatically; ``meta_file`` applies to all inputs and wins over it.

    Example: list(read_inputs(["examples/"]))[0].id == "2025-05-16_istanbul_talks"
    """
    extra_meta = _read_meta(Path(meta_file)) if meta_file else {}
    for given in paths:
        if re.match(r"https?://", given):
            yield from _with_meta(_read_url(given), extra_meta, {})
            continue
        path = Path(given)
        if not path.exists():
            yield InputError(given, "no such file or folder; check the path")
        elif path.is_dir():
            yield from _read_folder(path, extra_meta)
        else:
            folder_meta = _read_meta(path.parent / META_FILE)
            yield from _with_meta(_read_file(path), extra_meta, folder_meta)


def _read_folder(folder: Path, extra_meta: dict) -> Iterator[Page | InputError]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    metas: dict[Path, dict] = {}
    for path in files:
        if path.name == META_FILE or path.name.lower() in {"readme.md", "license", "notice"}:
            continue
        if path.suffix.lower() not in READABLE_SUFFIXES:
            continue  # a folder may hold images, databases, notes: only articles are read from it
        if path.parent not in metas:
            metas[path.parent] = _read_meta(path.parent / META_FILE)
        yield from _with_meta(_read_file(path), extra_meta, metas[path.parent])


def _with_meta(items: Iterable[Page | InputError], extra: dict, folder: dict) -> Iterator[Page | InputError]:
    for item in items:
        if isinstance(item, Page):
            for source in (folder.get(item.id, {}), extra.get(item.id, {})):
                item.meta.update({k: v for k, v in source.items() if k in META_FIELDS and v})
        yield item


def _read_meta(path: Path) -> dict[str, dict]:
    """``doc`` -> metadata, from a meta.jsonl file; a missing file is no metadata."""
    if not path.is_file():
        return {}
    metas = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            metas[str(record["doc"])] = record
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}", f"bad metadata line ({error}); "
                             'expected {"doc": ..., "published": "YYYY-MM-DD"}') from error
    return metas


def _read_file(path: Path) -> Iterator[Page | InputError]:
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        yield InputError(str(path), f"unsupported file type '{path.suffix}'; "
                         "marsad reads .txt, .html, .jsonl and .rss/.atom/.xml feeds")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
            return
        data = path.read_bytes()
    except OSError as error:
        yield InputError(str(path), f"cannot read ({error.strerror})")
        return
    try:
        if suffix in FEED_SUFFIXES:
            yield from _read_feed(data, str(path))
            return
        text, notes = decode_bytes(data, str(path))
        is_html = suffix in HTML_SUFFIXES or looks_like_html(text)
        yield Page(path.stem, text, is_html, str(path), {}, notes)
    except InputError as error:
        yield error


def decode_bytes(data: bytes, origin: str, limit: int = MAX_ARTICLE_BYTES) -> tuple[str, list[str]]:
    """Text of an article's bytes and notes on any repair; raises InputError when it is no article.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read directly; other
    encodings (cp1256, ISO-8859-6, ...) are detected; a file that mixes UTF-8
    with a legacy encoding is decoded line by line.
    """
    if not data.strip():
        raise InputError(origin, "empty file")
    if len(data) > limit:
        raise InputError(origin, f"too large for one article ({len(data) / 1e6:.1f} MB > "
                         f"{limit / 1e6:.0f} MB); split it or give it as JSON Lines")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ["decoded as UTF-16"]
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.05:
        raise InputError(origin, "binary file, not text (is it a PDF, image or archive?)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, origin)


_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))  # not tab, LF, FF, CR


def _control_ratio(sample: bytes) -> float:
    # Counted in C (what translate deletes): every ingested file passes through here.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / max(1, len(sample))


def _decode_legacy(data: bytes, origin: str) -> tuple[str, list[str]]:
    lines = data.split(b"\n")
    utf8_lines = 0
    for line in lines:
        try:
            line.decode("utf-8")
            utf8_lines += any(byte > 127 for byte in line)
        except UnicodeDecodeError:
            pass
    guess = from_bytes(data).best()
    encoding = guess.encoding if guess else "cp1256"
    if utf8_lines:
        decoded = [_decode_line(line, encoding) for line in lines]
        return "\n".join(decoded), [f"mixed encodings: UTF-8 and {encoding}, decoded line by line"]
    try:
        return data.decode(encoding), [f"decoded as {encoding}"]
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(origin, f"unknown text encoding ({error}); save it as UTF-8") from error


def _decode_line(line: bytes, encoding: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(encoding, errors="replace")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than plain text: looks_like_html("<html><body>…") is True."""
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _read_jsonl(path: Path) -> Iterator[Page | InputError]:
    """One article per line: ``text`` or ``html``, plus optional id, title, url, source, published."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                yield InputError(origin, f"not valid JSON ({error})")
                continue
            yield _page_from_record(record, origin, f"{path.stem}-{number}")


def _page_from_record(record: object, origin: str, default_id: str) -> Page | InputError:
    if not isinstance(record, dict):
        return InputError(origin, "a JSON Lines article must be an object with 'text' or 'html'")
    body, is_html = record.get("text"), False
    if not body and record.get("html"):
        body, is_html = record["html"], True
    if not isinstance(body, str) or not body.strip():
        return InputError(origin, "no 'text' or 'html' field with content")
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return InputError(origin, "article too large (over 5 MB)")
    meta = {key: str(record[key]) for key in META_FIELDS if record.get(key)}
    return Page(str(record.get("id") or default_id), body, is_html, origin, meta)


def _read_feed(data: bytes, origin: str) -> Iterator[Page | InputError]:
    """Items of an RSS 2.0 or Atom feed, each an article (its content or summary as HTML)."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        yield InputError(origin, f"malformed feed XML ({error})")
        return
    items = root.findall(".//item") or root.findall(".//{http://www.w3.org/2005/Atom}entry")
    if not items:
        yield InputError(origin, "no <item> or <entry> in the feed")
    for number, item in enumerate(items, 1):
        yield _page_from_record(_feed_record(item), f"{origin}#{number}", f"{Path(origin).stem}-{number}")


def _feed_record(item: ElementTree.Element) -> dict[str, str]:
    def first(*names: str) -> str | None:
        for name in names:
            found = item.find(name)
            if found is not None and (found.text or found.get("href")):
                return found.text or found.get("href")
        return None

    atom = "{http://www.w3.org/2005/Atom}"
    html = first("{http://purl.org/rss/1.0/modules/content/}encoded", "description",
                 f"{atom}content", f"{atom}summary")
    published = first("pubDate", f"{atom}published", f"{atom}updated")
    link = first("link", f"{atom}link")
    return {"html": html or "", "title": first("title", f"{atom}title"), "url": link,
            "published": _feed_date(published), "id": _id_from_url(link) if link else None}


def _feed_date(value: str | None) -> str | None:
    if not value:
        return None
    iso = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    if iso:
        return iso.group()
    from email.utils import parsedate_to_datetime
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def _id_from_url(url: str) -> str:
    tail = re.sub(r"[?#].*", "", url.rstrip("/")).rsplit("/", 1)[-1]
    stem = re.sub(r"\.[a-z]{2,5}$", "", tail)
    return re.sub(r"[^\w\-]", "_", stem) or hashlib.sha256(url.encode()).hexdigest()[:12]


def _read_url(url: str, timeout: float = 20.0) -> Iterator[Page | InputError]:
    request = urllib.request.Request(url, headers={"User-Agent": "marsad/0.1 (+news research)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_ARTICLE_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        yield InputError(url, f"cannot fetch ({getattr(error, 'reason', error)})")
        return
    if "xml" in content_type or data.lstrip()[:200].find(b"<rss") >= 0:
        yield from _read_feed(data, url)
        return
    try:
        text, notes = decode_bytes(data, url)
    except InputError as error:
        yield error
        return
    yield Page(_id_from_url(url), text, looks_like_html(text) or "html" in content_type, url, {"url": url}, notes)
