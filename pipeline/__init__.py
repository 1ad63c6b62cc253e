"""mtfix: repairs the artifacts of Russian-to-English machine translation."""

__version__ = "0.1.0"
