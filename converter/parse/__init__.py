"""Parse: the source model (`converter.source.Source`) → the document model
(`converter.model.Document`); `converter.parse.document.parse` is the entry point, and
docs/architecture.md lists the modules."""
