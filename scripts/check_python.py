"""Stop early, with a clear message, when the Python is too old for Django 5.2."""

import sys

MINIMUM = (3, 11)

if sys.version_info < MINIMUM:
    found = sys.version.split()[0]
    sys.exit(f"Bidra needs Python 3.11 or newer; {sys.executable} is {found}. Run: make PYTHON=python3.11")
