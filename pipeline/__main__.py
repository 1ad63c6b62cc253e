"""``python -m pipeline``: the same as the ``mtfix`` command."""

import sys

from .cli import main

sys.exit(main())
