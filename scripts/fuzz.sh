#!/usr/bin/env bash
# Long fuzz runs: each target in tests/fuzz.rs for SECS seconds (default 600), in parallel,
# niced; prints the executions per target. Usage: scripts/fuzz.sh [SECS] [TARGET...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(path json_doc validate port_scan deep responses)
bin=$(cargo test --test integration --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*integration[^"]*\)".*/\1/p' | tail -1)
declare -A test_of=([path]=fuzz_path_parser [json_doc]=fuzz_json_doc_operations
  [validate]=fuzz_request_validation [port_scan]=fuzz_port_scanner [deep]=fuzz_deep_inputs
  [responses]=fuzz_response_bodies)
pids=()
for t in "${targets[@]}"; do
  POOLER_FUZZ_SECS=$secs POOLER_FUZZ_TARGET=$t nice -n 10 "$bin" --exact "fuzz::${test_of[$t]}" \
    --nocapture --test-threads 1 2>&1 | grep -oE "fuzz [a-z_]+: .*|panicked.*|test result.*" &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
