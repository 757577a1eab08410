"""Heading block: the lines before the formula → items (session, agenda item, agenda title,
sponsors and stage, adoption, report, resolution number, title), with the source words that
carry each fact marked as spans. Patterns come from the language tables (``[heading]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter.parse import runs
from converter.readers.text.clean import SrcLine
from converter.diagnostics import Diagnostics
from converter.akn.ids import tlc_id
from converter.languages import Language, states
from converter.languages.numbering import parse_number
from converter import organs


@dataclass
class HeadGroup:
    """One heading item before inline content is built: its lines and the spans in them."""

    kind: str
    lines: list[SrcLine]
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  #: start, end, name, value
    values: dict[str, str] = field(default_factory=dict)


def _separators(lang: Language) -> re.Pattern[str]:
    return re.compile(lang.value("heading", "sponsor_separators", default=r",\s*"))


def _stage_regex(lang: Language) -> re.Pattern[str] | None:
    words = sorted(lang.section("stages"), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"[:：]\*{0,3}\s*(?P<stage>" + "|".join(map(re.escape, words)) + r")$",
                      re.IGNORECASE)


def parse_heading(lines: list[SrcLine], lang: Language, diags: Diagnostics) -> list[HeadGroup]:
    """Group and read the heading block's lines (see module doc).

    Anchor lines are recognised first (session, agenda item, adoption, report, resolution
    number, the stage that ends the sponsors' list); the lines between anchors are the agenda
    title (after the agenda item), the sponsors (before the stage) and the title (the rest).
    """
    session = lang.regex("heading", "session")
    agenda = lang.regex("heading", "agenda_item")
    adopted = lang.regex("heading", "adopted")
    report = lang.regex("heading", "report")
    number = lang.regex("heading", "resolution_number")
    stage_re = _stage_regex(lang)
    seps = _separators(lang)
    n = len(lines)

    def stage_end(i: int) -> bool:  # "…: draft resolution", the stage maybe on its own line
        if stage_re is None:
            return False
        if stage_re.search(lines[i].text):
            return True
        return i > 0 and lines[i - 1].text.rstrip().endswith((":", "：", ":*")) and \
            bool(stage_re.search(":" + lines[i].text))

    stage_at = next((j for j in range(n) if stage_end(j)), None)
    sponsors_from = None
    if stage_at is not None:
        floor = max([j + 1 for j in range(stage_at) if _anchor(lines[j].text, session, agenda,
                                                                  adopted, report, number)]
                    + [0])
        agenda_before = any(agenda and agenda.match(lines[j].text) for j in range(stage_at))
        sponsors_from = _sponsors_start(lines, floor - (1 if agenda_before else 0), stage_at, seps) \
            if agenda_before else floor
    groups: list[HeadGroup] = []
    i = 0
    while i < n:
        text = lines[i].text
        if sponsors_from is not None and i == sponsors_from:
            g = HeadGroup("sponsors", lines[i:stage_at + 1])
            _mark_sponsors(g, lang, stage_re, seps)
            groups.append(g)
            i = stage_at + 1
            continue
        if session and (m := session.match(text)):
            g = HeadGroup("session", [lines[i]])
            value = parse_number(m.group("number"), lang)
            g.spans.append((0, len(text), "session", str(value or "")))
            if value:
                g.values["session"] = str(value)
            groups.append(g)
            i += 1
            continue
        if agenda and (m := agenda.match(text)):
            g = HeadGroup("agendaItem", [lines[i]])
            g.spans.append((m.start("items"), m.end("items"), "agendaItem", m.group("items")))
            g.values["items"] = m.group("items")
            groups.append(g)
            i += 1
            end = i
            while end < n and end != sponsors_from and not _anchor(
                    lines[end].text, session, agenda, adopted, report, number) \
                    and not (adopted and _match_joined(adopted, lines, end, lang, 2)):
                end += 1
            if end > i:
                groups.append(HeadGroup("agendaTitle", lines[i:end]))
                i = end
            continue
        if adopted and (m := _match_joined(adopted, lines, i, lang, 2)):
            k, mm = m
            g = HeadGroup("adopted", lines[i:i + k])
            if mm.groupdict().get("date"):
                g.spans.append((mm.start("date"), mm.end("date"), "adoptionDate", mm.group("date")))
                g.values["date"] = mm.group("date")
            groups.append(g)
            i += k
            continue
        if report and text.startswith("[") and (m := _match_joined(report, lines, i, lang, 3)):
            k, _ = m
            g = HeadGroup("report", lines[i:i + k])
            _mark_committee(g, lang)
            groups.append(g)
            i += k
            continue
        if number and (m := number.match(text)):
            # "74/177. Title" (or "74/177 - Title"): the number and its separator, then maybe
            # the title's first line
            title_at = m.start("title") if m.group("title") else len(text)
            g = HeadGroup("number", [runs_line(lines[i], 0, title_at)])
            g.spans.append((0, m.end("number"), "docNumber", m.group("number")))
            g.values["number"] = m.group("number")
            groups.append(g)
            if m.group("title"):  # the title begins on the number's line
                lines = lines[:i + 1] + [runs_line(lines[i], title_at, len(text))] \
                    + lines[i + 1:]
                n = len(lines)
                if sponsors_from is not None and sponsors_from > i:
                    sponsors_from += 1
                    stage_at += 1
            i += 1
            continue
        if sponsors_from is not None and i < sponsors_from:
            # lines before the sponsors that nothing explains (a damaged masthead)
            groups.append(HeadGroup("other", [lines[i]]))
            diags.warning("heading.unrecognised", f"heading line not understood: '{text[:40]}'",
                          lines[i].no)
            i += 1
            continue
        # the rest is the title
        g = HeadGroup("title", lines[i:])
        joined = runs.join(g.lines, lang).text
        g.spans.append((0, len(joined), "docTitle", ""))
        groups.append(g)
        break
    return groups


def _anchor(text, session, agenda, adopted, report, number) -> bool:
    return any(p is not None and p.match(text) for p in (session, agenda, number)) or \
        bool(report and text.startswith("[") ) or bool(adopted and adopted.match(text))


def runs_line(line: SrcLine, start: int, end: int) -> SrcLine:
    return SrcLine(line.no, line.page, line.text[start:end].strip(), line.indent, line.after_break)


def _match_joined(pattern, lines, i, lang, most):
    """Match ``pattern`` against lines i…i+k-1 joined, for the largest k ≤ ``most``."""
    for k in range(min(most, len(lines) - i), 0, -1):
        m = pattern.match(runs.join(lines[i:i + k], lang).text)
        if m:
            return k, m
    return None


def _sponsors_start(lines: list[SrcLine], first: int, stage_at: int, seps) -> int:
    """Where the sponsors' list begins, going back from the stage line to ``first``.

    A line belongs to the list when it holds two separators or ends with one, or when the
    line after it starts in lower case (a name wrapped over the line end).
    """
    tail = re.compile("(?:" + seps.pattern + r")\s*$")
    start = stage_at
    while start - 1 >= first + 1:  # the agenda title keeps at least one line
        prev = lines[start - 1].text
        if len(seps.findall(prev)) >= 2 or tail.search(prev + " ") or \
                lines[start].text[:1].islower() or lines[start].text[:1] == "(":
            start -= 1
        else:
            break
    return start


def _mark_sponsors(g: HeadGroup, lang: Language, stage_re, seps) -> None:
    """Mark each sponsor's name and the stage. Known State names (``states.toml``) are read
    longest first, so names that contain a separator ("Antigua and Barbuda", "United
    Kingdom of Great Britain and Northern Ireland") stay whole and a missing comma does not
    merge two names; any other name runs to the next separator."""
    text = runs.join(g.lines, lang).text
    m = stage_re.search(text)
    g.values["stage"] = m.group("stage")
    known = states(lang.code)
    skip = re.compile(r"(?:" + seps.pattern + r"|\s|\*)+")
    pos, end = 0, m.start()
    names: list[str] = []
    while pos < end:
        gap = skip.match(text, pos)
        if gap and gap.end() > pos:
            pos = gap.end()
            continue
        found = known.match(text, pos)
        if found and found[0] <= end:
            stop, sid = found
        else:
            nxt = seps.search(text, pos, end)
            stop = nxt.start() if nxt else end
            while stop > pos and text[stop - 1] in " *":
                stop -= 1
            sid = tlc_id(text[pos:stop]) or f"sponsor_{len(names) + 1}"
        g.spans.append((pos, stop, "docProponent", sid))
        names.append(text[pos:stop])
        pos = stop
    g.spans.append((m.start("stage"), m.end("stage"), "docStage", m.group("stage")))
    g.values["sponsors"] = "|".join(names)


def _mark_committee(g: HeadGroup, lang: Language) -> None:
    """Mark the Main Committee a report line names ("on the report of the Third Committee")."""
    text = runs.join(g.lines, lang).text
    # the names as a report line prints them (a case of the name, in some languages), else
    # the names themselves
    names = dict(lang.section("committees"))
    names.update(lang.section("committees_in_report"))
    known = {c.number for c in organs.get("un-ga").committees}  # the Main Committees
    names = {number: name for number, name in names.items() if number in known}
    for number, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        m = re.search(name if number in lang.section("committees_in_report") else re.escape(name),
                      text)
        if m:
            g.spans.append((m.start(), m.end(), "docCommittee", number))
            g.values["committee"] = number
            return
