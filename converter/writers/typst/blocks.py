"""AKN blocks → Typst code: paragraphs, hierarchies (numbered paragraphs, points), headings
and tables (`BlockWriter`)."""

from __future__ import annotations

from lxml import etree

from converter.writers.akn import DOC_TYPES, HIERARCHY, element_children, find_first, local_name
from converter.writers.typst.errors import UnknownElementError
from converter.writers.typst.inline import InlineCode, InlineWriter, _children_and_text

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
    # the parts of an amendment document (amendmentBody): blocks, laid out as the body's
    "amendmentHeading",
    "amendmentContent",
    "amendmentReference",
    "amendmentJustification",
}
#: containers laid out as hierarchies: the AKN ones and <blockList> (its items indented)
CONTAINERS = HIERARCHY | {"blockList"}


class BlockWriter(InlineWriter):
    """The block part of the visitor."""

    # written by the document part (`DocumentWriter`), which blocks hold too
    def long_title(self, el: etree._Element, indent: bool) -> str:
        raise NotImplementedError

    def document(self, el: etree._Element, top: bool = True) -> list[str]:
        raise NotImplementedError

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
        for child in element_children(el):
            out.extend(self.block(child, depth))
        return out

    def block(self, el: etree._Element, depth: int) -> list[str]:
        name = local_name(el)
        if name == "meta":
            return []
        if name == "p":
            return [self.para(el, depth)]
        if name == "formula":
            out: list[str] = []
            for child in element_children(el):
                if local_name(child) == "p":
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
        if name in CONTAINERS:
            return self.hierarchy(el, depth)
        if name == "table":
            return [self.table(el)]
        if name in DOC_TYPES:
            return self.document(el, top=False)
        if name in ("attachments",):
            return [b for att in element_children(el) for b in self.block(att, depth)]
        if name in ("attachment", "interstitial", "component"):
            return ["un-annex(top: false, {" + "\n".join(self.blocks(el, depth)) + "})"]
        raise UnknownElementError(f"no Typst rule for block <{name}> (eId {el.get('eId')!r})")

    def hierarchy(self, el: etree._Element, depth: int) -> list[str]:
        name = local_name(el)
        inner = depth + 1 if name in INDENTING else depth
        out: list[str] = []
        heading = find_first(el, "a:heading")
        before = len(self.pending_num)
        for child in element_children(el):
            cname = local_name(child)
            if cname == "num":
                if heading is None:
                    self.pending_num.append(child)  # printed at the start of the first p
                continue
            if cname == "heading":
                run = InlineCode()
                num = find_first(el, "a:num")
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
        for child in element_children(el):
            cname = local_name(child)
            if cname == "caption":
                caption = self.inline_content(child).strip().expr()
            elif cname == "tr":
                cells = []
                span_total = 0
                for cell in element_children(child):
                    if local_name(cell) not in ("td", "th"):
                        raise UnknownElementError(
                            f"no Typst rule for <{local_name(cell)}> in a table row"
                        )
                    run = InlineCode()
                    for i, block in enumerate(_children_and_text(cell)):
                        if isinstance(block, str):
                            run.text(block)
                        else:
                            if i and local_name(block) in ("p", "block"):
                                run.code("linebreak()")
                            run.extend(self.inline(block))
                    body = run.strip().expr()
                    if local_name(cell) == "th":
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
        all_cells = ", ".join(c for row in rows for c in row)
        table = (
            f"table(columns: {width}, stroke: 0.5pt, inset: (x: 4pt, y: 2pt), align: start, "
            f"{all_cells})"
        )
        if caption:
            return f"block({{{caption}; {table}}})"
        return f"block({table})"
