"""`python -m macros`: the data engine's command line."""

import os
import sys

from macros.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader of the output stopped early (`python -m macros jämför A | head`): not an error of
    # ours, and no traceback. Python would print one when it flushes stdout at exit, so point
    # stdout at nothing first.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
sys.exit(code)
