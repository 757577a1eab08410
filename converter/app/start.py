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


def main() -> int:
    converting = sys.argv[1:2] == ["convert"]
    try:
        if converting:
            from converter.akn import validator

            validator.start()
        from converter.app.cli import main as cli_main

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
