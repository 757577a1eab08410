"""A simple, independent counter for English UN General Assembly texts.

Second opinion for truth.json: standard library only, never imports `converter`.
It reads either the corpus text (one extractor's output: page headers, footers
and footnotes inline) or poppler's `pdftotext -layout` output (pages split by
form feeds, paragraphs marked by indentation) and counts with plain line rules:

  * page furniture: the document symbol, job numbers (25-15826), page counts
    (2/8), barcodes (*2515826*) and running-title lines next to the symbol;
  * footnote zones: from a rule of underscores (or U+2500) to the next page
    header (corpus text) or to the end of the page (layout text); inside them
    a line starting with the next footnote number opens a footnote body and a
    line starting with `*` a star note;
  * the formula: the first body line starting `The General Assembly`;
  * the main body runs from the formula to the first `Annex` heading or the
    `NNth plenary meeting` line;
  * operative paragraphs: lines `^N.` with N the next number (or 1 after a
    section heading); sections: lines holding only I, II, ... or A, B, ...;
  * points: lines `^(a)`, `^(ii)`, `^(aa)` following a line that ends a clause;
  * preambular paragraphs: paragraph starts (after a blank line in the corpus
    text, by indentation in layout text) that begin with a capital letter
    after a line ending with , ; : . before the first operative paragraph;
  * footnote references: numbers glued to a word or to closing punctuation
    (`session15`, `2030;3`, `Committee,3`) or standing alone at the end of a
    line after punctuation; the next unused number is a first reference, a
    number already used is a repeat reference.

Usage:  python count.py FILE [FILE...]   (prints one JSON object per file)
"""

import json
import os
import re
import sys

DEBUG = os.environ.get("COUNT_DEBUG")

SYMBOL_RE = re.compile(r"\bA/(?:[A-Z0-9.\-]+/)*[A-Z0-9.]+(?:/Rev\.\d+)?(?:/Add\.\d+)?")
JOB_RE = re.compile(r"^\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d{6})?$")
PAGE_RE = re.compile(r"^\d{1,3}/\d{1,3}$")
BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
RULE_RE = re.compile(r"^(_{8,}|\u2500{5,})$")
FORMULA_RE = re.compile(r"^The General Assembly\b")
OPER_RE = re.compile(r"^(\d{1,3})\.(\s|$)")
POINT_RE = re.compile(r"^\(([a-z]{1,2}|[ivxl]+)\)(\s|$)")
ARTICLE_RE = re.compile(r"^Article\s+\d+\b")
ANNEX_RE = re.compile(r"^(Annex|ANNEX)(\s+[IVXL]+|\s+[A-Z])?$")
PLENARY_RE = re.compile(r"^\d+(st|nd|rd|th) plenary meeting")
ROMANS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
SECTION_RE = re.compile(r"^([IVX]+|[A-H])\.?(\s{2,}\S.*)?$")
# a preambular paragraph opens with a participle or adjective phrase:
# "Recalling", "Having considered", "Deeply concerned", "Mindful", "Aware"...
OPENING_RE = re.compile(
    r"^([A-Z][a-z\-]*(ing|ed|ly|ful)|Aware|Conscious|Cognizant|Desirous|"
    r"Also|Further|Being)\b[ ,]"
)
ENDS_CLAUSE = re.compile(r"([,;:.]|\band|\bor)$")


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def strip_marker(s):
    """Drop a trailing footnote marker from a line (`…1979, 1`, `…Committee,3`)."""
    return re.sub(r"(?<=[,;:.”’)a-z])\s*\d{1,3}\s*$", "", s.rstrip()).rstrip()


def find_symbol(lines):
    for line in lines[:15]:
        m = SYMBOL_RE.search(line)
        if m:
            return m.group(0)
    return ""


def find_title(lines):
    """The title: text lines just before the formula (masthead-free)."""
    for i, line in enumerate(lines):
        if FORMULA_RE.match(line.strip()):
            out = []
            j = i - 1
            while j >= 0 and len(out) < 6:
                t = line_t = lines[j].strip()
                if t:
                    if re.search(
                        r"draft (resolution|decision)|:\*|Committee|Note by|^\d+/\d+\.$", t
                    ):
                        break
                    out.insert(0, line_t)
                j -= 1
            return norm(" ".join(out))
    return ""


