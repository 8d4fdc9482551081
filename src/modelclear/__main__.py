"""``python -m modelclear``: the same command as the ``modelclear`` script."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
