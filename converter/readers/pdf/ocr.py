"""OCR of image-only PDFs with Tesseract (the ``tesseract`` CLI, TSV output: word and line boxes).

Pages are rasterised with PDFium (pypdfium2) and piped to ``tesseract stdin stdout -l LANG tsv``.
The words become `Run`s of one line per Tesseract line, then go through the same segmenting,
assembling and role detection as native text. Needs the Debian packages ``tesseract-ocr`` and
``tesseract-ocr-{ara,chi-sim,eng,fra,rus,spa}``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
import threading
from typing import TYPE_CHECKING, TypedDict

from . import layout, roles
from .layout import Run, _Build
from .model import PdfReadError, PdfSource, Rule
from .native import _LOCK, open_document, producer_of
from .roles import PageBuild

if TYPE_CHECKING:
    import PIL.Image

#: ISO 639-1/-3 codes and names → Tesseract language data names
LANGS = {
    "ar": "ara",
    "ara": "ara",
    "arabic": "ara",
    "zh": "chi_sim",
    "zho": "chi_sim",
    "chi": "chi_sim",
    "chi_sim": "chi_sim",
    "chinese": "chi_sim",
    "en": "eng",
    "eng": "eng",
    "english": "eng",
    "fr": "fra",
    "fra": "fra",
    "fre": "fra",
    "french": "fra",
    "ru": "rus",
    "rus": "rus",
    "russian": "rus",
    "es": "spa",
    "spa": "spa",
    "spanish": "spa",
}
_installed: set[str] | None = None
_MARKER = re.compile(r"^[(\[]?(?:\d{1,3}|\*{1,3})[)\].,;:]?$")
_inst_lock = threading.Lock()

#: a Tesseract line's key: (block, paragraph, line) numbers
_LineKey = tuple[int, int, int]
#: a box in pixels: left, top, width, height
_Box = tuple[float, float, float, float]


class _Word(TypedDict):
    """A word Tesseract read (box in pixels) and its confidence."""

    text: str
    box: _Box
    conf: float


def tesseract_langs(exe: str = "tesseract") -> set[str]:
    global _installed
    with _inst_lock:
        if _installed is None:
            path = shutil.which(exe)
            if not path:
                raise PdfReadError(
                    "OCR needs Tesseract: install the Debian package tesseract-ocr "
                    "and tesseract-ocr-<lang> for each language"
                )
            out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=60)
            _installed = {ln.strip() for ln in out.stdout.splitlines()[1:] if ln.strip()}
        return _installed


def tesseract_version(exe: str = "tesseract") -> str:
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
        first = (out.stdout or out.stderr).splitlines()[0]
        return first.strip()
    except Exception:
        return "tesseract"


def _lang_arg(lang: str) -> str:
    parts = [p for p in lang.replace(",", "+").split("+") if p.strip()]
    codes = []
    for p in parts:
        code = LANGS.get(p.strip().lower(), p.strip())
        if code not in codes:
            codes.append(code)
    missing = [c for c in codes if c not in tesseract_langs()]
    if missing:
        pkg = " ".join("tesseract-ocr-" + c.replace("_", "-") for c in missing)
        raise PdfReadError(
            f"Tesseract has no language data for {', '.join(missing)}: install {pkg}"
        )
    return "+".join(codes) or "eng"


def _tsv(png: bytes, lang: str, psm: int, timeout: float) -> list[dict[str, str]]:
    try:
        # one thread per Tesseract: its OpenMP threads slow it down on a busy machine, and
        # callers parallelise over documents
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", lang, "--psm", str(psm), "tsv"],
            input=png,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise PdfReadError(f"Tesseract took longer than {timeout:.0f} s on a page") from None
    if out.returncode != 0:
        raise PdfReadError("Tesseract failed: " + out.stderr.decode("utf-8", "replace")[-300:])
    rows = out.stdout.decode("utf-8", "replace").splitlines()
    if not rows:
        return []
    head = rows[0].split("\t")
    res: list[dict[str, str]] = []
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) < len(head):
            cols += [""] * (len(head) - len(cols))
        res.append(dict(zip(head, cols)))
    return res


def _row_pieces(data: bytes, cols: int, h: int) -> list[tuple[int, int, int]]:
    """Dark pieces of rows, at least 2 cells long: (x0, x1, y) in cells / pixels."""
    pieces: list[tuple[int, int, int]] = []
    for y in range(h):
        row = data[y * cols : (y + 1) * cols]
        if min(row) > 150:
            continue
        run = 0
        for x, v in enumerate(row):
            if v < 150:
                run += 1
                continue
            if run >= 2:
                pieces.append((x - run, x, y))
            run = 0
        if run >= 2:
            pieces.append((cols - run, cols, y))
    pieces.sort()
    return pieces


def _chains(pieces: list[tuple[int, int, int]]) -> list[list[int]]:
    """Pieces chained across a pixel or two of height: [x0, x1, y_at_x1, ymin, ymax]."""
    chains: list[list[int]] = []
    for x0, x1, y in pieces:
        for c in reversed(chains[-40:]):
            if c[1] >= x0 - 1 and abs(c[2] - y) <= 3:
                c[1] = max(c[1], x1)
                c[2] = y
                c[3], c[4] = min(c[3], y), max(c[4], y)
                break
        else:
            chains.append([x0, x1, y, y, y])
    return chains


def _merged(out: list[Rule]) -> list[Rule]:
    """Pieces of one skewed or thick line: one rule."""
    out.sort(key=lambda r: (r.y, r.x0))
    merged: list[Rule] = []
    for r in out:
        for k, m in enumerate(merged):
            if abs(m.y - r.y) <= 2.5 and r.x0 <= m.x1 + 2 and m.x0 <= r.x1 + 2:
                merged[k] = Rule(m.y, min(m.x0, r.x0), max(m.x1, r.x1))
                break
        else:
            merged.append(r)
    return merged


def image_rules(img: PIL.Image.Image, scale: float, min_len_pt: float = 30.0) -> list[Rule]:
    """Horizontal rules drawn in a scanned page. The image is averaged over blocks of 8 pixels
    along the rows (text, with gaps between letters and words, then no longer reads as a line);
    dark pieces of rows are chained across a pixel or two of height (scans are skewed) and a chain
    at least `min_len_pt` long and nearly flat is a rule. `scale`: points per pixel."""
    from PIL import Image

    w, h = img.size
    cols = max(1, w // 8)
    small = img.convert("L").resize((cols, h), Image.Resampling.BOX)
    data = small.tobytes()
    need = min_len_pt / scale / 8

    def light(y: int, x0: int, x1: int) -> bool:  # a rule has white above and below it
        if y < 0 or y >= h:
            return True
        row = data[y * cols + x0 : y * cols + x1]
        return bool(sum(row) >= 215 * len(row))

    out: list[Rule] = []
    for x0, x1, _, y0, y1 in _chains(_row_pieces(data, cols, h)):
        length = x1 - x0
        if (
            length >= need
            and (y1 - y0) <= 4 + 0.03 * length * 8
            and light(y0 - 6, x0, x1)
            and light(y1 + 6, x0, x1)
        ):
            out.append(
                Rule(
                    round((y0 + y1) / 2 * scale, 2),
                    round(x0 * 8 * scale, 2),
                    round(x1 * 8 * scale, 2),
                )
            )
    return _merged(out)


def _page_from_tsv(
    rows: list[dict[str, str]],
    number: int,
    width: float,
    height: float,
    scale: float,
    min_conf: float,
) -> PageBuild:
    """`scale`: points per pixel."""
    lines, boxes = _tsv_lines(rows, min_conf)
    builds = [
        _line_build(words, boxes.get(key, words[0]["box"]), scale) for key, words in lines.items()
    ]
    # Tesseract's block/paragraph/line order is its reading order (it finds the columns of
    # old two-column resolutions), so it is kept rather than re-sorted by position
    items: list[layout.Assembled] = []
    for b in builds:
        for seg in layout.split_segments(b):
            items.append(layout.assemble(seg))
    items = [a for a in items if a.line.text]
    return PageBuild(number, round(width, 2), round(height, 2), items)


def _tsv_lines(
    rows: list[dict[str, str]], min_conf: float
) -> tuple[dict[_LineKey, list[_Word]], dict[_LineKey, _Box]]:
    """Tesseract's words by line (block, paragraph, line) and the line boxes."""
    lines: dict[_LineKey, list[_Word]] = {}
    boxes: dict[_LineKey, _Box] = {}
    for r in rows:
        try:
            level = int(r["level"])
            key = (int(r["block_num"]), int(r["par_num"]), int(r["line_num"]))
            box = (float(r["left"]), float(r["top"]), float(r["width"]), float(r["height"]))
        except (KeyError, ValueError):
            continue
        if level == 4:
            boxes[key] = box
        elif level == 5:
            text = (r.get("text") or "").strip()
            try:
                conf = float(r.get("conf") or -1)
            except ValueError:
                conf = -1
            if text and conf >= min_conf:
                lines.setdefault(key, []).append({"text": text, "box": box, "conf": conf})
    return lines, boxes


