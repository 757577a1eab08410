"""Metadata: the document's identity facts (symbol, kind, organ, date, committee, session)
from masthead, heading block, page furniture and the caller's options, with the profile's
date rule: never invent a day; say how a date was derived."""

from __future__ import annotations

import re
from pathlib import Path

from converter import organs
from converter.diagnostics import Diagnostics
from converter.languages import Language
from converter.model import DocumentFacts
from converter.parse.heading import HeadGroup
from converter.parse.inline import DateSpan, find_inline
from converter.parse.runon import formula_stem
from converter.parse.segment import Segments
from converter.source import Source

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    options,
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
        symbol = Path(source).name.split(".")[0] if source else "unknown"
        diags.warning(
            "metadata.no_symbol",
            "the document symbol is printed nowhere in the "
            f"input; using '{symbol}' (give --symbol to set it)",
        )
    formula = re.sub(r"\s+", "", formula_stem(seg.formula.text)).casefold()
    actor = next(
        (
            a
            for f, a in lang.section("formula").items()
            if re.sub(r"\s+", "", formula_stem(f)).casefold() == formula
        ),
        "un-ga",
    )
    stage = by_kind["sponsors"].values.get("stage") if "sponsors" in by_kind else None
    name = statement_name(symbol, stage, lang, "adopted" in by_kind, seg.heading)
    if seg.amends is not None:
        name = "amendment"
    committee = (
        c.number
        if (c := organs.committee_of(symbol))
        else by_kind["report"].values.get("committee")
        if "report" in by_kind
        else None
    )
    session = by_kind["session"].values.get("session") if "session" in by_kind else None
    organ = organs.get(actor)  # how a year is found without a date: the organ's rule

    date, how = None, ""
    if options.date:
        if not ISO_DATE.match(options.date):
            raise ValueError(f"--date must be YYYY-MM-DD, not {options.date!r}")
        date, how = options.date, "option"
    elif "date" in masthead and (iso := parse_date(masthead["date"].text, lang)):
        date, how = iso, "masthead"
    elif (
        "adopted" in by_kind
        and by_kind["adopted"].values.get("date")
        and (iso := parse_date(by_kind["adopted"].values["date"], lang))
    ):
        date, how = iso, "adoption date"
    elif cleaned.job_number:
        date, how = (
            "20" + cleaned.job_number[:2]
            if int(cleaned.job_number[:2]) < 46
            else "19" + cleaned.job_number[:2],
            "job number",
        )
        diags.warning(
            "metadata.date_derived",
            f"the input prints no date; the year {date} is "
            f"taken from the job number {cleaned.job_number} (no day is invented; "
            "give --date YYYY-MM-DD to set it)",
        )
    elif organ and organ.year == "session" and (year := organ.year_of(symbol, session)):
        date, how = year, "session"
        diags.warning(
            "metadata.date_derived",
            f"the input prints no date; the year {date} is "
            f"taken from the session number {session} (give --date to set it)",
        )
    elif organ and organ.year == "symbol" and (year := organ.year_of(symbol, session)):
        date, how = year, "symbol"
        diags.warning(
            "metadata.date_derived",
            f"the input prints no date; the year {date} is "
            f"taken from the symbol {symbol} (give --date to set it)",
        )
    else:
        diags.error(
            "metadata.no_date",
            "the input prints no date, job number or session: give --date YYYY-MM-DD",
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
