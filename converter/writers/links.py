"""Where the links of a written document point, for every writer: AKN references go to
undocs.org, and the source's own hyperlinks are kept. Only http(s) URLs are ever written
(`converter.urls.is_web`: never ``javascript:``, ``file:``…)."""

from __future__ import annotations

import re
from urllib.parse import quote

from lxml import etree

from converter.urls import is_web
from converter.writers.akn import AKN
from converter.writers.languages import RenderLanguage

_JOINED = {"S", "ES"}  # "A-RES-S-30-1" → A/RES/S-30/1, "A-ES-10-L.22" → A/ES-10/L.22


def iri_symbol(iri: str) -> str | None:
    """The document symbol that an AKN IRI's number stands for.

    >>> iri_symbol("/akn/un/statement/deliberation/un-ga/2018-12-17/A-RES-73-186")
    'A/RES/73/186'
    >>> iri_symbol("/akn/un/statement/deliberation/un-sc/2019/S-RES-2462_(2019)/eng@/!main")
    'S/RES/2462 (2019)'
    >>> iri_symbol("/akn/un/statement/deliberation/un-ga/2003/A-RES-S-30-1")
    'A/RES/S-30/1'
    """
    parts = [p for p in iri.split("#")[0].split("/") if p]
    parts = [p for p in parts if not (p.startswith("!") or p.startswith(".") or "@" in p)]
    if len(parts) < 3 or parts[0] != "akn":
        return None
    out: list[str] = []
    for token in parts[-1].split("-"):
        if len(out) > 1 and out[-1] in _JOINED and token.isdigit():
            out[-1] = f"{out[-1]}-{token}"
        else:
            out.append(token)
    return "/".join(out).replace("_", " ")


def _number_of(symbol: str) -> str:
    return re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")


def resolver_url(href: str, lang: RenderLanguage, text: str = "") -> str | None:
    """The link a reader can click for an AKN ``ref/@href``; None when there is none.

    AKN IRIs go to ``https://undocs.org/<lang>/<symbol>``; when the reference's own text is the
    symbol (``A/73/L.3``), it is used as written, which keeps hyphens the IRI cannot tell apart.
    """
    href = href.strip()
    if href.startswith("/akn/"):
        symbol = iri_symbol(href)
        if not symbol:
            return None
        candidate = text.strip().rstrip(".。")
        if candidate and _number_of(candidate) == _number_of(symbol):
            symbol = candidate
        return f"https://undocs.org/{lang.undocs}/{quote(symbol, safe='/().,-')}"
    if is_web(href):  # never another scheme (javascript:, file:…)
        return href
    return None


def alternative_links(root: etree._Element) -> dict[str, str]:
    """The source's own hyperlinks, by the eId of the ref they belong to.

    The converter keeps them as ``meta/analysis/otherReferences/alternativeReference
    [@for='#ref_3'][@href='https://undocs.org/…']`` (docs/markup.md); only http(s) URLs count.
    """
    links: dict[str, str] = {}
    for alt in root.iter(f"{AKN}alternativeReference"):
        target, href = alt.get("for") or "", (alt.get("href") or "").strip()
        if target.startswith("#") and is_web(href):
            links.setdefault(target[1:], href)
    return links