def classify(text):
    """Return a list of (kind, text, indent, page) for every line."""
    layout = "\f" in text
    pages = text.split("\f") if layout else [text]
    all_lines = text.replace("\f", "\n").split("\n")
    symbol = find_symbol(all_lines)
    title = re.sub(r"^\d+/\d+\.\s*", "", find_title(all_lines))
    out = []
    for pno, page in enumerate(pages):
        lines = page.split("\n")
        in_fn = False
        for idx, raw in enumerate(lines):
            t = raw.strip()
            indent = len(raw) - len(raw.lstrip(" "))
            kind = "body"
            near_symbol = any(
                symbol
                and lines[k].strip() == symbol
                or (symbol and symbol in lines[k] and layout and (k < 3 or k > len(lines) - 4))
                for k in range(max(0, idx - 3), min(len(lines), idx + 4))
            )
            if not t:
                kind = "blank"
            elif (
                t == symbol
                or JOB_RE.match(t)
                or PAGE_RE.match(t)
                or BARCODE_RE.match(t)
                or re.match(r"^(\d{1,3}/\d{1,3}\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d{1,3}/\d{1,3})$", t)
            ):
                kind = "furn"
                if t == symbol and not layout:
                    in_fn = False
            elif layout and symbol and symbol in t and (idx < 3 or idx > len(lines) - 4):
                kind = "furn"
            elif (
                near_symbol
                and title
                and len(t.split()) >= 2
                and not t.endswith((",", ";"))
                and norm(t) in title
                and pno >= 0
                and (idx > 2 or layout)
            ):
                kind = "furn"
            elif re.match(r"^\*{1,3}\s+[A-Z]", t) and not in_fn:
                kind = "fn"  # a star note printed without a rule before it
                in_fn = True
            elif RULE_RE.match(t):
                kind = "rule"
                in_fn = True
            elif in_fn:
                kind = "fn"
            out.append((kind, t, indent, pno))
        # the masthead title lines on page 1 are also near the symbol: keep them as body
    return out, symbol, layout


