"""`python -m macros`: the data engine's command line."""

import sys

from macros.cli import main

sys.exit(main())
