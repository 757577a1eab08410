"""Bad input: each broken input, made here from the real sample or corpus texts by one
mutation, gets a specific, located diagnostic (``file:line: severity: code: message``) and
either valid XML with warnings or a clean failure; never an exception, never invalid XML.

Also: inputs over the size limit are refused without being read into memory, and XML given
to ``un2akn validate`` is parsed without entities, DTDs or network access (XXE, billion laughs).
"""

from __future__ import annotations

import http.server
import re
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree

from converter import convert
from converter import readers as read
from converter.akn import schema as validate
from converter.akn.schema import validate_file
from converter.app.cli import main
from tests.conftest import CORPUS, SAMPLE, assert_valid

NAME = "mutant.txt"
ZH = SAMPLE.read_text(encoding="utf-8")
EN = (CORPUS / "A_RES_73_6.en.pdftotext.txt").read_text(encoding="utf-8")  # form feeds
EN_LAYOUT = (CORPUS / "A_RES_73_7.en.pdftotext-layout.txt").read_text(encoding="utf-8")
FORMAT = re.compile(
    r"^mutant\.txt(?::(?P<line>\d+))?: (?P<severity>error|warning|info): "
    r"(?P<code>[a-z0-9_.]+): \S"
)


def run(data: str | bytes):
    """Convert ``data``: no exception, valid XML when ok, every diagnostic well formed."""
    result = convert(data.encode("utf-8") if isinstance(data, str) else data, name=NAME)
    if result.ok():  # what would be written: schema, second validator and rules all pass
        assert_valid(result.xml)
    elif result.xml is not None:  # not written; still never schema-invalid
        assert validate.schema_errors(etree.ElementTree(etree.fromstring(result.xml))) == []
    for d in result.diagnostics:
        assert FORMAT.match(d.format()), d.format()
    return result


def find(result, code: str):
    """The first diagnostic with ``code`` (failing the test, listing all, if none)."""
    found = [d for d in result.diagnostics if d.code == code]
    assert found, f"no {code} among:\n" + "\n".join(d.format() for d in result.diagnostics)
    return found[0]


def line_of(lines: list[str], predicate, start: int = 0) -> int:
    """0-based index of the first line (from ``start``) for which ``predicate`` holds."""
    return next(i for i in range(start, len(lines)) if predicate(lines[i]))


def failed_with(result, code: str, line: int | None = None):
    d = find(result, code)
    assert d.severity == 2 and not result.ok(), d.format()
    if line is not None:
        assert d.line == line, d.format()
    return d


def warned_with(result, code: str, line: int | None = None):
    d = find(result, code)
    assert d.severity == 1 and result.ok() and not result.ok(strict=True), d.format()
    if line is not None:
        assert d.line == line, d.format()
    return d


# -- not text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \n", "\ufeff\n".encode("utf-8")])
def test_empty_file(data):
    failed_with(run(data), "input.empty")


def test_binary_file():
    data = ZH.encode("utf-8")
    mutant = data[:5000] + bytes(range(256)) + data[5000:]  # a binary block inside the text
    failed_with(run(mutant), "input.binary")
    failed_with(run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + data), "input.binary")


def test_wrong_encoding_cp1252_is_located_at_the_first_bad_byte():
    lines = EN.split("\n")
    i = line_of(lines, lambda l: "–" in l)  # the first en dash ("2015–2030")
    failed_with(run(EN.encode("cp1252")), "input.encoding", line=i + 1)


def test_chinese_in_big5_is_not_taken_for_gb18030():
    failed_with(run(ZH.encode("big5", errors="replace")), "input.encoding")


def test_utf16_without_bom_is_read():
    result = run(ZH.encode("utf-16-le"))
    assert result.ok() and result.encoding == "utf-16-le" and result.counts()["operative"] == 65


# -- not a resolution ----------------------------------------------------------------------


def test_text_that_is_not_a_resolution():
    lines = EN.split("\n")
    i = line_of(lines, lambda l: l == "The General Assembly,")
    result = run("\n".join(lines[:i] + lines[i + 1 :]))  # no enacting formula
    failed_with(result, "structure.no_formula")
    failed_with(
        run("Minutes of the 12th meeting\n\nThe chair opened the meeting.\n"),
        "structure.no_formula",
        line=1,
    )


def test_text_without_letters():
    failed_with(run("12345 67890\n--- *** ...\n" * 20), "input.language")


def test_formula_but_no_paragraphs():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip() == "大会，")
    result = run("\n".join(lines[: i + 1]))
    failed_with(result, "structure.no_operative", line=i + 1)


# -- truncated -----------------------------------------------------------------------------


