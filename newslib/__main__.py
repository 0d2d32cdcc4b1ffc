"""``python -m newslib``: the same as the ``newslib`` command."""

from newslib.cli import main

raise SystemExit(main())
