#!/bin/sh
# System packages Bidra needs, installed with apt-get when we can, otherwise named exactly.
#   gettext: msgfmt, to compile the Swedish/English translations.
#   pango (libpango-1.0-0, libpangoft2-1.0-0): WeasyPrint's text layout for PDF letters.
#   poppler-utils: pdftotext, with which the tests read the PDFs back.
#   chromium: the browser the Playwright tests drive (nothing is downloaded by the test tool).
#   npm: installs axe-core from the npm registry for the accessibility checks.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
    missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
fi

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "Installing system packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "Installing system packages with sudo:$missing"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Missing system packages:$missing" >&2
    echo "Install them with your package manager (Debian/Ubuntu: apt-get install$missing), then run make again." >&2
    exit 1
fi
