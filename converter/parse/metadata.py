"""Metadata: the document's identity facts (symbol, kind, organ, date, committee, session)
from masthead, heading block, page furniture and the caller's options, with the profile's
date rule: never invent a day; say how a date was derived."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from converter import organs
from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.languages.formula import formula_stem
from converter.model import DocumentFacts
from converter.parse.heading import HeadGroup
from converter.parse.inline import DateSpan, find_inline
from converter.parse.segment import Segments
from converter.source import MastheadLine, Source

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Options(Protocol):
    """What the caller says of the document (`parse.document.Options`)."""

    @property
    def date(self) -> str | None: ...  # YYYY-MM-DD

    @property
    def symbol(self) -> str | None: ...


def parse_date(text: str, lang: Language) -> str | None:
    """The ISO date that ``text`` spells in full, or None (month-and-year dates are None)."""
    marks = [m for m in find_inline(text, lang) if isinstance(m, DateSpan)]
    return marks[0].iso if len(marks) == 1 else None


def statement_name(
    symbol: str | None, stage: str | None, lang: Language, adopted: bool, heading=()
) -> str:
    """resolutionDraft / resolution / decisionDraft / decision, from the stage (after the
    sponsors, or opening a heading line: "Draft decision submitted by the Bureau") or the
    symbol."""
    stages = {k.casefold(): v for k, v in lang.section("stages").items()}
    if stage and stage.casefold() in stages:
        return stages[stage.casefold()]
    for line in heading:
        text = line.text.strip().casefold()
        for word in sorted(stages, key=len, reverse=True):
            if text.startswith(word) and not text[len(word) : len(word) + 1].isalnum():
                return stages[word]
    if symbol and (name := organs.statement_of(symbol)):
        return name
    return "resolution" if adopted else "resolutionDraft"


def document_facts(
    cleaned: Source,
    lang: Language,
    seg: Segments,
    heading: list[HeadGroup],
    options: Options,
    source: str,
    diags: Diagnostics,
) -> DocumentFacts:
    """The document's facts (see module doc); ``heading`` is the parsed heading block."""
    by_kind: dict[str, HeadGroup] = {}
    for item in heading:
        by_kind.setdefault(item.kind, item)
    masthead = {m.kind: m for m in cleaned.masthead}
    symbol = options.symbol or (masthead["symbol"].text if "symbol" in masthead else cleaned.symbol)
    if not symbol:
        symbol = _fallback_symbol(source, diags)
    actor = _formula_actor(seg, lang)
    stage = by_kind["sponsors"].values.get("stage") if "sponsors" in by_kind else None
    name = statement_name(symbol, stage, lang, "adopted" in by_kind, seg.heading)
    if seg.amends is not None:
        name = "amendment"
    committee = _committee(symbol, by_kind)
    session = by_kind["session"].values.get("session") if "session" in by_kind else None
    date, how = _date(
        _Dating(cleaned, lang, masthead, by_kind, symbol, actor, session), options, diags
    )
    original = masthead["original"].text if "original" in masthead else None
    return DocumentFacts(
        lang=lang.code,
        symbol=symbol,
        statement=name,
        actor=actor,
        date=date,
        date_source=how,
        committee=committee,
        job_number=cleaned.job_number,
        session=session,
        original_language=original,
        amends=seg.amends.symbol if seg.amends is not None else None,
    )


def _fallback_symbol(source: str, diags: Diagnostics) -> str:
    """The symbol of a document that prints none: its file's name (warned)."""
    symbol = Path(source).name.split(".")[0] if source else "unknown"
    diags.warning(
        "metadata.no_symbol",
        "the document symbol is printed nowhere in the "
        f"input; using '{symbol}' (give --symbol to set it)",
    )
    return symbol


def _formula_actor(seg: Segments, lang: Language) -> str:
    """The organ whose enacting formula the document prints ("un-ga" when none matches)."""
    formula = re.sub(r"\s+", "", formula_stem(seg.formula.text)).casefold()
    return next(
        (
            a
            for f, a in lang.section("formula").items()
            if re.sub(r"\s+", "", formula_stem(f)).casefold() == formula
        ),
        "un-ga",
    )


def _committee(symbol: str, by_kind: dict[str, HeadGroup]) -> str | None:
    """The Main Committee: by the symbol's series, else as a heading line or the report line
    names it."""
    if c := organs.committee_of(symbol):
        return c.number
    for kind in ("committee", "report"):
        if kind in by_kind and (number := by_kind[kind].values.get("committee")):
            return number
    return None


@dataclass(frozen=True)
class _Dating:
    """What a document's date may be found from (see `_date`)."""

    cleaned: Source
    lang: Language
    masthead: dict[str, MastheadLine]
    by_kind: dict[str, HeadGroup]
    symbol: str
    actor: str
    session: str | None


def _date(d: _Dating, options: Options, diags: Diagnostics) -> tuple[str | None, str]:
    """The document's date and how it was found: the caller's, the masthead's, the adoption
    date, else a year only (job number, session, symbol: warned); (None, "") when none is."""
    if options.date:
        if not ISO_DATE.match(options.date):
            raise ValueError(f"--date must be YYYY-MM-DD, not {options.date!r}")
        return options.date, "option"
    if "date" in d.masthead and (iso := parse_date(d.masthead["date"].text, d.lang)):
        return iso, "masthead"
    adopted = d.by_kind["adopted"].values.get("date") if "adopted" in d.by_kind else None
    if adopted and (iso := parse_date(adopted, d.lang)):
        return iso, "adoption date"
    return _year(d, diags)


def _year(d: _Dating, diags: Diagnostics) -> tuple[str | None, str]:
    """The year of a document that prints no date, and where it is taken from (warned)."""
    job_number = d.cleaned.job_number
    organ = organs.get(d.actor)  # how a year is found without a date: the organ's rule
    if job_number:
        century = "20" if int(job_number[:2]) < 46 else "19"
        diags.warning(
            "metadata.date_derived",
            f"the input prints no date; the year {century + job_number[:2]} is "
            f"taken from the job number {job_number} (no day is invented; "
            "give --date YYYY-MM-DD to set it)",
        )
        return century + job_number[:2], "job number"
    if (
        organ
        and organ.year in ("session", "symbol")
        and (year := organ.year_of(d.symbol, d.session))
    ):
        source = f"session number {d.session}" if organ.year == "session" else f"symbol {d.symbol}"
        diags.warning(
            "metadata.date_derived",
            f"the input prints no date; the year {year} is "
            f"taken from the {source} (give --date to set it)",
        )
        return year, organ.year
    diags.error(
        "metadata.no_date",
        "the input prints no date, job number or session: give --date YYYY-MM-DD",
    )
    return None, ""
