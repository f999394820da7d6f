from __future__ import annotations

import sys

from speclint.action.run import main

if __name__ == "__main__":
    sys.exit(main())
