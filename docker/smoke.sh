#!/usr/bin/env bash
# Runs the Dockerfile's own commands without a Docker engine: the restore and publish RUN lines, then the ENTRYPOINT with the
# image's environment (on 127.0.0.1 and a temporary /data), then the HEALTHCHECK command. The commands are read out
# of the Dockerfile, so what CI proves here is what the image does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

restore=$(grep -E '^RUN dotnet restore ' "$root/Dockerfile" | sed -e 's/^RUN //')
publish=$(grep -E '^RUN dotnet publish ' "$root/Dockerfile" | sed -e 's/^RUN //' -e "s# -o /app# -o $work/app#")
entrypoint=$(python3 -c 'import json,re,sys; t=open(sys.argv[1]).read(); print(" ".join(json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", t, re.M).group(1))))' "$root/Dockerfile")
healthcheck=$(python3 -c 'import json,re,sys; t=open(sys.argv[1]).read(); print(" ".join(json.loads(re.search(r"^HEALTHCHECK .*CMD (\[.*\])$", t, re.M).group(1))))' "$root/Dockerfile")

echo "restore:     $restore"
(cd "$root" && $restore >/dev/null)
echo "publish:     $publish"
(cd "$root" && $publish >/dev/null)
# Only linux-x64 native libraries are published (the image is linux-x64): no SQLite for other platforms.
if [ -d "$work/app/runtimes" ] && ls "$work/app/runtimes" | grep -qv '^linux-x64$'; then
  echo "docker smoke: runtimes for other platforms were published: $(ls "$work/app/runtimes" | tr '\n' ' ')" >&2; exit 1
fi
echo "published:   $(du -sh "$work/app" | cut -f1)"
cp -r "$root/fixtures" "$work/app/fixtures"
mkdir -p "$work/data"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "entrypoint:  $entrypoint (port $port)"
(cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$port" JexSim__Database="$work/data/jexsim.db" JexSim__Fixture="$work/app/fixtures/default.json" \
  exec $entrypoint >"$work/server.log" 2>&1) &
server_pid=$!

echo "healthcheck: $healthcheck"
for _ in $(seq 1 50); do
  if (cd "$work/app" && $healthcheck "http://127.0.0.1:$port" >/dev/null 2>&1); then
    # Without a URL, as the image runs it: the port comes from ASPNETCORE_URLS, as the server's own does.
    (cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$port" $healthcheck)
    depth=$(curl -sf "http://127.0.0.1:$port/api/v1/spot/depth?symbol=BTCUSDT&limit=5")
    echo "depth:       $depth"
    grep -q '"lastUpdateId"' <<<"$depth"
    echo "docker smoke: passed"
    exit 0
  fi
  sleep 0.2
done
echo "docker smoke: the server did not become healthy" >&2
cat "$work/server.log" >&2
exit 1
