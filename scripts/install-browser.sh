#!/bin/sh
# Make a Chromium available to Playwright (used only by columns marked `render: browser`).
# Order: an existing Debian/Ubuntu chromium; apt-get as root; Playwright's own download,
# which needs internet access to Playwright's CDN (not available on every machine).
set -eu
PY=${1:-.venv/bin/python}

if [ -n "${GOVWATCH_CHROMIUM:-}" ] && [ -x "$GOVWATCH_CHROMIUM" ]; then exit 0; fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then exit 0; fi
done

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" != none ]; then
    echo "installing Debian's chromium for Playwright ..." >&2
    if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
      || { $SUDO apt-get update -q >/dev/null && \
           $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; then
      exit 0
    fi
  fi
fi

echo "no system chromium; trying Playwright's own browser download ..." >&2
if "$PY" -m playwright install chromium; then exit 0; fi
echo "error: no Chromium for Playwright. Install your distribution's chromium package or set" >&2
echo "GOVWATCH_CHROMIUM to a Chromium/Chrome executable." >&2
exit 1
