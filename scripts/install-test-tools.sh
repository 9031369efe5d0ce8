#!/usr/bin/env bash
# Installs the programs the editor and hook tests run, from Debian's packages,
# when they are missing: Neovim (tests/editor.test.ts) and pre-commit
# (tests/pre-commit.test.ts). Run as root, or as a user with sudo.
# Usage: bash scripts/install-test-tools.sh
set -euo pipefail

missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
command -v git >/dev/null 2>&1 || missing+=(git)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: missing ${missing[*]}, and there is no apt-get here; install them with your system's package manager" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-test-tools: missing ${missing[*]}; run this script as root to install them" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "install-test-tools: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
