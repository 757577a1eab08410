"""The source's own hyperlinks: match the URLs a PDF lists per page to the references in its text.

UN PDFs converted to text (the Chinese sample) carry, after each page's footnotes, the targets of
that page's links, one URL per line (``https://undocs.org/ch/A/RES/46/152``), mostly in the order
the links occur. They are the ground truth for the targets of the references on that page.

`match_links` pairs each URL with a reference (`RefSite`, one `converter.inline.RefMark` as
placed by the caller) to the same document:

* on the URL's own page, or on the pages just before it that printed no list of their own;
  among those, the first reference in text order that is not linked yet;
* to the same symbol, or to the same symbol with a part letter (``A/RES/67/234 B`` for
  ``…/A/RES/67/234``), or failing that to the same resolution number under another organ
  (text ``A/RES/2019/17``, URL ``E/RES/2019/17``): then the URL settles the symbol (`symbols`)
  and the disagreement is reported (``link.symbol``).

A link whose words a line break split in two is listed twice on consecutive lines: a URL equal
to the one on the line before is such a second half (`LinkMatch.split`) when its page has fewer
references to that document than URLs. Any other URL without a reference is a problem
(``link.unmatched``). A URL that is not http(s) on a UN document host (`converter.urls`), or
has user-info or an odd port, is never a link (``link.untrusted``): its reference stays text.
References without a URL are normal (the source links only some).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

from converter.fastinit import fast_init
from converter.parse.inline import normalize_symbol
from converter.urls import trusted

#: Hosts whose paths are UN document symbols.
_HOSTS = ("undocs.org", "docs.un.org", "www.undocs.org")
#: Language segments that may precede the symbol in the path (undocs.org/ch/…, /en/…).
#: a URL of the common shape: http(s), a lower-case host, a path of plain characters (no
#: user-info, port, query, fragment or percent escape)
_PLAIN = re.compile(r"https?://([a-z0-9.-]+)(/[\w/.()~+,;=-]*)?", re.ASCII)
_DIGIT = re.compile(r"\d")
_LANGS = {"ar", "ch", "zh", "en", "fr", "es", "ru", "a", "c", "e", "f", "r", "s"}


@fast_init
@dataclass(frozen=True)
class RefSite:
    """One RefMark as placed in the document."""

    key: int  #: the caller's id
    page: int  #: page (1-based) of the source line where the ref's words are
    symbol: str  #: RefMark.symbol as guessed from the text


@fast_init
@dataclass(frozen=True)
class LinkLine:
    """One URL of a page's list of links."""

    page: int  #: the page whose list holds this URL
    line: int  #: source line number (1-based)
    url: str


@dataclass(frozen=True)
class LinkMatch:
    links: dict[int, str] = field(default_factory=dict)  #: RefSite.key -> URL
    symbols: dict[int, str] = field(default_factory=dict)  #: RefSite.key -> symbol the URL settles
    split: list[LinkLine] = field(default_factory=list)  #: second halves of split links
    #: (where, code, message): ``link.unmatched`` (a URL with no reference), ``link.symbol``
    #: (a reference whose symbol the URL contradicts)
    problems: list[tuple[LinkLine | RefSite, str, str]] = field(default_factory=list)


@lru_cache(maxsize=8192)
def symbol_from_url(url: str) -> str | None:
    """The UN symbol a document URL points to, spelt as `converter.inline` spells symbols.

    The host must be undocs.org (or docs.un.org); a leading language segment (``ch``, ``en``…)
    is dropped, the path is percent-decoded, and `normalize_symbol` puts a space before ``(``
    (``S/RES/2462(2019)`` -> ``S/RES/2462 (2019)``). The old ``?FinalSymbol=`` form works too.

    >>> symbol_from_url("https://undocs.org/ch/S/RES/2462(2019)")
    'S/RES/2462 (2019)'
    >>> symbol_from_url("https://example.org/A/RES/46/152") is None
    True
    """
    plain = _PLAIN.fullmatch(url.strip())
    if plain:  # the common shape: what urlsplit, parse_qs and unquote would give, sooner
        host, path = plain.group(1), plain.group(2) or ""
    else:
        parts = urlsplit(url.strip())
        host = parts.hostname
        final = parse_qs(parts.query).get("FinalSymbol")
        path = final[0] if final else unquote(parts.path)
    if host not in _HOSTS:
        return None
    segments = [s for s in path.split("/") if s]
    if (
        segments
        and segments[0].lower() in _LANGS
        and len(segments) > 1
        and segments[0] == segments[0].lower()
    ):
        segments = segments[1:]
    symbol = normalize_symbol("/".join(segments)).rstrip(".")
    return symbol if _DIGIT.search(symbol) else None


