"""The XML namespaces of the output, in one place: Akoma Ntoso 3.0 and the project's own
(proprietary metadata: the source file, its hyperlink lines)."""

from __future__ import annotations

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PROP_NS = "urn:x-un2akn:proprietary:1"
PROP_PREFIX = "un2akn"  #: the proprietary names' prefix in the output: un2akn:source
NSMAP = {None: AKN_NS, PROP_PREFIX: PROP_NS}
AKN = f"{{{AKN_NS}}}"  #: Clark prefix of AKN element names: AKN + "p"
PROP = f"{{{PROP_NS}}}"  #: Clark prefix of proprietary element names