def count(text):
    lines, symbol, layout = classify(text)
    res = {"symbol": symbol}
    # ---- footnotes -------------------------------------------------------
    fn_next, stars = 1, 0
    for kind, t, _, _ in lines:
        if kind != "fn":
            continue
        m = re.match(r"^(\d{1,3})(\s+\S.*)?$", t)
        if m and int(m.group(1)) == fn_next:
            fn_next += 1
        elif re.match(r"^\*{1,3}(\s|$)", t):
            stars += 1
    res["footnotes"] = fn_next - 1
    res["star_notes"] = stars
    body = [(t, ind, p, kind) for kind, t, ind, p in lines if kind in ("body", "blank")]
    # ---- type ------------------------------------------------------------
    fidx = next((i for i, (t, _, _, _) in enumerate(body) if FORMULA_RE.match(t)), None)
    head = " ".join(t for t, _, _, _ in (body[:fidx] if fidx is not None else body[:60]))
    if "/RES/" in symbol:
        typ = "resolution"
    elif re.search(r"\bamendments? to\b", head, re.I):
        typ = "amendment"
    elif re.search(r"draft decision", head, re.I):
        typ = "decisionDraft"
    elif re.search(r"draft resolution", head, re.I):
        typ = "resolutionDraft"
    else:
        typ = "other"
    res["type"] = typ
    res["formula"] = ""
    if typ in ("other", "amendment"):
        fidx = None
    if fidx is None:
        res.update(
            preambular=0,
            operative=0,
            sections=[],
            numbering_restarts=False,
            points=0,
            annexes=0,
            annex_paragraphs=[],
            annex_points=[],
            annex_articles=[],
        )
        res.update(refs(lines))
        return res
    ftext = body[fidx][0]
    res["formula"] = (
        ftext if re.fullmatch(r"The General Assembly,?", ftext) else "The General Assembly"
    )
    runon = not re.fullmatch(r"The General Assembly,?", ftext)
    # ---- page base indent (layout) ---------------------------------------
    base = {}
    if layout:
        from collections import Counter

        per = {}
        for t, ind, p, kind in body:
            if t:
                per.setdefault(p, Counter())[ind] += 1
        base = {p: c.most_common(1)[0][0] for p, c in per.items()}
    # ---- main body and annexes -------------------------------------------
    parts = [[]]  # part 0 = main body, then one list per annex
    ended = False
    for i in range(fidx, len(body)):
        t = body[i][0]
        if ANNEX_RE.match(t):
            parts.append([])
            ended = True
            continue
        if PLENARY_RE.match(t) and not ended:
            ended = True
            parts.append(None)  # marker: text after the signature, until an annex
            continue
        if parts[-1] is not None:
            parts[-1].append(body[i])
        else:
            pass
    annexes = [p for p in parts[1:] if p is not None]
    main = parts[0]
    # ---- main body counts ------------------------------------------------
    pre, oper, points, sections, restarts = 0, 0, 0, [], False
    last_n, in_oper, prev_text, prev_blank = 0, False, "", False
    sec_seq, sec_started, after_heading, sec_pre = None, False, False, 0
    for k, (t, ind, p, kind) in enumerate(main):
        if k == 0:
            prev_text = "," if not runon else t
            continue
        if not t:
            prev_blank = True
            continue
        m_sec = SECTION_RE.match(t)
        if m_sec:
            lab = m_sec.group(1)
            seq = ROMANS if lab in ROMANS and (sec_seq in (None, ROMANS)) else LETTERS
            want = seq[len(sections)] if len(sections) < len(seq) else None
            if lab == want and (sec_seq in (None, seq)):
                sec_seq = seq
                sections.append(lab)
                prev_text, prev_blank, after_heading = ":", False, True
                sec_started = False
                continue
        if after_heading and not OPENING_RE.match(t) and not OPER_RE.match(t):
            continue  # the section's title line(s)
        after_heading = False
        m = OPER_RE.match(t)
        if m:
            n = int(m.group(1))
            if n == last_n + 1 or (n == 1 and sections and last_n > 0):
                if n == 1 and last_n > 0:
                    restarts = True
                last_n, in_oper, sec_started = n, True, True
                oper += 1
                prev_text, prev_blank = t, False
                continue
        pe = strip_marker(prev_text)
        if POINT_RE.match(t) and (ENDS_CLAUSE.search(pe) or OPER_RE.match(prev_text)):
            points += 1
        elif not sec_started and OPENING_RE.match(t) and re.search(r"[,;:.]$", pe):
            starts = (ind >= base.get(p, 0) + 3) if layout else (prev_blank or pe.endswith(","))
            if starts and not runon and in_oper:
                sec_pre += 1  # preamble of a later section (not in `preambular`)
            elif starts and not runon:
                pre += 1
                if DEBUG:
                    print("  pre", pre, t[:70], file=sys.stderr)
        prev_text, prev_blank = t, False
    if runon:
        pre = 0
    res.update(
        preambular=pre,
        section_preambular=sec_pre,
        operative=oper,
        sections=sections,
        numbering_restarts=restarts and len(sections) > 1,
        points=points,
    )
    # ---- annexes ---------------------------------------------------------
    ap, apt, aart = [], [], []
    for part in annexes:
        n_par, n_pt, n_art, last, prev = 0, 0, 0, 0, ""
        for t, ind, p, kind in part:
            if not t:
                continue
            m = OPER_RE.match(t)
            if m and (int(m.group(1)) == last + 1 or int(m.group(1)) == 1):
                last = int(m.group(1))
                n_par += 1
            elif POINT_RE.match(t) and (
                ENDS_CLAUSE.search(strip_marker(prev)) or OPER_RE.match(prev)
            ):
                n_pt += 1
            elif ARTICLE_RE.match(t):
                n_art += 1
            prev = t
        ap.append(n_par)
        apt.append(n_pt)
        aart.append(n_art)
    res.update(annexes=len(annexes), annex_paragraphs=ap, annex_points=apt, annex_articles=aart)
    res.update(refs(lines, res["footnotes"]))
    return res