_IN_PARENS = re.compile(r"\([^()]*\)")
#: what follows a symbol in parentheses: a part, volume, section or supplement of it
_TAIL = re.compile(r" \((?:part|parts|vol|sect|supp)[^()]*\)(?:/.*)?$")
_GLUED_PART = re.compile(r"(/\d+)([a-z])$")


@lru_cache(maxsize=8192)
def fold(symbol: str) -> str:
    """A symbol as references and URLs are compared: case folded, no white space inside
    parentheses (URLs drop it: ``(PartI)``, ``(Sect.27)``), a part letter glued to the number
    set apart (``75/290a``).

    >>> fold("NPT/CONF.2000/28 (Parts I and II)") == fold("NPT/CONF.2000/28 (PartsIandII)")
    True
    >>> fold("A/RES/75/290a")
    'a/res/75/290 a'
    """
    folded = _IN_PARENS.sub(lambda m: re.sub(r"\s+", "", m.group()), symbol.casefold())
    return _GLUED_PART.sub(r"\1 \2", folded)


@lru_cache(maxsize=8192)
def _relation(ref: str, url: str) -> str | None:
    """How a reference's symbol relates to a URL's: "same", "part", "organ" or None."""
    ref, url = fold(ref), fold(url)
    if ref == url:
        return "same"
    if url in _keys(ref):
        return "part"
    mine, theirs = _after_res(ref), _after_res(url)
    if mine and theirs and theirs in _keys(mine):
        return "organ"
    return None


_AFTER_RES = re.compile(r"/(res|dec)/.+$")


def _after_res(symbol: str) -> str | None:
    """``/res/2019/17`` of ``e/res/2019/17``: the number under its organ, with the kind."""
    m = _AFTER_RES.search(symbol)
    return m.group() if m else None


def match_links(refs: Sequence[RefSite], links: Sequence[LinkLine]) -> LinkMatch:
    """Pair every URL with a reference on its page (or the list-less pages before it).

    Linear in refs and links: the refs and links are grouped by page once, and a page's
    references are indexed by the keys `_relation` compares (`_Index`), so finding a URL's
    reference is a look-up, not a scan of the page (20,000 link lines took 39 s).
    """
    result = LinkMatch()
    listed = {link.page for link in links}
    refs_on: dict[int, list[RefSite]] = {}
    for ref in refs:  # in text order within a page, as sorted by (page, index)
        refs_on.setdefault(ref.page, []).append(ref)
    links_on: dict[int, list[LinkLine]] = {}
    for link in links:
        links_on.setdefault(link.page, []).append(link)
    linked: set[int] = set()
    for page in sorted(listed):
        here = [ref for p in sorted(_pages(page, listed)) for ref in refs_on.get(p, ())]
        index = _Index(here, linked)
        page_links = sorted(links_on[page], key=lambda l: l.line)
        split = _splits(page_links, index)
        result.split.extend(split)
        skip = set(split)
        for link in page_links:
            if not trusted(link.url):  # kept as text: not a UN document host, or odd
                result.problems.append(
                    (
                        link,
                        "link.untrusted",
                        f"not linked: {link.url!r} is no http(s) URL of a UN document host",
                    )
                )
                continue
            if link in skip:
                continue
            symbol = symbol_from_url(link.url)
            site, how = index.best(symbol) if symbol else (None, None)
            if site is None or not symbol:
                result.problems.append(
                    (link, "link.unmatched", f"no reference to {symbol or link.url} on page {page}")
                )
                continue
            linked.add(site.key)
            result.links[site.key] = link.url
            if how == "organ":
                fixed = (
                    symbol
                    if _strip_part(symbol) != symbol
                    else symbol + site.symbol[len(_strip_part(site.symbol)) :]
                )
                result.symbols[site.key] = fixed
                result.problems.append(
                    (site, "link.symbol", f"the text suggests {site.symbol}, its link {fixed}")
                )
    return result


