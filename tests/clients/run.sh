#!/usr/bin/env bash
# Client check: builds and starts the server on a free loopback port with fixtures/quiet.json, waits for /health, then
# runs the Python checks (an unmodified Binance-style async client against /api/v1/contract/* and /api/v1/option/*),
# stops the server by its PID and exits non-zero when anything failed. Needs Debian's python3-aiohttp
# (apt-get install -y python3-aiohttp); it runs with /usr/bin/python3, the interpreter that package serves.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${JEXSIM_CLIENT_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
server_pid=
stop() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

if ! "$python" -c 'import aiohttp' 2>/dev/null; then
  echo "client check: $python lacks aiohttp (apt-get install -y python3-aiohttp)" >&2
  exit 1
fi

echo "client check: building the server"
dotnet build "$root/src/JexSim.Server" -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
app="$root/src/JexSim.Server/bin/Release/net10.0"

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
echo "client check: server on $url with fixtures/quiet.json"
ASPNETCORE_URLS="$url" JexSim__Database="$work/jexsim.db" JexSim__Fixture="$root/fixtures/quiet.json" JexSim__Durability=None Logging__LogLevel__Default=Warning \
  dotnet "$app/JexSim.Server.dll" >"$work/server.log" 2>&1 &
server_pid=$!

healthy=
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  if curl -sf "$url/health" >/dev/null 2>&1; then healthy=1; break; fi
  sleep 0.2
done
if [ -z "$healthy" ]; then
  echo "client check: the server did not become healthy" >&2
  cat "$work/server.log" >&2
  exit 1
fi

status=0
cd "$root/tests/clients/python"
"$python" check_contract.py "$url" || status=1
"$python" check_option.py "$url" || status=1
if [ "$status" -ne 0 ]; then
  echo "client check: FAILED (server log follows)" >&2
  tail -50 "$work/server.log" >&2
else
  echo "client check: passed"
fi
exit "$status"