def test_truncated_in_the_preamble():
    lines = EN.split("\n")
    cut = lines[: len(lines) // 2]
    result = run("\n".join(cut))
    failed_with(
        result,
        "structure.no_operative",
        line=max(
            i + 1 for i, l in enumerate(cut) if l.strip() and not re.fullmatch(r"[\d/A-Z.\s-]+", l)
        ),
    )


def test_truncated_in_the_operative_part_with_page_counters():
    lines = EN.split("\n")
    result = run("\n".join(lines[: int(len(lines) * 0.9)]))
    d = failed_with(result, "structure.pages_missing")
    assert "page 5 is missing" in d.message


def test_truncated_mid_sentence_without_page_counters():
    lines = ZH.split("\n")
    cut = lines[: int(len(lines) * 0.75)]
    while not cut[-1].strip() or cut[-1].strip().endswith("。"):
        cut.pop()
    result = run("\n".join(cut))
    warned_with(result, "structure.truncated", line=len(cut))  # valid XML, with a warning


# -- pages out of order ---------------------------------------------------------------------


def test_swapped_pages_are_out_of_order():
    pages = EN.split("\f")
    assert len(pages) == 6
    pages[2], pages[3] = pages[3], pages[2]
    text = "\f".join(pages)
    result = run(text)
    d = failed_with(result, "structure.page_order")
    assert text.split("\n")[d.line - 1].strip() == "3/5" and "after page 4/5" in d.message


def test_repeated_page():
    pages = EN.split("\f")
    result = run("\f".join(pages[:3] + pages[2:]))
    failed_with(result, "structure.page_order")


def test_missing_page():
    pages = EN.split("\f")
    result = run("\f".join(pages[:2] + pages[3:]))
    d = failed_with(result, "structure.pages_missing")
    assert "page 3 is missing" in d.message


def test_swapped_operative_pages_without_counters():
    lines = ZH.split("\n")
    a = line_of(lines, lambda l: l.strip().startswith("10. "))
    b = line_of(lines, lambda l: l.strip().startswith("20. "))
    c = line_of(lines, lambda l: l.strip().startswith("30. "))
    text = "\n".join(lines[:a] + lines[b:c] + lines[a:b] + lines[c:])
    failed_with(run(text), "structure.numbering", line=a + 1)


# -- footnotes -----------------------------------------------------------------------------


def test_missing_footnote_text_without_form_feeds():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("3 同上"))
    mutant = lines[:i] + lines[i + 1 :]
    four = line_of(mutant, lambda l: l.strip().startswith("4 同上"))
    result = run("\n".join(mutant))
    d = failed_with(result, "footnote.body_missing", line=four + 1)  # where note 4 stands
    assert "footnote 3 is missing" in d.message


def test_missing_only_footnote_of_a_page():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("7 第 70/1"))
    result = run("\n".join(lines[:i] + lines[i + 1 :]))
    assert "footnote 7 is missing" in failed_with(result, "footnote.body_missing").message


@pytest.mark.parametrize("text", [EN, EN_LAYOUT], ids=["plain", "layout"])
def test_missing_footnote_text_with_form_feeds(text):
    lines = text.split("\n")
    i = line_of(
        lines,
        lambda l: (
            l.strip() in ("See A/AC.105/1137.", "Articles 10 and 13 of the Relationship Agreement.")
        ),
    )
    failed_with(run("\n".join(lines[:i] + lines[i + 1 :])), "footnote.body_missing")


def test_missing_footnote_marker_and_text_with_form_feeds():
    lines = EN_LAYOUT.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("Articles 10 and 13"))
    assert lines[i - 1].strip() == "3"
    result = run("\n".join(lines[: i - 1] + lines[i + 1 :]))
    d = failed_with(result, "footnote.body_missing")
    assert "footnote 3 are missing" in d.message


def test_duplicated_footnote_text_without_form_feeds():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("3 同上"))
    result = run("\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :]))
    warned_with(result, "footnote.duplicate", line=i + 2)
    assert result.counts()["footnotes"] == 36


@pytest.mark.parametrize("with_marker", [False, True], ids=["text", "marker-and-text"])
def test_duplicated_footnote_text_with_form_feeds(with_marker):
    lines = EN_LAYOUT.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("Articles 10 and 13"))
    repeat = lines[i - 1 : i + 1] if with_marker else [lines[i]]
    result = run("\n".join(lines[: i + 1] + repeat + lines[i + 1 :]))
    warned_with(result, "footnote.duplicate", line=i + 1 + len(repeat))
    assert result.counts()["footnotes"] == 9


# -- numbering -----------------------------------------------------------------------------


def test_renumbered_paragraph():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("5. 敦促"))
    lines[i] = lines[i].replace("5. 敦促", "6. 敦促")
    d = failed_with(run("\n".join(lines)), "structure.numbering", line=i + 1)
    assert "paragraph 6. where 5. was expected" in d.message


