"""mtfix: repairs the artifacts of Russian-to-English machine translation.

The package is installed as ``mtfix`` from the ``pipeline/`` folder of the checkout (its rules from
``rules/``, as ``mtfix.rules``). ``fix_lines`` is imported on first use, so that ``python -m pipeline``
in a checkout loads nothing here before handing over to the installed ``mtfix``.
"""

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "fix_lines"]


def __getattr__(name: str) -> Any:
    if name == "fix_lines":
        from mtfix.batch import fix_lines

        return fix_lines
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
