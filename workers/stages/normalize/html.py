"""Saved HTML pages: the report's text and tables without the site's chrome (menus, breadcrumbs, footers)."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from schemas.document import Limits
from workers.errors import DecodeFailed

from .blocks import Block, Extracted
from .deadline import Deadline
from .decode import decode
from .html_tables import is_data_table, to_grid

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "template",
    "head",
    "select",
    "button",
    "input",
    "textarea",
    "nav",
    "map",
    "audio",
    "video",
)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "blockquote",
        "pre",
        "center",
        "form",
        "fieldset",
        "address",
        "hr",
        "caption",
        "figure",
    )
)
# Class and id words of site furniture. Matched as whole words against short elements only.
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|crumbs?|position|location|weizhi|dqwz|share|bdshare|fenxiang|footer|foot|copyright|"
    r"banquan|navbar|nav|menu|topbar|sidebar|print|close|sitemap|login|search|toolbar|fontsize|zihao)(?:$|[\s_\-\d])",
    re.IGNORECASE,
)
# Meta tags in which Chinese government CMSs (TRS, Hanweb, ...) put the article's own title.
_TITLE_METAS = frozenset(("articletitle", "title", "dc.title"))
_SPACE_NL = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f])\s*\n\s*(?=[\u3400-\u9fff\u3000-\u303f])")
# Runs of two or more, or one that is not a plain space: a lone space is left as it is, not replaced by itself.
_SPACES = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")


def read_html(data: bytes, limits: Limits, deadline: Deadline, content_type: str | None = None) -> Extracted:
    declared = _CHARSET.search(data[:4096]) or _CHARSET.search((content_type or "").encode())
    text, encoding = decode(data, declared.group(1).decode("ascii") if declared else None)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # A page with fewer tags than the cap cannot nest past it: the tag walk is for the few that might.
    if text.count("<") > _PARSER_DEPTH and _nests_deeper(text, _PARSER_DEPTH):
        # libxml2 drops what lies deeper than its cap: a report wrapped in 100,000 <div>s would come out empty.
        # Layout elements carry no text of their own, so the page is read without them.
        text = _LAYOUT_TAG.sub("\n", text)
    try:
        # huge_tree lifts libxml2's depth cap of 256 (to 2048): real pages nest deeper than 256 in layout tables.
        root = lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as e:
        raise DecodeFailed("the HTML page could not be parsed", detail="html") from e
    deadline.check("html parse")
    titles = [t.text_content() for t in root.iter("title")][:1]
    titles += [m.get("content", "") for m in root.iter("meta") if m.get("name", "").lower() in _TITLE_METAS][:2]
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    _drop_chrome(root)
    walker = _Walker(min(limits.max_html_depth, 800), deadline)
    walker.walk(root, 0)
    walker.finish()
    return Extracted(blocks=walker.blocks, encoding=encoding, page_titles=[t[:300] for t in titles if t.strip()])


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    ("br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "wbr")
)
_LAYOUT_TAG = re.compile(
    r"</?(?:div|span|font|section|article|center|main|nav|table|tbody|thead|tr|td|th|ul|ol|li|dl|dd|dt|b|i|u|em|strong)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_PARSER_DEPTH = 1500  # under libxml2's cap with huge_tree (2048), with room for what the parser adds


def _nests_deeper(text: str, cap: int) -> bool:
    """Whether open elements ever nest deeper than `cap` (one pass over the tags, no parse)."""
    depth = 0
    for m in _TAG.finditer(text):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth += -1 if m.group(1) else 1
        if depth > cap:
            return True
    return False


def _drop_chrome(root: lxml_html.HtmlElement) -> None:
    """Remove menus and footers: elements marked as such by class/id, and short blocks that are mostly links."""
    doomed = []
    # Elements holding a link, found once from the links up: link density is worth measuring only on them. The set
    # keeps the proxies alive, so lxml hands back the same objects when the tree is walked again below.
    linking: set[lxml_html.HtmlElement] = set()
    for link in root.iter("a"):
        for ancestor in link.iterancestors():
            if ancestor in linking:
                break
            linking.add(ancestor)
    for el in root.iter("div", "ul", "ol", "span", "p", "td", "table", "section", "header", "footer", "aside", "dl"):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag in ("header", "footer", "aside") and len(el.text_content()) < 600:
            doomed.append(el)
            continue
        if attrs.strip() and _CHROME_ATTR.search(attrs) and len(el.text_content()) < 300:
            doomed.append(el)
            continue
        if el.tag in ("ul", "ol", "div", "td", "table", "dl") and el in linking:
            total = len(el.text_content().strip())
            linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
            if 0 < total < 400 and linked / total > 0.6:
                doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            _keep_tail(el)
            parent.remove(el)


def _keep_tail(el: lxml_html.HtmlElement) -> None:
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        parent = el.getparent()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        elif parent is not None:
            parent.text = (parent.text or "") + el.tail


class _Walker:
    """Depth-first walk that cuts lines at block elements and hands data tables over as grids."""

    def __init__(self, max_depth: int, deadline: Deadline) -> None:
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.lines: list[str] = []  # raw lines since the last table, tidied together
        self.max_depth = max_depth
        self.deadline = deadline
        self.seen = 0

    def flush(self) -> None:
        if self.line:
            self.lines.append("".join(self.line).replace("\x00", ""))
            self.line = []

    def finish(self) -> None:
        """Spaces tidied on all lines since the last table at once (NUL, which no page text holds, parts them)."""
        self.flush()
        if self.lines:
            # Source line breaks inside a paragraph are rare; those around it are stripped anyway.
            joined = "\x00".join(_SPACE_NL.sub("", line) if "\n" in line.strip() else line for line in self.lines)
            tidy = _SPACES.sub(" ", joined)
            self.blocks.extend(line for line in (raw.strip() for raw in tidy.split("\x00")) if line)
            self.lines = []

    def walk(self, el: lxml_html.HtmlElement, depth: int) -> None:
        self.seen += 1
        if self.seen % 2000 == 0:
            self.deadline.check("html walk")
        tag = el.tag if isinstance(el.tag, str) else ""
        if depth >= self.max_depth:  # hostile nesting: take the rest as flat text
            self.line.append(el.text_content())
            return
        if tag == "table" and is_data_table(el):
            self.finish()
            self.blocks.append(to_grid(el))
            return
        block = tag in _BLOCK
        if block or tag == "br":
            self.flush()
        if el.text and tag != "br":
            self.line.append(el.text)
        for child in el:
            self.walk(child, depth + 1)
            if child.tail:
                self.line.append(child.tail)
        if block:
            self.flush()
