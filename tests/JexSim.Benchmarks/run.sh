#!/usr/bin/env bash
# JexSim benchmark suite: one command on a fresh clone, writes a markdown report.
#   tests/JexSim.Benchmarks/run.sh [--out FILE] [--quick | --smoke] [--only engine,startup,http,streams]
# The startup section runs the server as the Dockerfile publishes it (ReadyToRun), the others the Release build output.
# --smoke runs every section for a few seconds (CI: proves the suite runs; the numbers mean nothing).
# Installs what it needs: the npm peers (nodejs-order-book, wiremock) into a temporary folder, and a Java runtime for
# WireMock through apt-get when none is installed. All load targets 127.0.0.1, every run is bounded in time, and the
# benchmark only ever stops the processes it started (by their handles).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

args=("$@")
if [[ ! " $* " =~ " --out " ]]; then args+=(--out "$repo/tests/JexSim.Benchmarks/results.md"); fi

command -v node >/dev/null || { echo "node is required (the nodejs-order-book and WireMock peers run on it)" >&2; exit 1; }
if ! command -v java >/dev/null; then
  echo "installing a Java runtime for WireMock..."
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless >/dev/null; fi
fi

peers="$(mktemp -d -t jexsim-bench-npm.XXXXXX)"
trap 'rm -rf "$peers"' EXIT
echo "installing nodejs-order-book and wiremock into $peers..."
(cd "$peers" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --loglevel=error nodejs-order-book@10.1.1 wiremock@3.13.2 >/dev/null)

echo "building (Release)..."
dotnet build "$here/JexSim.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null
dotnet build "$repo/tests/JexSim.Benchmarks.Streams/JexSim.Benchmarks.Streams.csproj" -c Release -nologo -v quiet >/dev/null

# Start-up is measured on what users run: the container's build, published (ReadyToRun) by the Dockerfile's own restore
# and publish commands, read out of the Dockerfile as docker/smoke.sh does.
only=""
for ((i = 0; i < ${#args[@]}; i++)); do [[ "${args[$i]}" == "--only" ]] && only="${args[$((i + 1))]}"; done
if [[ -z "$only" || ",$only," == *",startup,"* ]]; then
  echo "publishing the server as the Dockerfile does..."
  restore=$(grep -E '^RUN dotnet restore ' "$repo/Dockerfile" | sed -e 's/^RUN //')
  publish=$(grep -E '^RUN dotnet publish ' "$repo/Dockerfile" | sed -e 's/^RUN //' -e "s# -o /app# -o $peers/app#")
  (cd "$repo" && $restore >/dev/null && $publish >/dev/null)
  args+=(--published "$peers/app")
fi
dotnet "$here/bin/Release/net10.0/JexSim.Benchmarks.dll" --node-modules "$peers/node_modules" "${args[@]}"
