"""``python -m mtfix`` (or ``python -m pipeline`` in a checkout): the same as the ``mtfix`` command."""

import sys

from mtfix.cli import main

sys.exit(main())
