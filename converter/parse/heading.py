"""Heading block: the lines before the formula → items (session, agenda item, agenda title,
sponsors and stage, adoption, report, resolution number, title), with the source words that
carry each fact marked as spans. Patterns come from the language tables (``[heading]``).
"""

from __future__ import annotations

import re

from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.languages.numbering import parse_number
from converter.parse import runs
from converter.parse.amendment import heading_match
from converter.parse.heading_marks import (
    INDENT_APART,
    HeadGroup,
    committee_line,
    mark_committee,
    mark_sponsors,
    mark_submitter,
    sponsors_start,
    stage_line_end,
)
from converter.source import SrcLine

__all__ = ["HeadGroup", "parse_heading"]

#: a title longer than this (characters) is implausible: the heading block was not read
TITLE_MOST = 400


def _separators(lang: Language) -> re.Pattern[str]:
    return re.compile(lang.value("heading", "sponsor_separators", default=r",\s*"))


def _stage_regex(lang: Language) -> re.Pattern[str] | None:
    words = sorted(lang.section("stages"), key=len, reverse=True)
    if not words:
        return None
    return re.compile(
        r"[:：]\*{0,3}\s*(?P<stage>" + "|".join(map(re.escape, words)) + r")\*{0,3}$",
        re.IGNORECASE,
    )


def parse_heading(lines: list[SrcLine], lang: Language, diags: Diagnostics) -> list[HeadGroup]:
    """Group and read the heading block's lines (see module doc).

    Anchor lines are recognised first (session, agenda item, adoption, report, resolution
    number, the stage that ends the sponsors' list); the lines between anchors are the agenda
    title (after the agenda item), the sponsors (before the stage) and the title (the rest).
    """
    return _HeadingReader(lines, lang, diags).read()


