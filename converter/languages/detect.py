"""Language detection from the text itself: script, enacting formula, opening phrases."""

from __future__ import annotations

import re

from converter.languages import Language, all_languages, phrases

#: the letters of each script (character-class ranges)
_LETTERS = {
    "cjk": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "cyrillic": "\u0400-\u04ff",
    "latin": "A-Za-z\u00c0-\u024f",
}
#: runs of a script's letters, counted by their lengths (one match per run, not per letter).
#: (Spelt "[…][…]*", the engine would skip to a run's first letter, but compiling the CJK and
#: Arabic classes twice costs a cold start ~5 ms, against ~0.03 ms saved per detection.)
_RUNS = {script: re.compile(f"[{letters}]+") for script, letters in _LETTERS.items()}
#: the letters of the two scripts that most texts lack: one scan tells that both are absent
_RARE = ("arabic", "cyrillic")
_ANY_RARE = re.compile(f"[{''.join(_LETTERS[script] for script in _RARE)}]")


#: Detection looks at the start of the text only: the masthead, heading block, formula and
#: first paragraphs say which language it is.
HEAD = 20000


def dominant_script(text: str) -> str | None:
    """The script with the most letters in the first `HEAD` characters (on a tie, the first
    in `_LETTERS`' order); None when there are no letters.

    The scripts' letters are disjoint: once one script has at least as many letters as the
    characters not yet counted, no later script can have more, and counting stops (a Chinese
    text is not scanned again for Latin letters)."""
    head = text[:HEAD]
    rare: bool | None = None  # whether any Arabic or Cyrillic letter is there (asked once)
    best, most, counted = None, 0, 0
    for script, runs in _RUNS.items():
        if most and most >= len(head) - counted:
            break
        if script in _RARE:
            if rare is None:
                rare = _ANY_RARE.search(head) is not None
            if not rare:
                continue
        letters = sum(map(len, runs.findall(head)))
        counted += letters
        if letters > most:
            best, most = script, letters
    return best


def detect(text: str) -> Language | None:
    """The most likely language of ``text``, or None when no table fits at all.

    The script narrows the choice; a line that is a language's enacting formula decides;
    otherwise the language whose opening phrases start the most lines wins.
    """
    script = dominant_script(text)
    if script is None:
        return None
    candidates = [lang for lang in all_languages() if lang.script == script]
    if len(candidates) == 1:
        return candidates[0]
    lines = [l.strip() for l in text[:HEAD].splitlines() if l.strip()]
    with_formula = [lang for lang in candidates if any(_own_line(lang, line) for line in lines)]
    if len(with_formula) == 1:
        return with_formula[0]
    pool = with_formula or candidates

    def score(lang: Language) -> int:
        return sum(
            1
            for line in lines[:400]
            if phrases.match(line, lang, "preamble") or phrases.match(line, lang, "operative")
        )

    return max(pool, key=score)


def _own_line(lang: Language, line: str) -> bool:
    """Whether ``line`` is one only ``lang`` prints: its enacting formula, alone or running on
    into a decision ("L’Assemblée générale, rappelant …"), or its amendment heading."""
    from converter.languages.formula import run_on_cut

    if lang.formula_actor(line):
        return True
    amendment = lang.regex("amendment", "heading")
    if amendment is not None and amendment.search(line):
        return True
    return run_on_cut(line, lang) is not None
