"""The `detente` command line: one module per stage, registered lazily by `main`."""
