#!/bin/sh
# The Python the virtual environment is made with: 3.12 where it is installed with venv
# and ensurepip (Debian splits those off), on PATH or as a pyenv version; else python3.
# spaCy's wheels for 3.11 run the NER model ~2.6x slower: their parser code takes the
# GIL in every state check (docs/benchmarks.md).
for candidate in python3.12 $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -n 1); do
  if "$candidate" -c 'import sys, venv, ensurepip; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
    echo "$candidate"
    exit 0
  fi
done
echo python3
