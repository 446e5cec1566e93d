#!/usr/bin/env bash
# Installs the Debian packages the test suite talks to for real: pcscd + the vsmartcard vpcd
# virtual reader + OpenSC (PC/SC tests), PostgreSQL (store tests), Chromium and a Japanese font
# (web page tests and their screenshots), zip and unzip (the file link's encrypted .zip exchange).
# As root it installs what is missing; otherwise it says what to run and stops.
set -euo pipefail

APT_PACKAGES=(pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc postgresql chromium fonts-ipafont-gothic iproute2 procps libxml2-utils zip unzip)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test environment: all Debian packages present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "test environment: missing ${missing[*]} and this is not a Debian/Ubuntu machine." >&2
  echo "  テスト環境: ${missing[*]} が必要です(Debian/Ubuntu 以外では手動でインストールしてください)。" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "test environment: these Debian packages are missing: ${missing[*]}" >&2
  echo "  run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  echo "  テスト環境: 上のコマンドで不足しているパッケージをインストールしてから再実行してください。" >&2
  exit 1
fi

echo "test environment: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test environment: installed"
