"""AKN → Typst source: a visitor over the Akoma Ntoso elements that writes one Typst code block
calling the functions of ``un.typ``.

Untrusted text stays text: every string taken from the document reaches Typst as a string
literal in code mode (`lit` escapes ``\\`` and ``"``, and writes control characters as
``\\u{…}``), never as markup, so ``#``, ``*``, ``$``, ``<``, ``@``, ``=``, ``[``… print as
themselves and nothing in the document is executed. Everything else in the generated code —
function names, labels, lengths — comes from this module. An element the visitor does not know
raises `UnknownElementError`, so nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from lxml import etree

from converter.urls import is_web
from converter.writers.errors import RenderError
from converter.writers.fonts import STACKS

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A = f"{{{AKN_NS}}}"


class TypstWriterError(RenderError, ValueError):
    """The AKN document cannot be written as Typst."""


class UnknownElementError(TypstWriterError):
    """An AKN element that the visitor has no rule for (it would otherwise be dropped)."""


# -- languages --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Language:
    akn: str  #: ISO 639-2 code of FRBRlanguage
    tag: str  #: BCP 47 tag
    typst_lang: str  #: text(lang: …)
    region: str | None  #: text(region: …)
    rtl: bool
    script: str  #: latin, cyrillic, cjk, arabic
    undocs: str  #: https://undocs.org/<segment>/<symbol>


LANGUAGES = {
    lang.akn: lang
    for lang in (
        Language("eng", "en", "en", None, False, "latin", "en"),
        Language("fra", "fr", "fr", None, False, "latin", "fr"),
        Language("spa", "es", "es", None, False, "latin", "es"),
        Language("rus", "ru", "ru", None, False, "cyrillic", "ru"),
        Language("ara", "ar", "ar", None, True, "arabic", "ar"),
        Language("zho", "zh-Hans", "zh", "CN", False, "cjk", "ch"),
    )
}
ALIASES = {
    "en": "eng",
    "fr": "fra",
    "fre": "fra",
    "es": "spa",
    "ru": "rus",
    "ar": "ara",
    "zh": "zho",
    "chi": "zho",
}


# -- Typst literals ---------------------------------------------------------------------------
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def lit(text: str) -> str:
    """``text`` as a Typst string literal: only ``\\`` and ``"`` are special inside one;
    control and separator characters are written as ``\\u{…}`` so the source stays one line."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{{{code:x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def lit_or_none(text: str | None) -> str:
    return "none" if text is None else lit(text)


_SPACE = re.compile(r"[ \t\r\n]+")


# -- reading the document ---------------------------------------------------------------------
def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(_A) :] if tag.startswith(_A) else etree.QName(tag).localname


def _children(el: etree._Element) -> Iterator[etree._Element]:
    return (c for c in el if isinstance(c.tag, str))


def _first(el: etree._Element, path: str):
    found = el.xpath(path, namespaces={"a": AKN_NS})
    return found[0] if found else None


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


