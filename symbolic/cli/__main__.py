"""``python -m symbolic.cli``: the ``lawaudit`` command."""
import sys

from . import main

sys.exit(main())
