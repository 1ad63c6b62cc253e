"""mtfix: repairs the artifacts of Russian-to-English machine translation."""

__version__ = "0.1.0"

from .batch import fix_lines

__all__ = ["__version__", "fix_lines"]