def _line_build(words: list[_Word], line_box: _Box, scale: float) -> _Build:
    """One OCR line as runs (one per word), raised small markers as superscripts."""
    lx, ly, lw, lh = line_box
    hs = [w["box"][3] for w in words]
    med = statistics.median(hs)
    # the line box spans ascenders to descenders: about 1.2 em of the font
    size = round(max(4.0, lh * scale / 1.2) * 2) / 2
    # most words sit on the baseline: the median of their bottoms
    base_px = statistics.median(w["box"][1] + w["box"][3] for w in words)
    runs: list[Run] = []
    for seq, w in enumerate(words):
        x, y, ww, hh = w["box"]
        # a footnote marker: digits or an asterisk, small, its bottom well above the baseline
        sup = (
            len(words) > 1
            and _MARKER.match(w["text"]) is not None
            and hh < 0.8 * med
            and (y + hh) < base_px - 0.3 * med
        )
        runs.append(
            Run(
                w["text"],
                x * scale,
                (x + ww) * scale,
                y * scale,
                (y + hh) * scale,
                (base_px - (0.35 * med if sup else 0)) * scale,
                size * (0.65 if sup else 1.0),
                superscript=sup,
                seq=seq,
                space_before=True,
            )
        )
    b = _Build(runs)
    b.refresh()
    return b


