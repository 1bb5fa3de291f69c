#!/usr/bin/env bash
# Set up everything thaiplan needs on a fresh Debian 12 machine (run as root):
# system packages (Tesseract with the Thai model, Thai fonts, Pango for the
# test-plan generator), a virtualenv in .venv, and the project itself.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="tesseract-ocr tesseract-ocr-tha tesseract-ocr-eng fonts-thai-tlwg fonts-noto-core \
libpango-1.0-0 libpangoft2-1.0-0 poppler-utils python3-venv python3-pip"
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "setup: missing system packages:$missing; run this script as root (or apt-get install them)" >&2
      exit 1
    fi
    echo "setup: installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
echo "setup: ready (.venv/bin/thaiplan)"
