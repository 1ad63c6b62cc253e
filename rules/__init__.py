"""Staged rule modules: one module per artifact family.

Each module declares ``STAGE`` (one of ``STAGES``, which each of its rules names as its ``stage``) and ``RULES``
(a list of ``EditRule`` and ``FindingRule`` declarations, see ``pipeline.model``),
and may declare ``DOC_FACTS``: functions computing document-level facts that its rules read from
``Context.doc``. The registry discovers every module here; adding a rule is one declaration.

``STAGES`` is the order in which the runner applies the stages; each stage sees the output of the
one before.
"""

STAGES: tuple[str, ...] = (
    "unicode",
    "source",
    "debris",
    "term",
    "date",
    "name",
    "case",
    "biblio",
    "typo",
    "notation",
    "number",
)
