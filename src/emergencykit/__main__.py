"""``python -m emergencykit`` runs the command line."""

import sys

from emergencykit.cli import main

if __name__ == "__main__":
    sys.exit(main())
