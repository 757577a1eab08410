"""The command's entry point (`un2akn`, `python -m converter`): the cold-start path.

A cold `un2akn convert` spends most of its time on two things that can overlap: compiling
the bundled schema (lxml, about 0.15-0.2 s, see `converter.akn.validator`) and importing
the stages and converting. So the child that compiles the schema is forked here, before
even the command line module is imported, and the parent goes on with `cli.main`. Likewise
`batch --cluster local` starts its workers' forkserver here (`connect.start_early`).

When `convert` is done, the process ends as it would (threads joined, the `atexit`
handlers run, the output streams flushed) but without the interpreter's tear-down of every
module and object, which only frees memory the system takes back anyway (`_end`). Every
other command exits the ordinary way, unless it was interrupted (exit status 130, `_end`).

Ctrl-C while the command's modules import is held until they are (`_imported`).
"""

from __future__ import annotations

import atexit
import os
import sys

# (not `typing.TYPE_CHECKING`: importing typing here, before `main` can catch Ctrl-C, costs
# ~5 ms during which a Ctrl-C ends the command with a traceback)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn


INTERRUPTED = 130  #: the exit status after Ctrl-C (128 + SIGINT), as a shell's

#: the module that runs each command, imported before it runs (see `_imported`)
COMMAND_MODULES = {
    "convert": "converter.app.job",
    "batch": "converter.app.batch.run",
    "validate": "converter.akn.schema",
}


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    converting = command == "convert"
    try:
        if converting:
            from converter.akn import validator

            validator.start()
        elif command == "batch":
            from converter.app.batch.connect import start_early

            start_early(sys.argv[2:])  # a local cluster's forkserver, if it needs one
        cli_main = _imported(command)
        code = cli_main()
    except KeyboardInterrupt:  # Ctrl-C before the command runs (`cli` handles it after)
        print("un2akn: interrupted", file=sys.stderr)
        code = INTERRUPTED
    if not converting and code != INTERRUPTED:
        return code
    _end(code)


def _imported(command: str) -> Callable[..., int]:
    """`cli.main`, once the command line and the module that runs ``command`` are imported
    with SIGINT and SIGTERM held. A Ctrl-C that lands while they import lands mostly in C
    code (lxml's among others) where CPython may lose the KeyboardInterrupt, or count it as
    unhandled although it is caught: measured, Ctrl-C in the first 0.2 s of `batch` ended 11
    runs of 60 killed by SIGINT (exit status -2) after "un2akn: interrupted", and 2 ran on to
    the end. Held, the signal arrives when the imports are done, here: exit status 130.
    (They are forked before: the schema's child, the forkserver, which must not inherit a
    blocked SIGTERM.)"""
    import importlib
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError):  # pragma: no cover - not POSIX
        old = None
    try:
        from converter.app.cli import main as cli_main

        if command in COMMAND_MODULES and not {"-h", "--help"} & set(sys.argv):
            importlib.import_module(COMMAND_MODULES[command])
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return cli_main


def _end(code: int) -> NoReturn:
    """End the process with ``code`` as the interpreter would (threads joined, `atexit`
    handlers run, the output streams flushed) but without its tear-down of every object.

    `convert` ends so to save that tear-down. An interrupted command ends so because
    CPython ends a process killed by SIGINT (exit status -2, not 130) once any
    KeyboardInterrupt went through an ``exec`` of a string (as dataclasses and named tuples
    make their methods) even when the command caught it: a Ctrl-C while a module
    imports during the run did that to 5 runs of 15 of `batch --cluster local`."""
    import threading

    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:  # what the interpreter does first: wait for non-daemon threads
        shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`un2akn convert … | head`)
            pass
    os._exit(code)
