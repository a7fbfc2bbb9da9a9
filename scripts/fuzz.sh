#!/usr/bin/env bash
# Time-boxed libFuzzer campaigns over the protocol decoder, the JWT verifier, the SSE parser and the
# template renderer, with AddressSanitizer and UBSan. The corpus is kept in tests/fuzz/corpus/<name>/.
#
#   scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
build=$root/build-fuzz
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is required (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DPC_FUZZ=ON -DPC_BUILD_TESTS=OFF
fi
cmake --build "$build" --target fuzz_messages fuzz_jwt fuzz_sse fuzz_template
status=0
for pair in messages:fuzz_messages jwt:fuzz_jwt sse:fuzz_sse template:fuzz_template; do
    corpus=$root/tests/fuzz/corpus/${pair%%:*}
    target=$build/bin/${pair#*:}
    mkdir -p "$corpus"
    echo "== ${pair#*:} for ${seconds}s"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 "$corpus" \
        2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|Done)" || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
exit $status
