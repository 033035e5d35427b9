#!/usr/bin/env bash
# The Prometheus text checker MetricsIT runs on /metrics: Debian's prometheus package ships promtool.
# Installed once per machine (as root, from the Debian archive); a machine that has it already is left alone.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "promtool is missing and this user cannot install it: apt-get install prometheus (as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool
