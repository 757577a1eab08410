"""The ``[inline]`` tables of a language (month names, the words for resolution and decision,
organ names, list glue, Treaty Series), compiled once per language."""

from __future__ import annotations

import re

from converter.languages import Language

_ACTORS_KEPT = 4096  #: organ names whose actor `Tables.organ_actor` remembers


class Tables:
    """The compiled ``[inline]`` tables of one language."""

    def __init__(self, lang: Language) -> None:
        dates = lang.section("inline", "dates")
        refs = lang.section("inline", "refs")
        self._months = {
            name.casefold(): i + 1
            for i, names in enumerate(dates.get("months", []))
            for name in names
        }
        self.full = self._date(dates["full"])
        self.follow = self._date(dates["follow"]) if dates.get("follow") else None
        precede = dates.get("precede")
        self.precede = self._date(f"(?:{precede})$") if precede else None
        self.keyword_after = refs.get("keyword_position") == "after"
        words = f"(?P<resolution>{refs['resolution']})|(?P<decision>{refs['decision']})"
        gap = refs.get("keyword_gap", r"\s*")
        names = [n for ns in lang.section("inline", "organs").values() for n in ns]
        organ_gap = refs.get("organ_gap", r"\s*")
        organ = f"(?:{organ_gap}(?:{'|'.join(names)}))?" if names else ""
        self.keyword = re.compile(f"{gap}(?:{words})")
        #: the words alone, where they follow the numbers: a text without them cites no
        #: number (`keyword` matches in the whole text; before the numbers, `keyword_end`
        #: matches in the text cut at them, where a word's look-ahead may see an end)
        either = f"(?:{refs['resolution']})|(?:{refs['decision']})"  # (no group: fast search)
        self.words = re.compile(either) if self.keyword_after else None
        # before the numbers, an organ's name may stand between keyword and number
        # (резолюцию Совета Безопасности 2462 (2019))
        self.keyword_end = re.compile(f"(?:{words}){organ}{gap}$")
        self.glue = re.compile(f"(?:{refs['glue']})*")
        #: what may stand between two parts of one list that a topic phrase parts
        #: ("63/71 of 2 December 2008 on the Convention and 70/54 of ..."): optional
        self.bridge = re.compile(refs["bridge"]) if refs.get("bridge") else None
        self.date_before = refs.get("date_position") == "before"
        self.date_link = re.compile(refs.get("date_link", r"\s*"))
        self.share = re.compile(refs.get("share", r"(?!)"))
        self.own = re.compile(refs["own"]) if refs.get("own") else None
        self.sentence_end = re.compile(refs["sentence_end"]) if refs.get("sentence_end") else None
        treaty = refs.get("treaty_series", [])
        self.treaty = re.compile("|".join(map(re.escape, treaty))) if treaty else None
        organs = lang.section("inline", "organs")
        alternatives = [
            (name, None if actor == "ignore" else actor)
            for actor, names in organs.items()
            for name in names
        ]
        alternatives.sort(key=lambda a: -len(a[0]))
        # one alternation without groups to find names fast; each name's own pattern then
        # tells which organ a match is (only on the few matches)
        self._organ_names = [(re.compile(name), actor) for name, actor in alternatives]
        #: the actor of each organ name matched so far: a document names the same few organs
        #: again and again (the answer depends on the name alone, so it never goes stale;
        #: emptied past `_ACTORS_KEPT` names, lest a batch worker's grow without end)
        self._actor_of: dict[str, str | None] = {}
        self.organs = (
            re.compile("|".join(f"(?:{name})" for name, _ in alternatives))
            if alternatives
            else None
        )

    def organ_actor(self, m: re.Match[str]) -> str | None:
        """The actor of an organ name matched by ``organs`` (None for an ``ignore`` name)."""
        name = m.group(0)
        if name not in self._actor_of:
            if len(self._actor_of) >= _ACTORS_KEPT:
                self._actor_of.clear()
            self._actor_of[name] = next(
                (actor for pattern, actor in self._organ_names if pattern.fullmatch(name)), None
            )
        return self._actor_of[name]

    def month(self, word: str) -> int:
        return self._months.get(word.casefold(), 0) if self._months else int(word)

    def _date(self, pattern: str) -> re.Pattern[str]:
        if self._months:
            names = sorted(self._months, key=len, reverse=True)
            month = "(?P<m>" + "|".join(map(re.escape, names)) + r")(?![^\W\d_])"
        else:
            month = r"(?P<m>(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9]))"
        return re.compile(
            pattern.replace("{M}", month).replace("{Y}", _YEAR).replace("{D}", _DAY),
            re.IGNORECASE,
        )


# A year and a day, not inside a longer number. Each starts with the digit it consumes (the
# "not after a digit" test is a lookbehind behind it), so that the regex engine can skip to
# the digits of a text instead of trying a pattern that starts with {D} or {Y} at every
# position; they match exactly what ``(?<![0-9])\d{4}(?![0-9])`` and
# ``(?<![0-9])(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])`` match.
_YEAR = r"(?P<y>\d(?<![0-9]\d)\d{3}(?![0-9]))"
_DAY = (
    r"(?P<d>[0-9](?<![0-9]{2})"
    r"(?:(?<=0)[1-9]|(?<=[12])[0-9]?|(?<=3)[01]?|(?<=[4-9]))(?![0-9]))"
)

_CACHE: dict[int, tuple[Language, Tables]] = {}


def tables(lang: Language) -> Tables:
    hit = _CACHE.get(id(lang))
    if hit is None or hit[0] is not lang:
        hit = _CACHE[id(lang)] = (lang, Tables(lang))
    return hit[1]