def _pages(page: int, listed: set[int]) -> list[int]:
    """The page and the pages just before it that printed no list of links."""
    pages = [page]
    while pages[-1] - 1 >= 1 and pages[-1] - 1 not in listed:
        pages.append(pages[-1] - 1)
    return pages


#: a part letter: at the end (``67/234 b``), or before the session of an old number
#: (``2200 a (xxi)``, linked as ``A/RES/2200 (XXI)``)
_PART = re.compile(r" [a-z](?=$| \()")


def _keys(folded: str) -> set[str]:
    """A folded symbol and, with a part letter, the symbol without it."""
    return {folded, _PART.sub("", folded, count=1)}


class _Index:
    """A page's references by the keys `_relation` compares, each key's in text order.

    ``best(url symbol)`` is `_relation`'s answer as a look-up: "same"/"part" by the casefolded
    symbol (without its part letter for "part"), "organ" by the number under its organ.
    """

    def __init__(self, sites: list[RefSite], linked: set[int]) -> None:
        self.linked = linked
        self.symbol: dict[str, list[RefSite]] = {}  #: same or part: the folded symbol
        self.organ: dict[str, list[RefSite]] = {}
        for site in sites:
            folded = fold(site.symbol)
            for key in _keys(folded):
                self.symbol.setdefault(key, []).append(site)
            mine = _after_res(folded)
            if mine:
                for key in _keys(mine):
                    self.organ.setdefault(key, []).append(site)
        self._next: dict[tuple[int, str], int] = {}

    def _first(
        self, table: int, buckets: dict[str, list[RefSite]], key: str | None
    ) -> RefSite | None:
        """The first unlinked site under ``key`` (linked ones are skipped for good)."""
        sites = buckets.get(key) if key else None
        if not sites or not key:
            return None
        i = self._next.get((table, key), 0)
        while i < len(sites) and sites[i].key in self.linked:
            i += 1
        self._next[(table, key)] = i
        return sites[i] if i < len(sites) else None

    def best(self, symbol: str) -> tuple[RefSite | None, str | None]:
        """The first unlinked site to the URL's document, same symbol preferred to another
        organ."""
        site = self._first(0, self.symbol, fold(symbol))
        if site is not None:
            return site, _relation(site.symbol, symbol)
        # the text's reference may stop before the URL's part, volume or section
        # ("NPT/CONF.2010/50 (Vol. I)", "A/64/27 (supp)"): the same document
        whole = _TAIL.sub("", fold(symbol))
        site = self._first(2, self.symbol, whole) if whole != fold(symbol) else None
        if site is not None:
            return site, "part"
        site = self._first(1, self.organ, _after_res(fold(symbol)))
        if site is not None:
            how = _relation(site.symbol, symbol)
            if how is not None:
                return site, how
        return None, None

    def available(self, symbol: str) -> int:
        """How many unlinked sites relate to ``symbol`` at all."""
        folded = fold(symbol)
        found = {s.key for s in self.symbol.get(folded, ()) if s.key not in self.linked}
        theirs = _after_res(folded)
        if theirs:
            found |= {s.key for s in self.organ.get(theirs, ()) if s.key not in self.linked}
        return len(found)


def _splits(page_links: list[LinkLine], index: _Index) -> list[LinkLine]:
    """The URLs of a list that are second halves of split links (see the module docstring)."""
    counts = Counter(link.url for link in page_links)
    candidates: dict[str, list[LinkLine]] = {}
    for a, b in zip(page_links, page_links[1:]):
        if a.url == b.url and b.line == a.line + 1:
            candidates.setdefault(b.url, []).append(b)
    split: list[LinkLine] = []
    for url, count in counts.items():
        if url not in candidates:
            continue
        symbol = symbol_from_url(url)
        excess = count - (index.available(symbol) if symbol else 0)
        split.extend(candidates[url][::-1][: max(0, excess)])
    return split


def _strip_part(symbol: str) -> str:
    return re.sub(r" [A-Z]$", "", symbol)
