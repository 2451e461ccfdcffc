#!/usr/bin/env bash
# Ensures .tools/bin/promtool: Prometheus's rule checker, to test deploy/prometheus/alerts.yml
# (test/deploy/alerts-promtool.test.ts). Idempotent: a promtool of the pinned version is kept.
# Built from source with Go (`go install`; this machine fetches modules, not release binaries).
# Measured here: 60 min cold (empty module and build caches, a 2-core machine under load 15+);
# seconds when the Go build cache already holds it.
set -euo pipefail
cd "$(dirname "$0")/.."

module=github.com/prometheus/prometheus
version=v0.316.0
bin=.tools/bin/promtool

go=$(command -v go || true)
[[ -n $go ]] || { [[ -x /usr/local/go/bin/go ]] && go=/usr/local/go/bin/go; }

if [[ -x $bin ]] && [[ -n $go ]] && "$go" version -m "$bin" 2>/dev/null | grep -qE "^\s+mod\s+$module\s+$version\b"; then
  exit 0
fi
[[ -n $go ]] || { echo "ensure-promtool: Go is not installed; cannot build promtool" >&2; exit 1; }

mkdir -p .tools/bin
echo "ensure-promtool: building $module/cmd/promtool@$version into .tools/bin" >&2
start=$SECONDS
if ! GOBIN="$PWD/.tools/bin" "$go" install "$module/cmd/promtool@$version"; then
  # The checksum database may be unreachable; the module's go.sum still pins every dependency.
  echo "ensure-promtool: go install failed; retrying with GOSUMDB=off" >&2
  GOSUMDB=off GOBIN="$PWD/.tools/bin" "$go" install "$module/cmd/promtool@$version"
fi
echo "ensure-promtool: built in $((SECONDS - start)) s" >&2
"$bin" --version >/dev/null
