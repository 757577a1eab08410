"""Typst string literals: how every string taken from the document reaches Typst (as text in
code mode, never as markup)."""

from __future__ import annotations

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def lit(text: str) -> str:
    """``text`` as a Typst string literal: only ``\\`` and ``"`` are special inside one;
    control and separator characters are written as ``\\u{…}`` so the source stays one line."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{{{code:x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def lit_or_none(text: str | None) -> str:
    return "none" if text is None else lit(text)


def families(names: tuple[str, ...]) -> str:
    """A Typst array of font family names."""
    return "(" + "".join(lit(name) + ", " for name in names) + ")"
