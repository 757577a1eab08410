"""AKN document parts → Typst code: the masthead (coverPage), the preface and title, the body
columns, conclusions and annexes (`DocumentWriter`, the whole visitor)."""

from __future__ import annotations

from lxml import etree

from converter.writers.akn import (
    BODIES,
    DOC_TYPES,
    element_children,
    find_first,
    local_name,
    text_of,
)
from converter.writers.typst.blocks import BlockWriter
from converter.writers.typst.errors import UnknownElementError
from converter.writers.typst.inline import InlineCode
from converter.writers.typst.literals import lit_or_none


class DocumentWriter(BlockWriter):
    """The visitor: AKN elements → lines of Typst code calling the functions of ``un.typ``;
    an element it has no rule for raises `UnknownElementError`."""

    def cover_page(self, el: etree._Element | None) -> str:
        authority = organ = symbol = None
        facts: list[str] = []
        rest: list[str] = []
        authorities = 0
        for child in element_children(el) if el is not None else ():
            if local_name(child) != "p":
                raise UnknownElementError(
                    f"no Typst rule for <{local_name(child)}> in the coverPage"
                )
            names = [
                (local_name(c), c.get("name")) for c in child.iter() if isinstance(c.tag, str)
            ][1:]
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
                symbol = text_of(child)
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
        run = InlineCode()
        for i, child in enumerate(element_children(el)):
            if local_name(child) != "p":
                if i:
                    run.code("linebreak()")
                run.extend(self.inline(child))
                continue
            # a leading resolution number hangs in the indent ("73/8.  Title")
            kids = list(element_children(child))
            if (
                i == 0
                and kids
                and local_name(kids[0]) == "inline"
                and kids[0].get("name") == "resolutionNumber"
                and not (child.text or "").strip()
            ):
                number = self.inline_content(kids[0]).strip().expr()
                rest = InlineCode()
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
        for child in element_children(el):
            cname = local_name(child)
            if cname == "longTitle":
                out.append(self.long_title(child, indent=top))
                continue
            if cname != "p":
                out.extend(self.block(child, 0))
                continue
            classes = set((child.get("class") or "").split())
            inner = {local_name(c) for c in child.iter() if isinstance(c.tag, str)} - {"p"}
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
        has_cover = find_first(el, "a:coverPage") is not None
        if top and not has_cover:
            out.append(self.cover_page(None))
        column: list[str] = []

        def flush() -> None:
            if column:
                out.append("un-column({" + "\n".join(column) + "})" if top else "\n".join(column))
                column.clear()

        for child in element_children(el):
            name = local_name(child)
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
                for part in element_children(child):
                    if local_name(part) == "p":
                        parts.append(f"un-conclusion-p({self.inline_content(part).strip().expr()})")
                    else:
                        parts.extend(self.block(part, 0))
                column.append("un-conclusions({" + "\n".join(parts) + "})")
            elif name == "attachments":
                flush()
                for att in element_children(child):
                    if local_name(att) not in ("attachment", "interstitial", "component"):
                        raise UnknownElementError(
                            f"no Typst rule for <{local_name(att)}> in attachments"
                        )
                    inner: list[str] = []
                    for part in element_children(att):
                        if local_name(part) in DOC_TYPES:
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
