"""Stop early, with a clear message, when the Python is too old for Django 5.2."""

import sys

if sys.version_info < (3, 11):
    sys.exit(f"Bidra needs Python 3.11 or newer; {sys.executable} is {sys.version.split()[0]}. Run: make PYTHON=python3.11")