def ocr_pdf(
    data: bytes,
    lang: str = "eng",
    *,
    dpi: int = 300,
    psm: int = 3,
    min_conf: float = 0.0,
    timeout: float = 300.0,
    pages: int | None = None,
) -> PdfSource:
    """OCR every page of a PDF (meant for `text_layer == "none"`) with Tesseract.

    `lang`: ``ru``/``rus``, ``zh``/``chi_sim``, ``ar``, ``en``, ``fr``, ``es`` or a Tesseract
    ``a+b`` list. The result's `text_layer` still says what the PDF carries (``"none"`` for a
    scan); `ocr_engine` names Tesseract and the languages. Line roles come from the same evidence
    as for native text (repeated bands, page counters, job numbers, a rule of underscores).
    `pages`: read only the first pages (None: all).
    """
    tess_lang = _lang_arg(lang)
    with _LOCK:
        doc = open_document(data)
        try:
            producer = producer_of(doc)
            images: list[tuple[bytes, float, float, list[Rule]]] = []
            for i in range(min(len(doc), pages or len(doc))):
                page = doc[i]
                try:
                    left, bottom, right, top = page.get_bbox()
                    bitmap = page.render(scale=dpi / 72, grayscale=True)
                    pil = bitmap.to_pil()
                    buf = io.BytesIO()
                    pil.save(buf, format="PNG")
                    images.append(
                        (buf.getvalue(), right - left, top - bottom, image_rules(pil, 72 / dpi))
                    )
                except Exception as exc:
                    raise PdfReadError(
                        f"damaged PDF: page {i + 1} cannot be rendered "
                        f"({type(exc).__name__}: {exc})"
                    ) from None
                finally:
                    page.close()
        finally:
            doc.close()
    builds: list[PageBuild] = []
    for i, (png, w, h, rules) in enumerate(images):
        rows = _tsv(png, tess_lang, psm, timeout)
        pb = _page_from_tsv(rows, i + 1, w, h, 72 / dpi, min_conf)
        pb.rules = rules
        builds.append(pb)
    return PdfSource(roles.finish(builds), "none", producer, f"{tesseract_version()} ({tess_lang})")