class _HeadingReader:
    """The heading block's lines, read item by item; each `read` step returns the index of
    the line after its item, or None when the line is not that item."""

    def __init__(self, lines: list[SrcLine], lang: Language, diags: Diagnostics):
        self.lines = list(lines)
        self.lang = lang
        self.diags = diags
        self.session = lang.regex("heading", "session")
        self.agenda = lang.regex("heading", "agenda_item")
        self.adopted = lang.regex("heading", "adopted")
        self.report = lang.regex("heading", "report")
        self.number = lang.regex("heading", "resolution_number")
        self.number_sc = lang.regex("heading", "resolution_number_sc")
        self.adopted_meeting = lang.regex("heading", "adopted_meeting")
        self.stage_re = _stage_regex(lang)
        self.seps = _separators(lang)
        self.groups: list[HeadGroup] = []
        self.stage_at = next((j for j in range(len(self.lines)) if self.stage_end(j)), None)
        self.sponsors_from = (
            self.sponsors_start(self.stage_at) if self.stage_at is not None else None
        )
        amendment = lang.regex("amendment", "heading")
        if self.stage_at is None and amendment is not None:
            # "Belarus: amendment to draft resolution A/80/L.27", maybe over two lines
            found = heading_match(self.lines, amendment)
            if found is not None:
                self.stage_re, self.stage_at = amendment, found[0]
                self.sponsors_from = self.sponsors_start(found[0])
                self.stage_at = found[1]
        self.stage_line = lang.regex("heading", "stage_line")
        self.stage_words = tuple(w.casefold() for w in lang.section("stages"))
        self.stage_first = False  # the stage opens its line ("Draft resolution submitted by …")
        if self.stage_at is None and self.stage_line is not None:
            self.find_stage_line(self.stage_line)

    def find_stage_line(self, pattern: re.Pattern[str]) -> None:
        """A stage line that opens the item, for a draft that lists no sponsors."""
        found = next((j for j, line in enumerate(self.lines) if pattern.match(line.text)), None)
        if found is not None:
            self.sponsors_from, self.stage_first = found, True
            self.stage_at = stage_line_end(self.lines, found, pattern, self.lang)

    def anchor(self, text: str) -> bool:
        return _anchor(text, self.session, self.agenda, self.adopted, self.report, self.number)

    def item_line(self, j: int) -> str | None:
        """What line ``j`` would open, if it opens a heading item other than the title."""
        text = self.lines[j].text
        if self.anchor(text) or (self.adopted_meeting and self.adopted_meeting.match(text)):
            return "another item"
        if self.stage_end(j) or text.casefold().startswith(self.stage_words):
            return "a stage"
        return "a committee" if committee_line(self.lines, j, self.lang) else None

    def stage_end(self, i: int) -> bool:
        """ "…: draft resolution", the stage maybe on its own line."""
        if self.stage_re is None:
            return False
        lines = self.lines
        if self.stage_re.search(lines[i].text):
            return True
        return (
            i > 0
            and lines[i - 1].text.rstrip().endswith((":", "：", ":*"))
            and bool(self.stage_re.search(":" + lines[i].text))
        )

    def sponsors_start(self, stage_at: int) -> int:
        floor = max([j + 1 for j in range(stage_at) if self.anchor(self.lines[j].text)] + [0])
        agenda_before = any(
            self.agenda and self.agenda.match(self.lines[j].text) for j in range(stage_at)
        )
        if not agenda_before:
            return floor
        return sponsors_start(self.lines, floor - 1, stage_at, self.seps)

    def read(self) -> list[HeadGroup]:
        steps = (
            self.sponsors,
            self.session_line,
            self.committee,
            self.agenda_item,
            self.adoption,
            self.report_line,
            self.number_line,
            self.unrecognised,
        )
        i = 0
        while i < len(self.lines):
            nxt = next((n for n in (step(i) for step in steps) if n is not None), None)
            if nxt is None:
                self.title(i)
                break
            i = nxt
        return self.groups

    def sponsors(self, i: int) -> int | None:
        if self.sponsors_from is None or i != self.sponsors_from:
            return None
        assert self.stage_at is not None  # sponsors end at the stage
        g = HeadGroup("sponsors", self.lines[i : self.stage_at + 1])
        if self.stage_first:
            assert self.stage_line is not None  # found by it
            mark_submitter(g, self.lang, self.stage_line)
        else:
            mark_sponsors(g, self.lang, self.stage_re, self.seps)
        self.groups.append(g)
        return self.stage_at + 1

    def session_line(self, i: int) -> int | None:
        text = self.lines[i].text
        if not self.session or not (m := self.session.match(text)):
            return None
        g = HeadGroup("session", [self.lines[i]])
        value = parse_number(m.group("number"), self.lang)
        g.spans.append((0, len(text), "session", str(value or "")))
        if value:
            g.values["session"] = str(value)
        self.groups.append(g)
        return i + 1

    def committee(self, i: int) -> int | None:
        """A Main Committee's name on a line of its own ("Second Committee")."""
        found = committee_line(self.lines, i, self.lang)
        if found is None:
            return None
        k, number = found
        g = HeadGroup("committee", self.lines[i : i + k])
        g.spans.append((0, len(runs.join(g.lines, self.lang).text), "docCommittee", number))
        g.values["committee"] = number
        self.groups.append(g)
        return i + k

    def agenda_item(self, i: int) -> int | None:
        """The agenda item line, and the agenda title on the lines up to the next anchor."""
        lines = self.lines
        if not self.agenda or not (m := self.agenda.match(lines[i].text)):
            return None
        g = HeadGroup("agendaItem", [lines[i]])
        g.spans.append((m.start("items"), m.end("items"), "agendaItem", m.group("items")))
        g.values["items"] = m.group("items")
        self.groups.append(g)
        i += 1
        end = i
        while (
            end < len(lines)
            and end != self.sponsors_from
            and not self.anchor(lines[end].text)
            and not (self.adopted and _match_joined(self.adopted, lines, end, self.lang, 2))
            and not (end > i and self.sponsors_from is not None and _apart(lines, end))
        ):
            end += 1
        if end > i:
            self.groups.append(HeadGroup("agendaTitle", lines[i:end]))
            self.unread(i, end, "agenda title")
        return end

    def adoption(self, i: int) -> int | None:
        """ "Resolution adopted by the General Assembly on …", or a Council's "Adopted by the
        Security Council at its 8496th meeting, on …" (maybe over two lines; never with the
        report line after it)."""
        m = None
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        most = 1 if self.anchor(nxt) else 2
        for pattern in (self.adopted, self.adopted_meeting):
            if pattern and (m := _match_joined(pattern, self.lines, i, self.lang, most)):
                break
        if not m:
            return None
        k, mm = m
        g = HeadGroup("adopted", self.lines[i : i + k])
        if mm.groupdict().get("date"):
            g.spans.append((mm.start("date"), mm.end("date"), "adoptionDate", mm.group("date")))
            g.values["date"] = mm.group("date")
        self.groups.append(g)
        return i + k

    def report_line(self, i: int) -> int | None:
        if (
            not self.report
            or not self.lines[i].text.startswith("[")
            or not (m := _match_joined(self.report, self.lines, i, self.lang, 3))
        ):
            return None
        k, _ = m
        g = HeadGroup("report", self.lines[i : i + k], scanned=True)
        mark_committee(g, self.lang)
        self.groups.append(g)
        return i + k

    def number_line(self, i: int) -> int | None:
        """ "74/177. Title" (or "74/177 - Title"): the number and its separator, then maybe
        the title's first line."""
        text = self.lines[i].text
        if self.number_sc and (m := self.number_sc.match(text)):  # "Resolution 2462 (2019)"
            g = HeadGroup("number", [self.lines[i]])
            g.spans.append((m.start("number"), m.end("number"), "docNumber", m.group("number")))
            g.values["number"] = m.group("number")
            self.groups.append(g)
            return i + 1
        if not self.number or not (m := self.number.match(text)):
            return None
        title_at = m.start("title") if m.group("title") else len(text)
        g = HeadGroup("number", [runs_line(self.lines[i], 0, title_at)])
        g.spans.append((0, m.end("number"), "docNumber", m.group("number")))
        g.values["number"] = m.group("number")
        self.groups.append(g)
        if m.group("title"):  # the title begins on the number's line
            self.lines.insert(i + 1, runs_line(self.lines[i], title_at, len(text)))
            if self.sponsors_from is not None and self.sponsors_from > i:
                assert self.stage_at is not None  # sponsors end at the stage
                self.sponsors_from += 1
                self.stage_at += 1
        return i + 1

    def unrecognised(self, i: int) -> int | None:
        """Lines before the sponsors that nothing explains (a damaged masthead)."""
        if self.sponsors_from is None or i >= self.sponsors_from:
            return None
        text = self.lines[i].text
        self.groups.append(HeadGroup("other", [self.lines[i]]))
        self.diags.warning(
            "heading.unrecognised", f"heading line not understood: '{text[:40]}'", self.lines[i].no
        )
        return i + 1

    def title(self, i: int) -> None:
        """The rest is the title."""
        g = HeadGroup("title", self.lines[i:])
        g.spans.append((0, len(runs.join(g.lines, self.lang).text), "docTitle", ""))
        self.groups.append(g)
        self.unread(i, len(self.lines), "title")

    def unread(self, i: int, end: int, what: str) -> None:
        """Warn, at the line, when the item on lines i…end-1 (the title, the agenda title)
        holds a line that opens another item (an agenda item, an adoption, a stage…; not a
        line that starts in lower case: it runs on) or is implausibly long: the block was
        not read."""
        lines = self.lines
        found = next(
            (
                (j, f"a line of {kind}")
                for j in range(i, end)
                if not lines[j].text[:1].islower() and (kind := self.item_line(j))
            ),
            None,
        )
        size = len(runs.join(lines[i:end], self.lang).text)
        if found is None and size > TITLE_MOST:
            found = (i, f"{size} characters long")
        if found is not None:
            j, why = found
            self.diags.warning(
                "heading.unread",
                f"heading block not read: the {what} holds '{lines[j].text[:40]}' ({why})",
                lines[j].no,
            )


def _anchor(text, session, agenda, adopted, report, number) -> bool:
    return (
        any(p is not None and p.match(text) for p in (session, agenda, number))
        or bool(report and text.startswith("["))
        or bool(adopted and adopted.match(text))
    )


def _apart(lines: list[SrcLine], j: int) -> bool:
    """Whether line ``j`` stands apart from the line before it: two blank lines or more
    between them, or indents apart (a PDF's agenda title at the margin, a note beside it)."""
    return (
        lines[j].no - lines[j - 1].no > 2
        or abs(lines[j].indent - lines[j - 1].indent) > INDENT_APART
    )


def runs_line(line: SrcLine, start: int, end: int) -> SrcLine:
    return SrcLine(line.no, line.page, line.text[start:end].strip(), line.indent, line.after_break)


def _match_joined(pattern, lines, i, lang, most):
    """Match ``pattern`` against lines i…i+k-1 joined, for the largest k ≤ ``most``."""
    for k in range(min(most, len(lines) - i), 0, -1):
        m = pattern.match(runs.join(lines[i : i + k], lang).text)
        if m:
            return k, m
    return None
