#!/usr/bin/env bash
# What `npm run bench -- gateway` runs against: nginx (Debian's package, the reference reverse
# proxy) and wrk (the load generator). Idempotent: installs only what is missing. Needs root.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The bench starts nginx itself with a generated config; the package's own service must not
# start (policy-rc.d 101 = "not allowed"), here or later.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y --no-install-recommends "${missing[@]}"
