#!/usr/bin/env bash
# Makes sure the browser tests have what they need: Debian's Chromium at /usr/bin/chromium and the Noto
# fonts that draw Arabic and Chinese (fonts-noto-core, fonts-noto-cjk). Installs what is missing with
# apt-get when it runs as root (CI, a fresh machine); otherwise says exactly what to install.
# Never downloads a browser of its own: playwright-core drives this one through executablePath.
#
# Two runs at once (`npm test` in two checkouts of a fresh machine) take turns: apt-get refuses to
# start while another holds its lists lock, so the second waits for the first on a lock of its own
# and then finds the packages installed.
set -euo pipefail

missing=()
find_missing() {
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # The font files themselves: faster than asking dpkg, and true whatever installed them.
  compgen -G '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf' >/dev/null || missing+=(fonts-noto-core)
  compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.tt[cf]' >/dev/null || missing+=(fonts-noto-cjk)
}

find_missing
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "error: the browser tests need ${missing[*]}, which are not installed." >&2
  echo "       Install them (Debian: sudo apt-get install -y ${missing[*]}) and run again." >&2
  exit 1
fi
exec 9>"${TMPDIR:-/tmp}/spcomms-ensure-browser.lock"
if ! flock -w 900 9; then
  echo "error: another installation of ${missing[*]} has held ${TMPDIR:-/tmp}/spcomms-ensure-browser.lock for 15 minutes" >&2
  exit 1
fi
find_missing
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
echo "Installing ${missing[*]} for the browser tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Waits for dpkg's lock should another installer hold it (an unattended upgrade) instead of failing.
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
[[ -x /usr/bin/chromium ]] || { echo "error: /usr/bin/chromium still missing after apt-get install chromium" >&2; exit 1; }
