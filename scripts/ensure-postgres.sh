#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if it is down, then waits until it accepts connections.
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
if pg_isready -h "$host" -p "$port" -q 2>/dev/null; then
  echo "postgres: up on $host:$port"
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "postgres: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 60); do
  if pg_isready -h "$host" -p "$port" -q 2>/dev/null; then
    echo "postgres: up on $host:$port"
    exit 0
  fi
  sleep 1
done
echo "postgres: not reachable on $host:$port (set DATABASE_URL to a running server)" >&2
exit 1