def test_renumbered_paragraph_number_on_its_own_line():
    lines = EN.split("\n")
    i = line_of(lines, lambda l: l == "3.")
    lines[i] = "4."
    failed_with(run("\n".join(lines)), "structure.numbering", line=i + 1)


def test_paragraph_lost_its_first_line():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("5. 敦促"))
    j = line_of(lines, lambda l: l.strip().startswith("6. "))
    result = run("\n".join(lines[:i] + lines[i + 1 :]))
    failed_with(result, "structure.numbering", line=j)  # one line up: line i was removed


def test_repeated_paragraph():
    lines = ZH.split("\n")
    i = line_of(lines, lambda l: l.strip().startswith("5. 敦促"))
    j = line_of(lines, lambda l: l.strip().startswith("6. "))
    result = run("\n".join(lines[:j] + lines[i:j] + lines[j:]))
    failed_with(result, "structure.numbering", line=j + 1)


# -- size ----------------------------------------------------------------------------------


def test_file_over_the_limit_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:  # sparse: no disk space, no memory
        f.truncate(read.MAX_INPUT_BYTES * 3)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = convert(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    d = failed_with(result, "input.too_large")
    assert f"{read.MAX_INPUT_BYTES:,}" in d.message
    assert peak < 1_000_000 and time.perf_counter() - started < 1


def test_bytes_over_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(read, "MAX_INPUT_BYTES", 10_000)
    failed_with(run(ZH.encode("utf-8")), "input.too_large")


def test_large_input_in_bounded_time():
    """Ten resolutions back to back (~600 kB): not one of them, but converted or refused in
    seconds (the batch --timeout bounds the rest)."""
    started = time.perf_counter()
    result = run(EN * 10)
    assert result.diagnostics and time.perf_counter() - started < 20


# -- XML given to `validate` -----------------------------------------------------------------


class _Server(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        _Server.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "LEAKED">')

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Server.hits = []
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _akn(body: str, doctype: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<akomaNtoso xmlns="http://docs.oasis-open.org/'
        f'legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>{body}</p></mainBody></doc>'
        "</akomaNtoso>\n"
    )


def hostile(url: str, secret: Path) -> dict[str, str]:
    laughs = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{k} "{("&l" + str(k - 1) + ";") * 10}">' for k in range(1, 10)
    )
    return {
        "xxe-file": _akn(
            "&xxe;", f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        ),
        "xxe-http": _akn("&xxe;", f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{url}/e">]>'),
        "parameter": _akn("&leak;", f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{url}/p"> %p;]>'),
        "external-dtd": _akn("x", f'<!DOCTYPE akomaNtoso SYSTEM "{url}/akn.dtd">'),
        "billion-laughs": _akn("&l9;", f"<!DOCTYPE akomaNtoso [{laughs}]>"),
    }


def test_hostile_xml_is_refused_without_expansion_or_fetching(tmp_path, server, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    files = []
    for name, text in hostile(server, secret).items():
        path = tmp_path / f"{name}.akn.xml"
        path.write_text(text)
        files.append(path)
        started = time.perf_counter()
        diagnostics = validate_file(path, thorough=True)
        assert time.perf_counter() - started < 2, name  # nothing expanded
        assert diagnostics and diagnostics[0].severity == 2, name
        assert diagnostics[0].code in ("xml.doctype", "xml.syntax"), (name, diagnostics)
        assert all(
            "TOP-SECRET" not in d.message
            and "LEAKED" not in d.message
            and "hahaha" not in d.message
            for d in diagnostics
        )
    assert main(["validate", *map(str, files), "--json"]) == 1
    out = capsys.readouterr()
    assert "TOP-SECRET" not in out.out + out.err and "hahaha" not in out.out + out.err
    assert out.err.count(": error: xml.") == len(files)
    assert _Server.hits == []  # nothing was fetched


def test_an_undated_input_fails_on_its_date_alone(tmp_path):
    """No date, job number or session printed: the one error is metadata.no_date (it names
    --date); the placeholder FRBR date it leaves is not reported again as schema errors,
    and no XML is produced."""
    from converter.pipeline import convert
    from tests.conftest import convert_ok

    path = tmp_path / "undated.txt"
    path.write_text(
        "The General Assembly,\n\nRecalling its earlier work on the question,\n\n"
        "1. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    result = convert(path, lang="en")
    errors = [d.code for d in result.diagnostics if d.severity.name == "ERROR"]
    assert errors == ["metadata.no_date"]
    assert "--date" in next(d.message for d in result.diagnostics if d.code == errors[0])
    assert result.xml is None and not result.ok()
    convert_ok(path, lang="en", date="2020-05-01")  # the same text with a date: valid
