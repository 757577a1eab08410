"""Property and fuzz tests: whatever the input, `convert` returns (never raises); what it
would write is valid and faithful XML (`result.ok()`: schema, rules and fidelity checked,
and the XML validates again here), and anything else is a clean, located diagnostic.

Inputs: mutations of the sample and of the English corpus (lines dropped, repeated, swapped,
cut; noise characters; random bytes), and documents generated from the language tables
(formula, preambular and operative phrases, punctuation) in all six languages.
"""

from __future__ import annotations

import os
import re
import textwrap

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from converter import convert
from converter.akn import schema as validate
from converter.languages import CODES, load
from tests.conftest import CORPUS, SAMPLE, assert_valid

# UN2AKN_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py: a longer hunt (a nightly job, say)
EXAMPLES = int(os.environ.get("UN2AKN_FUZZ_EXAMPLES", "50"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=max(1, EXAMPLES * 2 // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

SMALL = ["A_RES_73_8", "S_2023_970", "S_2024_302", "S_2024_835", "A_RES_73_7"]
CORPUS_TEXTS = [
    (CORPUS / f"{name}.en.{variant}.txt").read_text(encoding="utf-8")
    for name in SMALL
    for variant in ("pdftotext", "pdftotext-layout")
]
ZH = SAMPLE.read_text(encoding="utf-8")
DIAGNOSTIC = re.compile(r"^\S.*?(?::\d+)?: (error|warning|info): [a-z0-9_.]+: \S")


def check(result) -> None:
    """The contract: valid, faithful XML when ok; otherwise a located, typed error."""
    for d in result.diagnostics:
        assert DIAGNOSTIC.match(d.format()), d.format()
    if result.ok():
        tree = assert_valid(result.xml)
        assert tree.getroot().tag.endswith("akomaNtoso")
        assert not [d for d in result.diagnostics if d.code.startswith("fidelity.")]
    else:
        assert any(d.severity == 2 for d in result.diagnostics), [
            d.format() for d in result.diagnostics
        ]
        if result.xml is not None:  # never written, but never schema-invalid either
            tree = etree.ElementTree(etree.fromstring(result.xml))
            assert validate.schema_errors(tree) == []


# -- mutations ----------------------------------------------------------------------------

NOISE = st.text(
    alphabet=st.sampled_from(
        list("\x00\x07\t\f\r\u00a0\u200b\u2028\ufeff\ufffd*_-–—.,;:，。；（）()[]0123456789")
        + ["é", "ß", "中", "ا", "ж", "\U0001f600", "\u0301"]
    ),
    min_size=1,
    max_size=6,
)


@st.composite
def mutated(draw, texts: list[str]) -> str:
    lines = draw(st.sampled_from(texts)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        op = draw(
            st.sampled_from(["drop", "repeat", "swap", "noise", "cut", "drop_block", "move_block"])
        )
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "noise":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(NOISE) + lines[i][at:]
        elif op == "cut":
            lines = lines[: max(i, 1)]
        else:
            n = draw(st.integers(1, 30))
            block = lines[i : i + n]
            del lines[i : i + n]
            if op == "move_block":
                j = draw(st.integers(0, len(lines)))
                lines[j:j] = block
    return "\n".join(lines)


@FAST
@given(mutated(CORPUS_TEXTS))
def test_mutated_corpus(text):
    check(convert(text.encode("utf-8"), name="mutant.txt"))


@SLOW
@given(mutated([ZH]))
def test_mutated_sample(text):
    check(convert(text.encode("utf-8"), name="mutant.txt"))


@FAST
@given(st.sampled_from(CORPUS_TEXTS + [ZH[:20000]]), st.data())
def test_mutated_bytes(text, data):
    raw = bytearray(text.encode(data.draw(st.sampled_from(["utf-8", "utf-16", "gb18030"]))))
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if op == "flip":
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "insert":
            raw[i:i] = data.draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del raw[i : i + data.draw(st.integers(1, 8))]
        else:
            del raw[i:]
        if not raw:
            break
    check(convert(bytes(raw), name="mutant.txt"))


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(raw):
    result = convert(raw, name="mutant.txt")
    check(result)


@FAST
@given(st.text(max_size=2000))
def test_random_text(text):
    check(convert(text.encode("utf-8"), name="mutant.txt"))


# -- documents generated from the language tables -------------------------------------------


def _table(code: str):
    lang = load(code)
    punct = lang.section("punctuation")
    words = sorted(
        {
            w
            for phrase in list(lang.section("preamble", "phrases"))
            + list(lang.section("operative", "phrases"))
            for w in phrase.split()
            if w.isalpha()
        }
        - {"and", "or"}
    )
    letters = sorted({c for w in words for c in w if c.isalpha()})
    return {
        "lang": lang,
        "formulas": sorted(lang.section("formula")),
        "preamble": sorted(lang.section("preamble", "phrases")),
        "operative": sorted(lang.section("operative", "phrases")),
        "pre_end": punct.get("preamble_end", ",")[0],
        "op_end": punct.get("operative_end", ";.")[0],
        "stop": "。" if lang.script == "cjk" else ".",
        "filler": letters if lang.script == "cjk" else [w.lower() for w in words],
    }


TABLES = {code: _table(code) for code in CODES}


@st.composite
def generated(draw):
    """A resolution in one language: formula, preambular paragraphs, numbered operative
    paragraphs, each opening with a phrase of the table, wrapped at some width."""
    code = draw(st.sampled_from(CODES))
    t = TABLES[code]
    cjk = t["lang"].script == "cjk"
    join = "" if cjk else " "

    def filler() -> str:
        n = draw(st.integers(1, 14))
        return join.join(draw(st.lists(st.sampled_from(t["filler"]), min_size=n, max_size=n)))

    n_pre, n_op = draw(st.integers(0, 5)), draw(st.integers(1, 8))
    paragraphs = [
        draw(st.sampled_from(t["preamble"])) + join + filler() + t["pre_end"] for _ in range(n_pre)
    ]
    for k in range(1, n_op + 1):
        end = t["stop"] if k == n_op else t["op_end"]
        paragraphs.append(f"{k}. " + draw(st.sampled_from(t["operative"])) + join + filler() + end)
    width = draw(st.integers(60, 120))  # pdftotext lines of a UN page
    lines = [draw(st.sampled_from(t["formulas"]))]
    for p in paragraphs:
        if cjk:
            lines += [p[i : i + width // 2] for i in range(0, len(p), width // 2)]
        else:
            lines += textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False)
    return code, "\n".join(lines) + "\n", n_pre, n_op


@FAST
@given(generated())
def test_generated_documents(doc):
    code, text, n_pre, n_op = doc
    result = convert(
        text.encode("utf-8"), date="2019-11-01", symbol="A/RES/74/1", name="generated.txt"
    )
    check(result)
    assert result.language == code
    if result.ok():
        counts = result.counts()
        assert (counts["preambular"], counts["operative"]) == (n_pre, n_op), text


@FAST
@given(generated(), st.data())
def test_generated_documents_mutated(doc, data):
    code, text, _, _ = doc
    lines = text.split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    op = data.draw(st.sampled_from(["drop", "repeat", "noise"]))
    if op == "drop":
        del lines[i]
    elif op == "repeat":
        lines.insert(i, lines[i])
    else:
        lines[i] += data.draw(NOISE)
    assume(any(l.strip() for l in lines))
    check(
        convert(
            "\n".join(lines).encode("utf-8"),
            code,
            date="2019-11-01",
            symbol="A/RES/74/1",
            name="mutant.txt",
        )
    )


@pytest.mark.parametrize("code", CODES)
def test_generated_document_converts_in_every_language(code):
    t = TABLES[code]
    join = "" if t["lang"].script == "cjk" else " "
    text = "\n".join(
        [
            t["formulas"][0],
            t["preamble"][0] + join + join.join(t["filler"][:5]) + t["pre_end"],
            "1. " + t["operative"][0] + join + join.join(t["filler"][5:9]) + t["op_end"],
            "2. " + t["operative"][1] + join + join.join(t["filler"][9:12]) + t["stop"],
        ]
    )
    result = convert(text.encode("utf-8"), date="2019-11-01", symbol="A/RES/74/1")
    check(result)
    assert result.ok(), [d.format() for d in result.diagnostics]
    assert (result.counts()["preambular"], result.counts()["operative"]) == (1, 2)
