#!/usr/bin/env bash
# Installs the Debian 12 packages tradenode needs to build, test and run.
# Idempotent: installs nothing (and needs no network) when all are present.
# Run as root, or as a user with sudo. With --fuzz, also clang and its
# libFuzzer runtime for the fuzz preset (CI runs it; a user need not).
set -euo pipefail

packages=(
  g++            # C++20 compiler
  make           # CMake's default generator
  cmake          # >= 3.25 for workflow presets (Debian 12 has 3.25.1)
  libcaf-dev     # C++ Actor Framework 0.17.6: core, io, openssl
  libspdlog-dev  # logging
  nlohmann-json3-dev  # JSON config and message forms
  doctest-dev    # unit tests
  zlib1g-dev     # gzip-compressed replay files
  openssl        # the CLI that makes TLS certificates (README, distributed tests)
  libhiredis-dev # Redis client: the optional Redis journal and streams
  libcli11-dev   # command-line parsing of the tradenode CLI (header-only)
  redis-server   # the tests start their own on loopback (not the system service)
  ccache         # keeps compiled files between builds (CMake uses it when present)
  lld            # the fast linker (CMake uses it when present)
)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(
    clang               # builds the libFuzzer targets (fuzz/)
    libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes for clang 14
  )
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "setup-debian: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "setup-debian: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
