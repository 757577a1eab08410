"""Limits on inputs: constants that import nothing, so that `un2akn --help` can quote them
without loading the readers (`converter.readers` enforces them)."""

#: Refuse inputs larger than this (bytes): a UN resolution's text is rarely above 1 MB.
MAX_INPUT_BYTES = 20 * 1024 * 1024