DOC_TYPES = {
    "amendmentList",
    "officialGazette",
    "documentCollection",
    "act",
    "bill",
    "debateReport",
    "debate",
    "statement",
    "amendment",
    "judgment",
    "portion",
    "doc",
}
BODIES = {
    "mainBody",
    "body",
    "mainContent",
    "judgmentBody",
    "debateBody",
    "amendmentBody",
    "collectionBody",
    "portionBody",
}
#: numbered hierarchical containers: num / heading / subheading, then content
HIERARCHY = {
    "alinea",
    "article",
    "book",
    "chapter",
    "clause",
    "division",
    "indent",
    "level",
    "list",
    "paragraph",
    "part",
    "point",
    "proviso",
    "rule",
    "section",
    "subchapter",
    "subclause",
    "subdivision",
    "subparagraph",
    "subpart",
    "subrule",
    "subsection",
    "subtitle",
    "title",
    "tome",
    "transitional",
    "hcontainer",
    "container",
    "blockContainer",
    "tblock",
    "item",
    "sublist",
    "blockList",
}
#: hierarchy elements that indent their content one step (sub-paragraph lists)
INDENTING = {"point", "item", "indent", "alinea", "subparagraph", "subclause", "subrule"}
#: wrappers whose children are blocks at the same depth
WRAPPERS = {
    "content",
    "intro",
    "wrapUp",
    "listIntroduction",
    "listWrapUp",
    "foreign",
    "componentRef",
    "documentRef",
    "toc",
}
#: inline elements printed as their text (their meaning is in the XML, not in the print)
PLAIN_INLINE = {
    "span",
    "abbr",
    "term",
    "entity",
    "person",
    "organization",
    "location",
    "concept",
    "object",
    "event",
    "process",
    "role",
    "quantity",
    "def",
    "shortTitle",
    "docType",
    "docPurpose",
    "docIntroducer",
    "docJurisdiction",
    "docNumber",
    "docTitle",
    "docProponent",
    "docStage",
    "docStatus",
    "docAuthority",
    "docCommittee",
    "docketNumber",
    "session",
    "legislature",
    "date",
    "docDate",
    "time",
    "inline",
    "affectedDocument",
    "relatedDocument",
    "quotedText",
    "remark",
    "recordedTime",
    "vote",
    "outcome",
    "courtType",
    "judge",
    "lawyer",
    "party",
    "neutralCitation",
    "signature",
    "fillIn",
    "placeholder",
    "decoration",
    "argument",
    "opinion",
    "mod",
    "mmod",
    "ins",
    "lineNumber",
    "narrative",
    "summary",
    "embeddedText",
}


@dataclass(frozen=True)
class Facts:
    lang: Language
    symbol: str | None
    number: str | None
    title: str | None
    author: str | None
    job: str | None
    work: str | None
    manifestation_date: str | None


