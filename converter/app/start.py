"""The command's entry point (`un2akn`, `python -m converter`): the cold-start path.

A cold `un2akn convert` spends most of its time on two things that can overlap: compiling
the bundled schema (lxml, about 0.15-0.2 s, see `converter.akn.validator`) and importing
the stages and converting. So the child that compiles the schema is forked here, before
even the command line module is imported, and the parent goes on with `cli.main`.

When `convert` is done, the process ends as it would (non-daemon threads are none: the
time limit is SIGALRM; the `atexit` handlers run, the output streams are flushed) but
without the interpreter's tear-down of every module and object, which only frees memory
the system takes back anyway. Every other command exits the ordinary way.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


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
        cli_main = _imported(command)
        code = cli_main()
    except KeyboardInterrupt:  # Ctrl-C before the command runs (`cli` handles it after)
        print("un2akn: interrupted", file=sys.stderr)
        code = 130
    if not converting:
        return code
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`un2akn convert … | head`)
            pass
    os._exit(code)


def _imported(command: str) -> Callable[..., int]:
    """`cli.main`, once the command line and the module that runs ``command`` are imported
    with SIGINT and SIGTERM held. A Ctrl-C that lands while they import lands mostly in C
    code (lxml's among others) where CPython may lose the KeyboardInterrupt, or count it as
    unhandled although it is caught: measured, Ctrl-C in the first 0.2 s of `batch` ended 11
    runs of 60 killed by SIGINT (exit status -2) after "un2akn: interrupted", and 2 ran on to
    the end. Held, the signal arrives when the imports are done, here: exit status 130.
    (The schema's child is forked before: it must not inherit a blocked SIGTERM.)"""
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
