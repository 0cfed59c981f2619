#!/usr/bin/env bash
# Builds in Release and runs every benchmark in one run; prints one table of results and ratios.
# Usage: bench/run.sh [--quick] [--only raw,engine,http,memory,queries,email] [--dossiers N] [--data DIR]
# Needs: dotnet, node/npm (bpmn-engine goes into bench/peer), Debian's python3-aiosmtpd (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends python3-aiosmtpd || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends python3-aiosmtpd; }
fi
if [ ! -d bench/peer/node_modules/bpmn-engine ]; then
  (cd bench/peer && npm ci --no-audit --no-fund)
fi

# The server runs as it would be deployed: published ReadyToRun, so its start-up is not spent compiling the app's and
# its packages' code (the framework itself ships precompiled).
dotnet publish src/ThiDua.Web/ThiDua.Web.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o artifacts/bench-server -nologo -v quiet
dotnet build -c Release bench/ThiDua.Bench/ThiDua.Bench.csproj -nologo -v quiet
exec dotnet bench/ThiDua.Bench/bin/Release/net10.0/ThiDua.Bench.dll "$@"
