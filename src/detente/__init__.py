"""Detente: news about international affairs in, coded political events out.

The library API lives in `detente.api`; the CLI, the web API and workers call it.
"""

__version__ = "0.1.0"
