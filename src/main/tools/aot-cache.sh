#!/usr/bin/env bash
# Trains an AOT cache (JDK 24+, JEP 483/515) for a packaged SnapGPU: starts the build once on a throw-away
# data directory with the embedded defaults, waits until it is ready, stops it, and leaves app.aot beside
# quarkus-run.jar. Start it with:  cd target/quarkus-app && $JAVA -XX:AOTCache=app.aot -jar quarkus-run.jar
#
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java src/main/tools/aot-cache.sh [target/quarkus-app]
#
# The cache is only valid for the same JDK build and the same jars: train again after every package.
set -euo pipefail
app_dir=$(cd "${1:-target/quarkus-app}" && pwd)
java_bin=${JAVA:-java}
if ! "$java_bin" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q 'AOTCacheOutput'; then
  echo "aot-cache: $java_bin has no AOT cache (needs JDK 24 or later; set JAVA=...)" >&2
  exit 2
fi
data_dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data_dir"' EXIT
rm -f "$app_dir/app.aot"
cd "$app_dir"
SNAPGPU_DATA_DIR="$data_dir" QUARKUS_HTTP_PORT="$port" \
  SNAPGPU_ADMIN_API_KEY="aot-training-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  "$java_bin" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar > "$data_dir/training.log" 2>&1 &
pid=$!
ready=
for _ in $(seq 1 300); do   # up to 150 s
  if curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null; then ready=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "aot-cache: the training start exited before it was ready; its log:" >&2
    tail -n 30 "$data_dir/training.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "aot-cache: the training start was not ready after 150 s (a cache of half a start would be written); its log:" >&2
  tail -n 30 "$data_dir/training.log" >&2
  exit 1
fi
# One more request of each common kind, so their classes are in the cache too.
curl -sf "http://127.0.0.1:$port/" > /dev/null || true
curl -sf "http://127.0.0.1:$port/q/health/live" > /dev/null || true
kill -TERM "$pid"
wait "$pid" || true   # the JVM writes the cache as it exits
pid=
if [ ! -s app.aot ]; then
  echo "aot-cache: no app.aot was written; the training log:" >&2
  tail -n 30 "$data_dir/training.log" >&2
  exit 1
fi
echo "aot-cache: $app_dir/app.aot ($(du -h app.aot | cut -f1))"
