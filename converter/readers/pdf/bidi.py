"""Right-to-left lines: word spaces from visual gaps, and the visual → logical reordering of
runs (numbers and Latin symbols stay left to right, mirrored brackets are swapped back).
"""

from __future__ import annotations

import unicodedata

from .base import _RTL_LETTER_RE, _RTL_RE, Run


def _visual_spaces(runs: list[Run], size: float) -> list[Run]:
    """RTL lines: insert word spaces between visually adjacent runs (sorted right to left)
    before the bidi reordering, which moves runs away from their visual neighbours."""
    out: list[Run] = []
    for r in runs:
        if out:
            a = out[-1]
            gap = a.x0 - r.x1
            glue = r.superscript and not a.superscript and gap < 0.4 * size
            if (
                gap > 0.2 * min(size, max(a.size, r.size))
                and not glue
                and not a.text[-1:].isspace()
                and not r.text[:1].isspace()
                and gap < max(3.2 * size, 24.0)
            ):
                out.append(
                    Run(
                        " ",
                        r.x1,
                        a.x0,
                        a.top,
                        a.bottom,
                        a.baseline,
                        a.size,
                        space_before=False,
                        seq=-2,
                    )
                )
        out.append(r)
    return out


_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_SEPARATORS = set("/.,:-–+")


def _direction(text: str) -> str:
    """'R' (Arabic/Hebrew letters), 'L' (Latin letters), 'EN' (digits only) or 'N' (neutral:
    punctuation, spaces)."""
    seen = "N"
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            return "R"
        if b == "L":
            seen = "L"
        elif b in ("EN", "AN") and seen == "N":
            seen = "EN"
    return seen


def _ltr_islands(runs: list[Run]) -> list[Run]:
    """Runs of an RTL line sorted right to left are in logical order except for left-to-right
    islands (numbers such as ``70/1``, Latin words): put those back left to right. Outside the
    islands, brackets were extracted as drawn (mirrored): swap them back. A simplified Unicode
    bidi algorithm: digits joined by one separator make one number (W4), neutrals join an island
    only between two Latin letters (N1), otherwise they take the line's direction."""
    dirs = [_direction(r.text) for r in runs]
    n = len(runs)
    out: list[Run] = []
    i = 0
    while i < n:
        if dirs[i] not in ("L", "EN"):
            if dirs[i] == "N" and any(c in "()[]{}<>«»‹›" for c in runs[i].text):
                runs[i].text = runs[i].text.translate(_MIRROR)
            out.append(runs[i])
            i += 1
            continue
        j = i
        latin = dirs[i] == "L"
        while j + 1 < n:
            nxt = dirs[j + 1]
            if nxt in ("L", "EN"):
                latin = latin or nxt == "L"
                j += 1
                continue
            if nxt != "N":
                break
            k = j + 1
            while k < n and dirs[k] == "N":
                k += 1
            if k >= n or dirs[k] == "R":
                break
            neutral = "".join(runs[m].text for m in range(j + 1, k))
            if (latin and dirs[k] == "L") or (len(neutral) == 1 and neutral in _SEPARATORS):
                j = k
                latin = latin or dirs[k] == "L"
                continue
            break
        out.extend(reversed(runs[i : j + 1]))
        i = j + 1
    return out


def _line_is_rtl(runs: list[Run]) -> bool:
    """More right-to-left letters than other letters."""
    for r in runs:  # a plain loop: this runs three times a line
        if _RTL_RE.search(r.text):
            break
    else:
        return False
    rtl = ltr = 0
    for r in runs:
        n_rtl = len(_RTL_LETTER_RE.findall(r.text))
        rtl += n_rtl
        ltr += sum(1 for ch in r.text if ch.isalpha()) - n_rtl
    return rtl > ltr
