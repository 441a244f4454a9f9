#!/usr/bin/env bash
# Install the Debian packages gongkai needs when they are missing.
# As root: apt-get installs them. Otherwise: print the exact command and stop.
# Usage: scripts/os_deps.sh PACKAGE...
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少系统软件包：${missing[*]}" >&2
  echo "请先以管理员身份运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
