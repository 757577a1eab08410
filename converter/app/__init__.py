"""The application: command line (`cli`), one input converted and written (`job`), batch."""
