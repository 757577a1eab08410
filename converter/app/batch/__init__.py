"""Batch conversion: `un2akn batch` (see `converter.app.batch.run`)."""
