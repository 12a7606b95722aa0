#!/bin/sh
# System packages govwatch needs outside Python, installed only when missing:
#   system-deps.sh python PYTHON   venv support for PYTHON (Debian: python3-venv)
#   system-deps.sh browser VENV_PY a Chromium for Playwright: Debian's chromium, else
#                                  Playwright's own download (needs its CDN)
#   system-deps.sh postgres        PostgreSQL server binaries, for the tests that run the
#                                  crawl against PostgreSQL (skipped where they are missing)
#   system-deps.sh fonts           Chinese fonts for the 通报's chart and its PDF rendering
#                                  (Debian's fonts-noto-cjk, fonts-arphic-ukai) and the
#                                  fontconfig aliases mapping 仿宋_GB2312 & co. onto them
#   system-deps.sh documents       catdoc, which reads the text of legacy Word attachments
#                                  (.doc, Kingsoft .wps, RTF) for the privacy check; without it
#                                  those attachments are recorded as not checked
set -eu

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else return 1; fi
  echo "installing $* with apt-get ..." >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && \
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

case "${1:-}" in
python)
  PYTHON=${2:-python3}
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
    echo "error: govwatch needs Python 3.11 or newer ($PYTHON is older)" >&2; exit 1; }
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null && exit 0
  version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt_install "python$version-venv" || apt_install python3-venv || {
    echo "error: $PYTHON cannot create virtual environments; install python3-venv" >&2; exit 1; }
  ;;
browser)
  PY=${2:-.venv/bin/python}
  if [ -n "${GOVWATCH_CHROMIUM:-}" ] && [ -x "$GOVWATCH_CHROMIUM" ]; then exit 0; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then exit 0; fi
  done
  apt_install chromium && exit 0
  echo "no system chromium; trying Playwright's own browser download ..." >&2
  "$PY" -m playwright install chromium && exit 0
  echo "error: no Chromium for Playwright. Install your distribution's chromium package or" >&2
  echo "set GOVWATCH_CHROMIUM to a Chromium/Chrome executable." >&2
  exit 1
  ;;
postgres)
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && exit 0
  apt_install postgresql || echo "note: no PostgreSQL server; its tests will be skipped" >&2
  # Debian starts a cluster on install; the tests start their own on a free port
  ;;
fonts)
  here=$(dirname "$0")
  if ! fc-list :lang=zh family 2>/dev/null | grep -q "Noto Sans CJK SC"; then
    apt_install fonts-noto-cjk fonts-arphic-ukai fontconfig \
      || echo "note: no Chinese fonts installed; govwatch report leaves out its chart" >&2
  fi
  conf=/etc/fonts/conf.d/65-govwatch-cjk.conf
  if [ -d /etc/fonts/conf.d ] && ! cmp -s "$here/fontconfig/65-govwatch-cjk.conf" "$conf"; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else exit 0; fi
    $sudo cp "$here/fontconfig/65-govwatch-cjk.conf" "$conf" && { fc-cache -f >/dev/null 2>&1 || true; }
  fi
  ;;
documents)
  command -v catdoc >/dev/null 2>&1 && exit 0
  apt_install catdoc || echo "note: no catdoc; .doc/.wps attachments will be recorded as not checked" >&2
  ;;
*)
  echo "usage: $0 python PYTHON | browser VENV_PYTHON | postgres | fonts | documents" >&2; exit 2 ;;
esac
