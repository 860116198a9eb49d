#!/usr/bin/env bash
# Makes sure the browser tests have what they need: Debian's Chromium at /usr/bin/chromium and the Noto
# fonts that draw Arabic and Chinese (fonts-noto-core, fonts-noto-cjk). Installs what is missing with
# apt-get when it runs as root (CI, a fresh machine); otherwise says exactly what to install.
# Never downloads a browser of its own: playwright-core drives this one through executablePath.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# The font files themselves: faster than asking dpkg, and true whatever installed them.
compgen -G '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf' >/dev/null || missing+=(fonts-noto-core)
compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.tt[cf]' >/dev/null || missing+=(fonts-noto-cjk)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "error: the browser tests need ${missing[*]}, which are not installed." >&2
  echo "       Install them (Debian: sudo apt-get install -y ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${missing[*]} for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
[[ -x /usr/bin/chromium ]] || { echo "error: /usr/bin/chromium still missing after apt-get install chromium" >&2; exit 1; }
