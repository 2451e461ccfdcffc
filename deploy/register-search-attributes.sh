#!/usr/bin/env bash
# Registers BeatVegas's custom search attributes (workflows/shared.ts SEARCH_ATTRIBUTES, SPEC
# R14) on a Temporal namespace, before any worker or Schedule starts a run that sets them.
# Idempotent: the server skips attributes that exist with the same type, and the CLI refuses
# one that exists with another type (exit 1, so the deployment stops there).
#
# docker-compose runs it as the one-shot `temporal-search-attributes` service (admin-tools
# image); elsewhere run it with any Temporal CLI >= 1.0:
#   TEMPORAL_ADDRESS=127.0.0.1:7233 TEMPORAL_CLI=.tools/bin/temporal deploy/register-search-attributes.sh
set -euo pipefail

: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS (host:port of the Temporal frontend)}"
namespace="${TEMPORAL_NAMESPACE:-default}"
cli="${TEMPORAL_CLI:-temporal}"
attempts="${REGISTER_ATTEMPTS:-30}"

# name=type, as in workflows/shared.ts (test/unit/deploy/compose.test.ts keeps them equal).
attributes=(
  Sport=Keyword
  SlateDate=Keyword
  RunKind=Keyword
  ModelHash=Keyword
  PicksPublished=Int
  FlagsDisabled=KeywordList
)

args=()
for attribute in "${attributes[@]}"; do
  args+=(--name "${attribute%%=*}" --type "${attribute#*=}")
done

# The namespace may still be in the server's cache refresh right after it was created.
for ((i = 1; ; i++)); do
  if output=$("$cli" operator search-attribute create --address "$TEMPORAL_ADDRESS" \
    --namespace "$namespace" "${args[@]}" 2>&1); then
    echo "$output"
    break
  fi
  echo "$output" >&2
  # A name taken with another type will not heal by waiting.
  if [[ $output == *"different type"* ]]; then exit 1; fi
  if ((i >= attempts)); then
    echo "register-search-attributes: giving up after $attempts attempts" >&2
    exit 1
  fi
  sleep 2
done
"$cli" operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$namespace"