def parse(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise TypstWriterError(f"the input is not well-formed XML: {error}") from None
    if root.tag != f"{_A}akomaNtoso":
        raise TypstWriterError(f"the root element is {root.tag!r}, not Akoma Ntoso 3.0")
    return root


def document_element(root: etree._Element) -> etree._Element:
    for child in _children(root):
        if _local(child) in DOC_TYPES:
            return child
    raise TypstWriterError("<akomaNtoso> holds no document (statement, doc, act…)")


def read_facts(root: etree._Element) -> Facts:
    doc = document_element(root)
    meta = _first(doc, "a:meta")
    if meta is None:
        raise TypstWriterError("the document has no <meta>")
    code = _first(meta, "a:identification/a:FRBRExpression/a:FRBRlanguage/@language")
    key = str(code or "").strip().lower()
    lang = LANGUAGES.get(ALIASES.get(key, key))
    if lang is None:
        raise TypstWriterError(f"language {code!r} is not supported (ara, zho, eng, fra, rus, spa)")
    number_el = _first(meta, "a:identification/a:FRBRWork/a:FRBRnumber")
    symbol = _text(_first(doc, "a:coverPage//a:docNumber")) or _text(
        _first(doc, "a:preface//a:docNumber")
    )
    if not symbol and number_el is not None:
        symbol = number_el.get("showAs") or ""
    author = None
    author_href = str(_first(meta, "a:identification/a:FRBRWork/a:FRBRauthor/@href") or "")
    for tlc in meta.iterfind(f"{_A}references/*"):
        if author_href.startswith("#") and tlc.get("eId") == author_href[1:]:
            author = tlc.get("showAs")
    work = _first(meta, "a:identification/a:FRBRWork/a:FRBRuri/@value")
    date = _first(meta, "a:identification/a:FRBRManifestation/a:FRBRdate/@date")
    return Facts(
        lang=lang,
        symbol=symbol or None,
        number=number_el.get("value") if number_el is not None else None,
        title=_text(_first(doc, "a:preface//a:docTitle")) or None,
        author=author,
        job=_text(_first(doc, "a:coverPage//a:docketNumber")) or None,
        work=str(work) if work is not None else None,
        manifestation_date=str(date) if date is not None else None,
    )


# -- links ------------------------------------------------------------------------------------
_JOINED = {"S", "ES"}


def iri_symbol(iri: str) -> str | None:
    """The document symbol of an AKN IRI (``…/A-RES-73-186`` → ``A/RES/73/186``)."""
    parts = [p for p in iri.split("#")[0].split("/") if p]
    parts = [p for p in parts if not (p.startswith("!") or p.startswith(".") or "@" in p)]
    if len(parts) < 3 or parts[0] != "akn":
        return None
    out: list[str] = []
    for token in parts[-1].split("-"):
        if len(out) > 1 and out[-1] in _JOINED and token.isdigit():
            out[-1] = f"{out[-1]}-{token}"
        else:
            out.append(token)
    return "/".join(out).replace("_", " ")


def _number_of(symbol: str) -> str:
    return re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")


def resolver_url(href: str, lang: Language, text: str = "") -> str | None:
    href = href.strip()
    if href.startswith("/akn/"):
        symbol = iri_symbol(href)
        if not symbol:
            return None
        candidate = text.strip().rstrip(".。")
        if candidate and _number_of(candidate) == _number_of(symbol):
            symbol = candidate
        return f"https://undocs.org/{lang.undocs}/{quote(symbol, safe='/().,-')}"
    if is_web(href):  # never another scheme (javascript:, file:…)
        return href
    return None


def alternative_links(doc: etree._Element) -> dict[str, str]:
    links: dict[str, str] = {}
    for alt in doc.iter(f"{_A}alternativeReference"):
        target, href = alt.get("for") or "", (alt.get("href") or "").strip()
        if target.startswith("#") and is_web(href):
            links.setdefault(target[1:], href)
    return links


# -- inline runs ------------------------------------------------------------------------------
class Run:
    """Inline output: text (collapsed like HTML white space) and Typst code pieces."""

    def __init__(self) -> None:
        self.items: list[tuple[bool, str]] = []  # (is_text, value)

    def text(self, value: str | None) -> None:
        if not value:
            return
        value = _SPACE.sub(" ", value)
        if self.items and self.items[-1][0]:
            prev = self.items[-1][1]
            if prev.endswith(" ") and value.startswith(" "):
                value = value[1:]
            self.items[-1] = (True, prev + value)
        elif value:
            if value.startswith(" ") and self._ends_with_space():
                value = value[1:]
            if value:
                self.items.append((True, value))

    def _ends_with_space(self) -> bool:
        return bool(self.items) and self.items[-1][0] and self.items[-1][1].endswith(" ")

    def code(self, value: str) -> None:
        self.items.append((False, value))

    def extend(self, other: Run) -> None:
        for is_text, value in other.items:
            self.text(value) if is_text else self.code(value)

    def strip(self) -> Run:
        """Leading and trailing white space removed (the ends of a block)."""
        items = list(self.items)
        if items and items[0][0]:
            items[0] = (True, items[0][1].lstrip(" "))
        if items and items[-1][0]:
            items[-1] = (True, items[-1][1].rstrip(" "))
        out = Run()
        out.items = [(t, v) for t, v in items if v or not t]
        return out

    def plain(self) -> str:
        return "".join(v for t, v in self.items if t)

    def is_empty(self) -> bool:
        return not any(v for t, v in self.items)

    def expr(self) -> str:
        """The run as one Typst code expression (strings and content joined)."""
        parts = [lit(v) if t else v for t, v in self.items if v]
        if not parts:
            return "[]"
        if len(parts) == 1:
            return parts[0]
        return "{" + "; ".join(parts) + "}"


# -- the visitor ------------------------------------------------------------------------------
@dataclass
class Writer:
    facts: Facts
    alternatives: dict[str, str]
    ids: set[str]
    labels: dict[str, str] = field(default_factory=dict)  #: note eId -> Typst label
    pending_num: list[etree._Element] = field(default_factory=list)
    note_count: int = 0

    # -- inline --------------------------------------------------------------------------------
    def inline_content(self, el: etree._Element) -> Run:
        run = Run()
        run.text(el.text)
        for child in el:
            if isinstance(child.tag, str):
                run.extend(self.inline(child))
            run.text(child.tail)
        return run

    def inline(self, el: etree._Element) -> Run:
        name = _local(el)
        run = Run()
        if name in ("authorialNote", "note"):
            run.code(self.footnote(el))
        elif name == "noteRef":
            run.code(self.note_ref(el))
        elif name in ("ref", "a", "mref", "rref"):
            run.code(self.link(el))
        elif name in ("i", "em"):
            run.code(f"emph({self.inline_content(el).expr()})")
        elif name in ("b", "strong"):
            run.code(f"strong({self.inline_content(el).expr()})")
        elif name == "u":
            run.code(f"underline({self.inline_content(el).expr()})")
        elif name == "sup":
            run.code(f"super({self.inline_content(el).expr()})")
        elif name == "sub":
            run.code(f"sub({self.inline_content(el).expr()})")
        elif name in ("eol", "br"):
            run.code("linebreak()")
        elif name in ("eop", "img"):
            run.text(el.get("alt"))
        elif name == "inline" and el.get("name") == "openingPhrase":
            run.code(f"un-open({self.inline_content(el).expr()})")
        elif name in ("p", "block"):  # a paragraph inside a note or a cell
            run.extend(self.inline_content(el))
        elif name in PLAIN_INLINE:
            if name == "docNumber":
                run.code(f"un-ltr({self.inline_content(el).expr()})")
            else:
                run.extend(self.inline_content(el))
        else:
            raise UnknownElementError(f"no Typst rule for inline <{name}> (eId {el.get('eId')!r})")
        return run

    def link(self, el: etree._Element) -> str:
        href = (el.get("href") or "").strip()
        body = self.inline_content(el)
        target: str | None
        if href.startswith("#"):
            target = None  # internal cross-references print as text
        elif el.get("eId") in self.alternatives:
            target = self.alternatives[el.get("eId")]
        else:
            target = resolver_url(href, self.facts.lang, body.plain())
        if not target:
            return body.expr()
        return f"un-link({lit(target)}, {body.expr()})"

    def footnote(self, el: etree._Element) -> str:
        self.note_count += 1
        marker = el.get("marker") or str(self.note_count)
        pending, self.pending_num = self.pending_num, []
        body = Run()
        first = True
        for part in _children_and_text(el):
            if isinstance(part, str):
                body.text(part)
                continue
            if _local(part) in ("p", "block") and not first:
                body.code("parbreak()")
            body.extend(self.inline(part))
            first = False
        self.pending_num = pending
        call = f"un-note({lit(marker)}, {body.strip().expr()})"
        eid = el.get("eId")
        if eid:
            label = f"un-note-{len(self.labels) + 1}"
            self.labels[eid] = label
            return f"[#{call}<{label}>]"
        return call

    def note_ref(self, el: etree._Element) -> str:
        href = el.get("href") or ""
        label = self.labels.get(href[1:]) if href.startswith("#") else None
        if label:
            return f'footnote(label("{label}"))'
        return f"super({lit(el.get('marker') or '*')})"

    # -- blocks --------------------------------------------------------------------------------
    def take_num(self) -> str | None:
        if not self.pending_num:
            return None
        return self.inline_content(self.pending_num.pop()).strip().expr()

    def para(self, el: etree._Element, depth: int, **options: str) -> str:
        num = self.take_num()
        body = self.inline_content(el).strip()
        args = [f"depth: {depth}"]
        if num is not None:
            args.append(f"num: {num}")
        args += [f"{k}: {v}" for k, v in options.items()]
        return f"un-p({', '.join(args)}, {body.expr()})"

    def blocks(self, el: etree._Element, depth: int) -> list[str]:
        out: list[str] = []
        for child in _children(el):
            out.extend(self.block(child, depth))
        return out

    def block(self, el: etree._Element, depth: int) -> list[str]:
        name = _local(el)
        if name == "meta":
            return []
        if name == "p":
            return [self.para(el, depth)]
        if name == "formula":
            out: list[str] = []
            for child in _children(el):
                if _local(child) == "p":
                    out.append(self.para(child, 0, italic="true"))
                else:
                    out.extend(self.block(child, depth))
            return out
        if name in WRAPPERS:
            return self.blocks(el, depth)
        if name in ("heading", "subheading", "crossHeading"):
            return [f"un-heading({self.inline_content(el).strip().expr()})"]
        if name == "num":
            return [f"un-p(depth: {depth}, {self.inline_content(el).strip().expr()})"]
        if name == "longTitle":
            return [self.long_title(el, indent=True)]
        if name in HIERARCHY:
            return self.hierarchy(el, depth)
        if name == "table":
            return [self.table(el)]
        if name in DOC_TYPES:
            return self.document(el, top=False)
        if name in ("attachments",):
            return [b for att in _children(el) for b in self.block(att, depth)]
        if name in ("attachment", "interstitial", "component"):
            return ["un-annex(top: false, {" + "\n".join(self.blocks(el, depth)) + "})"]
        raise UnknownElementError(f"no Typst rule for block <{name}> (eId {el.get('eId')!r})")

    def hierarchy(self, el: etree._Element, depth: int) -> list[str]:
        name = _local(el)
        inner = depth + 1 if name in INDENTING else depth
        out: list[str] = []
        heading = _first(el, "a:heading")
        before = len(self.pending_num)
        for child in _children(el):
            cname = _local(child)
            if cname == "num":
                if heading is None:
                    self.pending_num.append(child)  # printed at the start of the first p
                continue
            if cname == "heading":
                run = Run()
                num = _first(el, "a:num")
                if num is not None:
                    run.extend(self.inline_content(num))
                    run.text(" ")
                run.extend(self.inline_content(child))
                out.append(f"un-heading({run.strip().expr()})")
                continue
            # a point's own paragraph is indented one step further than its list's intro
            out.extend(self.block(child, inner))
        if len(self.pending_num) > before:  # a num with nothing to print it in
            num = self.pending_num.pop()
            out.insert(0, f"un-p(depth: {inner}, {self.inline_content(num).strip().expr()})")
        return out

    def table(self, el: etree._Element) -> str:
        rows: list[list[str]] = []
        caption = None
        width = 1
        for child in _children(el):
            cname = _local(child)
            if cname == "caption":
                caption = self.inline_content(child).strip().expr()
            elif cname == "tr":
                cells = []
                span_total = 0
                for cell in _children(child):
                    if _local(cell) not in ("td", "th"):
                        raise UnknownElementError(
                            f"no Typst rule for <{_local(cell)}> in a table row"
                        )
                    run = Run()
                    for i, block in enumerate(_children_and_text(cell)):
                        if isinstance(block, str):
                            run.text(block)
                        else:
                            if i and _local(block) in ("p", "block"):
                                run.code("linebreak()")
                            run.extend(self.inline(block))
                    body = run.strip().expr()
                    if _local(cell) == "th":
                        body = f"strong({body})"
                    colspan = (
                        int(cell.get("colspan")) if (cell.get("colspan") or "").isdigit() else 1
                    )
                    rowspan = (
                        int(cell.get("rowspan")) if (cell.get("rowspan") or "").isdigit() else 1
                    )
                    span_total += colspan
                    cells.append(f"table.cell(colspan: {colspan}, rowspan: {rowspan}, {body})")
                width = max(width, span_total)
                rows.append(cells)
            else:
                raise UnknownElementError(f"no Typst rule for <{cname}> in a table")
        cells = ", ".join(c for row in rows for c in row)
        table = (
            f"table(columns: {width}, stroke: 0.5pt, inset: (x: 4pt, y: 2pt), align: start, "
            f"{cells})"
        )
        if caption:
            return f"block({{{caption}; {table}}})"
        return f"block({table})"

    # -- document parts ------------------------------------------------------------------------
    def cover_page(self, el: etree._Element | None) -> str:
        authority = organ = symbol = None
        facts: list[str] = []
        rest: list[str] = []
        authorities = 0
        for child in _children(el) if el is not None else ():
            if _local(child) != "p":
                raise UnknownElementError(f"no Typst rule for <{_local(child)}> in the coverPage")
            names = [(_local(c), c.get("name")) for c in child.iter() if isinstance(c.tag, str)][1:]
            kind = next(
                (
                    n if n != "inline" else (nm or n)
                    for n, nm in names
                    if n
                    in (
                        "docAuthority",
                        "docNumber",
                        "docDate",
                        "docketNumber",
                        "docCommittee",
                        "docStatus",
                        "inline",
                    )
                ),
                "other",
            )
            run = self.inline_content(child).strip()
            if kind == "docAuthority":
                authorities += 1
                if authorities == 1:
                    authority = run.expr()
                else:
                    organ = run.expr()
            elif kind == "docNumber":
                symbol = _text(child)
            elif kind in ("distribution", "docDate", "date", "originalLanguage"):
                facts.append(run.expr())
            elif kind == "docketNumber":
                continue  # printed in the footer of every page
            elif kind == "docCommittee" and run.is_empty():
                continue
            else:
                rest.append(run.expr())
        if symbol is None:
            symbol = self.facts.symbol
        args = [
            f"authority: {authority or 'none'}",
            f"symbol: {lit_or_none(symbol)}",
            f"organ: {organ or 'none'}",
            f"facts: ({''.join(f + ', ' for f in facts)})",
            f"rest: ({''.join(r + ', ' for r in rest)})",
        ]
        return f"un-masthead({', '.join(args)})"

    def long_title(self, el: etree._Element, indent: bool) -> str:
        number = None
        run = Run()
        for i, child in enumerate(_children(el)):
            if _local(child) != "p":
                if i:
                    run.code("linebreak()")
                run.extend(self.inline(child))
                continue
            # a leading resolution number hangs in the indent ("73/8.  Title")
            kids = list(_children(child))
            if (
                i == 0
                and kids
                and _local(kids[0]) == "inline"
                and kids[0].get("name") == "resolutionNumber"
                and not (child.text or "").strip()
            ):
                number = self.inline_content(kids[0]).strip().expr()
                rest = Run()
                rest.text(kids[0].tail)
                for k in kids[1:]:
                    rest.extend(self.inline(k))
                    rest.text(k.tail)
                run.extend(rest)
                continue
            if i:
                run.code("linebreak()")
            run.extend(self.inline_content(child))
        args = [f"indent: {'true' if indent else 'false'}"]
        if number:
            args.append(f"number: {number}")
        return f"un-title({', '.join(args)}, {run.strip().expr()})"

    def preface(self, el: etree._Element, top: bool) -> str:
        out = []
        for child in _children(el):
            cname = _local(child)
            if cname == "longTitle":
                out.append(self.long_title(child, indent=top))
                continue
            if cname != "p":
                out.extend(self.block(child, 0))
                continue
            classes = set((child.get("class") or "").split())
            inner = {_local(c) for c in child.iter() if isinstance(c.tag, str)} - {"p"}
            kind, indent = "plain", top
            if "session" in classes or "session" in inner:
                kind, indent = "session", False
            elif classes & {"agendaItem", "agendaTitle"}:
                indent = False
            elif "sponsors" in classes or inner & {"docProponent", "docStage", "docStatus"}:
                kind = "sponsors"
            if not top:
                kind = "session"  # an annex's heading lines are bold, flush with the column
            body = self.inline_content(child).strip()
            out.append(
                f'un-pf(kind: "{kind}", indent: {"true" if indent else "false"}, {body.expr()})'
            )
        return "un-preface(wide: " + ("true" if top else "false") + ", {" + "\n".join(out) + "})"

    def document(self, el: etree._Element, top: bool = True) -> list[str]:
        out: list[str] = []
        has_cover = _first(el, "a:coverPage") is not None
        if top and not has_cover:
            out.append(self.cover_page(None))
        column: list[str] = []

        def flush() -> None:
            if column:
                out.append("un-column({" + "\n".join(column) + "})" if top else "\n".join(column))
                column.clear()

        for child in _children(el):
            name = _local(child)
            if name == "meta":
                continue
            if name == "coverPage":
                flush()
                out.append(self.cover_page(child) if top else "\n".join(self.blocks(child, 0)))
            elif name == "preface":
                flush()
                out.append(self.preface(child, top))
            elif name == "preamble" or name in BODIES:
                column.extend(self.blocks(child, 0))
            elif name == "conclusions":
                parts = []
                for part in _children(child):
                    if _local(part) == "p":
                        parts.append(f"un-conclusion-p({self.inline_content(part).strip().expr()})")
                    else:
                        parts.extend(self.block(part, 0))
                column.append("un-conclusions({" + "\n".join(parts) + "})")
            elif name == "attachments":
                flush()
                for att in _children(child):
                    if _local(att) not in ("attachment", "interstitial", "component"):
                        raise UnknownElementError(
                            f"no Typst rule for <{_local(att)}> in attachments"
                        )
                    inner: list[str] = []
                    for part in _children(att):
                        if _local(part) in DOC_TYPES:
                            inner.extend(self.document(part, top=False))
                        else:
                            inner.extend(self.block(part, 0))
                    # an annex starts a new page (only possible outside containers)
                    out.append(
                        "un-annex(top: "
                        + ("true" if top else "false")
                        + ", {"
                        + "\n".join(inner)
                        + "})"
                    )
            else:
                column.extend(self.block(child, 0))
        flush()
        return out


def _children_and_text(el: etree._Element):
    """The text of ``el`` and its element children with their tails, in order."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


@dataclass
class Markup:
    """The Typst source of a document's body and what the page template needs."""

    body: str  #: one Typst code block (``#{ … }``)
    facts: Facts
    labels: dict[str, str]  #: eId of each footnote -> its Typst label


def _scan_ids(doc: etree._Element) -> set[str]:
    return {el.get("eId") for el in doc.iter() if isinstance(el.tag, str) and el.get("eId")}


def build(root: etree._Element) -> Markup:
    """The Typst code of an AKN document (the <akomaNtoso> element)."""
    facts = read_facts(root)
    doc = document_element(root)
    writer = Writer(facts=facts, alternatives=alternative_links(doc), ids=_scan_ids(doc))
    parts = writer.document(doc, top=True)
    body = "#{\n" + "\n".join(parts) + "\n}\n"
    return Markup(body=body, facts=facts, labels=dict(writer.labels))


def families(names: tuple[str, ...]) -> str:
    """A Typst array of font family names."""
    return "(" + "".join(lit(name) + ", " for name in names) + ")"


def document_header(facts: Facts, title: str | None, keywords: list[str]) -> str:
    """The ``#show: un-doc.with(…)`` line: page set-up and PDF metadata."""
    lang = facts.lang
    date = "none"
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", facts.manifestation_date or "")
    if m:
        y, mo, d = (int(g) for g in m.groups())
        date = f"datetime(year: {y}, month: {mo}, day: {d})"
    args = [
        f"lang: {lit(lang.typst_lang)}",
        f"region: {lit_or_none(lang.region)}",
        f"dir: {'rtl' if lang.rtl else 'ltr'}",
        f"script: {lit(lang.script)}",
        f"fonts: {families(STACKS[lang.script].body)}",
        f"heading-fonts: {families(STACKS[lang.script].heading)}",
        f"symbol: {lit_or_none(facts.symbol)}",
        f"job: {lit_or_none(facts.job)}",
        f"title: {lit_or_none(title)}",
        f"author: {lit_or_none(facts.author)}",
        f"keywords: ({''.join(lit(k) + ', ' for k in keywords)})",
        f"date: {date}",
    ]
    return f"#show: un-doc.with({', '.join(args)})\n"
