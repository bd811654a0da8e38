#!/usr/bin/env bash
# Installs the Debian packages plenary and its test suite need when they are missing:
# Pango, HarfBuzz's subsetter and the DejaVu fonts (PDFs, made by WeasyPrint: core/pdf.py),
# poppler-utils (pdftotext, which the PDF tests read PDFs back with), chromium (browser tests),
# postgresql (the PostgreSQL run), redis-server (the shared cache the several-instances
# tests start on a free port: docs/decisions/0022-scale-out.md) and nginx (the load balancer
# of make bench-scale, whose configuration a test checks with nginx -t). `make run` and `make test` both call this. Needs root
# for apt-get; without it, says what is missing and carries on (the pages that offer a PDF
# say what is missing, and the tests that need a package fail saying so).
set -uo pipefail

libraries=$(/sbin/ldconfig -p 2>/dev/null)  # once, and not piped into grep -q (pipefail)
has_library() { grep -q "$1" <<<"$libraries"; }

missing=()
# WeasyPrint's libraries; GLib, HarfBuzz and Fontconfig come with Pango.
has_library 'libpango-1\.0\.so\.0' || missing+=(libpango-1.0-0)
has_library 'libpangoft2-1\.0\.so\.0' || missing+=(libpangoft2-1.0-0)
has_library 'libharfbuzz-subset\.so\.0' || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "!! missing Debian packages: ${missing[*]} (not root, so not installing them)" >&2
  echo "!! install them with: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "== installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "!! apt-get could not install ${missing[*]}" >&2
exit 0