# A marker is a 1-3 digit number standing apart from real numbers:
#  glued  - right after a letter, a bracket or a closing quote ("session15",
#           "Rights4"), after , ; : (also after a year: "2003,2", "2030;3"), or
#           after a full stop that follows a lowercase letter (not "16.3", "DEC.2");
#  spaced - after a word or punctuation and a space, followed by a lowercase
#           word, punctuation or the end of the line ("Rights, 1 the",
#           "Action 9 and", "1979, 1"), unless the word before is one that
#           takes a number (resolution, paragraph, No., Goal, ...) or the
#           token before is itself a number ("paragraphs 3, 4 and 5").
GLUED = re.compile(
    r"(?:(?<=[A-Za-z)\]”’\"])|(?<=[,;:])|(?<=(?<=[a-z”’)])\.))(\d{1,3})(?=[\s,;:.)”]|$)"
)
SPACED = re.compile(r"(?<=[A-Za-z,;:.”’)])(\s+)(\d{1,3})(?=\s+[a-z]|\s*$|\s*[,;.:])")
TAKES_NUMBER = {
    "resolution",
    "resolutions",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "no",
    "nos",
    "vol",
    "goal",
    "goals",
    "target",
    "targets",
    "article",
    "articles",
    "art",
    "rule",
    "rules",
    "item",
    "items",
    "chapter",
    "chap",
    "sect",
    "section",
    "sections",
    "part",
    "annex",
    "principle",
    "principles",
    "decision",
    "decisions",
    "protocol",
    "recommendation",
    "step",
    "phase",
    "page",
    "pages",
    "p",
    "pp",
    "table",
    "figure",
    "level",
    "category",
    "option",
    "volume",
    "number",
    "supplement",
    "session",
    "meeting",
    "and",
    "to",
    "or",
    "than",
    "of",
    "from",
    "by",
    "at",
    "in",
    "on",
    "with",
    "for",
    "over",
    "under",
    "about",
    "around",
    "some",
    "only",
    "least",
    "most",
    "per",
    "every",
    "each",
    "first",
    "within",
    "last",
    "next",
    "additional",
    "further",
    "approximately",
    "nearly",
    "almost",
    "up",
}


def markers(t):
    """Candidate footnote markers in one body line, in order: (position, number, glued)."""
    out = {}
    for m in GLUED.finditer(t):
        out[m.start(1)] = (int(m.group(1)), True)
    for m in SPACED.finditer(t):
        before = t[: m.start(1)].rstrip()
        word = re.findall(r"[A-Za-z]+|\d+[,]?$", before)
        last = word[-1].lower() if word else ""
        if last in TAKES_NUMBER or before.endswith(("-", "/")):
            continue
        if re.match(r"\d", last) and re.match(r"\d+(,|\s+(and|or|to)\b)", t[m.start(2) :]):
            continue  # a list of numbers: "paragraphs 3, 4 and 5"
        out.setdefault(m.start(2), (int(m.group(2)), before[-1:] in ",;:”’)"))
    return [(pos, n, g) for pos, (n, g) in sorted(out.items())]


YEAR_GLUED = re.compile(r"(?<![\d/])((?:19|20)\d\d)(\d{1,3})(?=[\s,;:.)”]|$)")


def refs(lines, n_fn=None):
    """Count first and repeat references to numbered footnotes in the body text.

    A footnote sits at the foot of the page of its first reference, so the
    first reference to note k is the first candidate marker k on the page of
    note k's body (and after the first reference to the note before it). A
    later candidate k, glued or after punctuation, is a repeat reference."""
    n_fn = n_fn or 0
    layout = any(pno for _, _, _, pno in lines)
    page, pages, fn_line, nxt = 0, [], {}, 1
    symbol_lines = [
        i for i, (kind, t, _, _) in enumerate(lines) if kind == "furn" and SYMBOL_RE.fullmatch(t)
    ]
    first_symbol = symbol_lines[0] if symbol_lines else -1
    for i, (kind, t, _ind, pno) in enumerate(lines):
        if i != first_symbol and i in symbol_lines:
            page += 1
        pages.append(pno if layout else page)
        if kind == "fn":
            m = re.match(r"^(\d{1,3})(\s+\S.*)?$", t)
            if m and int(m.group(1)) == nxt:
                fn_line[nxt] = i
                nxt += 1
    cands = []
    for i, (kind, t, _, _) in enumerate(lines):
        if kind != "body" or not t or FORMULA_RE.match(t):
            continue
        found = markers(t)
        for m in YEAR_GLUED.finditer(t):
            found.append((m.start(2), int(m.group(2)), True))
        for pos, n, g in sorted(found):
            if 1 <= n <= n_fn:
                cands.append(((i, pos), n, g))
    first_at, last = {}, (-1, -1)
    for k in range(1, n_fn + 1):
        if k not in fn_line:
            continue
        pg = pages[fn_line[k]]
        for at, n, g in cands:
            if n == k and pages[at[0]] == pg and at[0] < fn_line[k] and at > last:
                first_at[k], last = at, at
                break
    repeat = sum(1 for at, n, g in cands if g and n in first_at and at > first_at[n])
    if DEBUG:
        print(
            "missing first refs:",
            [k for k in range(1, n_fn + 1) if k not in first_at],
            file=sys.stderr,
        )
    return {"first_refs": len(first_at), "repeat_refs": repeat}


def main(argv):
    for path in argv:
        with open(path, encoding="utf-8") as fh:
            r = count(fh.read())
        r["file"] = path
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
