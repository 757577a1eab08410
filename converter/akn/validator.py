"""The XSD check of a cold command, overlapped: a forked child compiles the schema while the
parent converts, then validates the output the parent sends it.

lxml compiles the bundled schema in about 0.2 s of CPU (86% of it libxml2's determinism
check of the content models' automata), which no cache can carry from one process to the
next. `start` forks a child that compiles it while the parent imports the stages and
converts. (lxml lets go of the GIL while libxml2 compiles, so a thread overlaps as well;
tried in place of the child, it was no faster: seven interleaved pairs of bench_cli runs,
0.254-0.344 s against 0.275-0.353 s. The local cluster's forkserver uses one, see
`converter.app.batch.preload_schema`.) `errors` sends the child the output's XML and
receives the schema's verdict. It is the same validation as `schema.schema_errors` (the
same schema, compiled the same way, the same error messages and lines): the child
validates the parsed XML and, only when it is invalid, validates it again with the line
numbers cleared, as those of a tree built in memory are. Where no child can
answer (none started, it died, a pipe broke), `errors` returns None and the caller
validates in its own process.

Only the command line starts a child (`un2akn convert`: one process, few inputs); batch
workers compile the schema once each and never fork.
"""

from __future__ import annotations

import atexit
import marshal
import os
import signal
import struct

# lxml is imported after the fork, by the child (and by the parent for its own stages), so
# that the child starts on its way to a compiled schema as early as it can
TYPE_CHECKING = False
if TYPE_CHECKING:
    from lxml import etree

_SIZE = struct.Struct("!Q")


class _Child:
    """The child's process id and the two ends of its pipes that the parent holds."""

    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self.requests = requests  #: the parent writes XML here
        self.replies = replies  #: and reads the verdict here

    def stop(self) -> None:
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


_child: _Child | None = None


def start() -> bool:
    """Fork the child that compiles the schema (`xsd.lxml_schema`); False where there is no
    fork (or a child runs already)."""
    global _child
    if _child is not None or not hasattr(os, "fork"):
        return False
    requests_r, requests_w = os.pipe()
    replies_r, replies_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: serve until the parent closes the pipe, never return
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.close(requests_w)
            os.close(replies_r)
            from converter.akn.xsd import lxml_schema

            _serve(lxml_schema(), requests_r, replies_w)
        finally:
            os._exit(0)
    os.close(requests_r)
    os.close(replies_w)
    _child = _Child(pid, requests_w, replies_r)
    atexit.register(stop)
    return True


def stop() -> None:
    """End the child (at exit, or when it can no longer be trusted to answer)."""
    global _child
    child, _child = _child, None
    if child is not None:
        child.stop()


def errors(tree: etree._ElementTree) -> list[tuple[int, str]] | None:
    """(line, message) of every XSD error of ``tree``, empty when it is valid; None when no
    child answers (validate here then)."""
    global _child
    child, _child = _child, None  # taken: an interrupted exchange leaves no stale reply
    if child is None:
        return None
    from lxml import etree

    try:
        _send(child.requests, etree.tostring(tree, encoding="UTF-8"))
        reply = _receive(child.replies)
    except OSError:
        child.stop()
        return None
    except BaseException:  # a timeout or Ctrl-C in the middle of the exchange
        child.stop()
        raise
    if reply is None:
        child.stop()
        return None
    _child = child
    found: list[tuple[int, str]] | None = marshal.loads(reply)
    if found is None:  # the child could not read the XML: validate here
        stop()
    return found


def _serve(schema: etree.XMLSchema, requests: int, replies: int) -> None:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    while (data := _receive(requests)) is not None:
        _send(replies, marshal.dumps(_validate(schema, parser, data)))


def _validate(
    schema: etree.XMLSchema, parser: etree.XMLParser, data: bytes
) -> list[tuple[int, str]] | None:
    from lxml import etree

    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError:
        return None
    if schema.validate(tree):
        return []
    for el in tree.iter():  # as in the tree the parent built: no line numbers
        el.sourceline = 0
    schema.validate(tree)
    return [(e.line, e.message) for e in schema.error_log]


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> bytes | None:
    """The next message, or None at the end of the pipe."""
    head = _read(fd, _SIZE.size)
    if head is None:
        return None
    return _read(fd, _SIZE.unpack(head)[0])


def _read(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
