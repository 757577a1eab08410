"""The heading block's items and the words marked in them: the sponsors' list and its stage,
a stage line that names who submits the draft, a Main Committee's name (a line of its own or
in a report line). Names and patterns come from the language tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter import organs
from converter.ids import tlc_id
from converter.languages import Language, squeeze, states
from converter.parse import runs
from converter.source import SrcLine


@dataclass
class HeadGroup:
    """One heading item before inline content is built: its lines and the spans in them."""

    kind: str
    lines: list[SrcLine]
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  #: start, end, name, value
    values: dict[str, str] = field(default_factory=dict)
    #: its dates and references are read (a report line, a stage line that cites a draft)
    scanned: bool = False


#: lines whose indents differ by more than this (spaces, or points in a PDF) are not one list
INDENT_APART = 20


def sponsors_start(lines: list[SrcLine], first: int, stage_at: int, seps) -> int:
    """Where the sponsors' list begins, going back from the stage line to ``first``.

    A line belongs to the list when it holds two separators or ends with one, or when the
    line after it starts in lower case (a name wrapped over the line end); never a line that
    two blank lines or more part from the list, nor one indented otherwise (a PDF's agenda
    title stands to the left of the list: indents in points).
    """
    tail = re.compile("(?:" + seps.pattern + r")\s*$")
    start = stage_at
    while start - 1 >= first + 1:  # the agenda title keeps at least one line
        prev = lines[start - 1].text
        if lines[start].no - lines[start - 1].no > 2:
            break
        if abs(lines[start].indent - lines[start - 1].indent) > INDENT_APART:
            break
        if (
            len(seps.findall(prev)) >= 2
            or tail.search(prev + " ")
            or lines[start].text[:1].islower()
            or lines[start].text[:1] == "("
        ):
            start -= 1
        else:
            break
    return start


def stage_line_end(lines: list[SrcLine], at: int, pattern: re.Pattern[str], lang) -> int:
    """The last line of the stage line that starts at ``at`` ("Draft resolution submitted by
    the Vice-Chair of the Committee, X ⏎ (Country), on the basis of … ⏎ …"): a line that
    names a submitter runs on while the next line starts in lower case or with "(", or the
    line ends with a comma or a word in lower case, or the submitter's name runs on to the
    clause that follows it ("…, Jenni ⏎ Mikkola (Finland), on the basis of …"); a bare stage
    is one line."""
    m = pattern.match(lines[at].text)
    if m is None or not m.group("proponent"):
        return at
    end = at
    while end + 1 < len(lines):
        text, nxt = lines[end].text.rstrip(), lines[end + 1].text.lstrip()
        if not (
            nxt[:1].islower()
            or nxt[:1] == "("
            or text.endswith(",")
            or _ends_lower(text)
            or _clause_next(lines, at, end, pattern, lang)
        ):
            break
        end += 1
    if not pattern.match(runs.join(lines[at : end + 1], lang).text):
        return at
    return end


def _clause_next(lines: list[SrcLine], at: int, end: int, pattern, lang) -> bool:
    """Whether the submitter's name runs to the end of line ``end`` and the clause after it
    starts on the next line."""
    text = runs.join(lines[at : end + 1], lang).text
    m = pattern.match(text)
    if m is None or m.end("proponent") != len(text):
        return False
    more = runs.join(lines[at : end + 2], lang).text
    m = pattern.match(more)
    return m is not None and m.group("proponent") is not None and m.end("proponent") < len(more)


def _ends_lower(text: str) -> bool:
    word = text.rsplit(None, 1)[-1] if text.strip() else ""
    return word.isalpha() and word.islower()


def mark_submitter(g: HeadGroup, lang: Language, pattern: re.Pattern[str]) -> None:
    """Mark the stage and who submits the draft ("Draft resolution submitted by the Chair"):
    the submitter is the proponent (its id from the words before a comma or bracket:
    "Vice-Chair of the Committee, X (Country)" → viceChairOfTheCommittee)."""
    text = runs.join(g.lines, lang).text
    m = pattern.match(text)
    assert m is not None  # the reader matched these lines
    g.values["stage"] = m.group("stage")
    g.spans.append((m.start("stage"), m.end("stage"), "docStage", m.group("stage")))
    g.scanned = True
    if m.group("proponent"):
        name = m.group("proponent")
        sid = tlc_id(re.split(r"[,(（،]", name)[0])
        g.spans.append((m.start("proponent"), m.end("proponent"), "docProponent", sid))
        g.values["sponsors"] = name


def committee_line(lines: list[SrcLine], i: int, lang: Language) -> tuple[int, str] | None:
    """(lines, number) of a Main Committee's name printed on line ``i`` and maybe the next
    ("Special Political and Decolonization Committee ⏎ (Fourth Committee)"), as the language
    table names it."""
    names = {squeeze(name): number for number, name in lang.section("committees").items()}
    for k in (2, 1):
        if i + k <= len(lines):
            number = names.get(squeeze(runs.join(lines[i : i + k], lang).text))
            if number is not None:
                return k, number
    return None


def mark_sponsors(g: HeadGroup, lang: Language, stage_re, seps) -> None:
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


def mark_committee(g: HeadGroup, lang: Language) -> None:
    """Mark the Main Committee a report line names ("on the report of the Third Committee")."""
    text = runs.join(g.lines, lang).text
    # the names as a report line prints them (a case of the name, in some languages), else
    # the names themselves
    names = dict(lang.section("committees"))
    names.update(lang.section("committees_in_report"))
    assembly = organs.get("un-ga")
    assert assembly is not None  # the organ table always has the General Assembly
    known = {c.number for c in assembly.committees}  # the Main Committees
    names = {number: name for number, name in names.items() if number in known}
    for number, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        m = re.search(
            name if number in lang.section("committees_in_report") else re.escape(name), text
        )
        if m:
            g.spans.append((m.start(), m.end(), "docCommittee", number))
            g.values["committee"] = number
            return
