"""The examples in the docstrings of every ``mtfix`` module, run as doctests.

The modules are imported by their installed names (``mtfix.*``, ``mtfix.rules.*``), not by the folder
names of the checkout, so each is loaded once.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import mtfix
import mtfix.rules

MODULES = sorted(
    info.name
    for package in (mtfix, mtfix.rules)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
)


def test_every_package_is_walked() -> None:
    assert {"mtfix.rules.date", "mtfix.reports.lint", "mtfix.commands.fix", "mtfix.runner"} <= set(MODULES)


@pytest.mark.parametrize("name", [n for n in MODULES if not n.endswith("__main__")])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
