#!/bin/sh
# Runs one libFuzzer target for a bounded time on a fresh copy of its seeds.
#   Fuzz/run.sh NAME BINARY SECONDS WORKDIR SEED...
# SEED is a file or a folder of files. The corpus grows in WORKDIR/corpus and is thrown away
# on the next run; a crash is written to WORKDIR/ as crash-<sha1> (timeout-, oom- likewise),
# the whole log is WORKDIR/log. Extra libFuzzer flags: FUZZ_FLAGS.
set -eu
name=$1 bin=$2 seconds=$3 work=$4
shift 4
rm -rf "$work"
mkdir -p "$work/corpus"
for seed in "$@"; do
  if [ -d "$seed" ]; then
    find "$seed" -maxdepth 1 -type f -exec cp {} "$work/corpus/" \;
  elif [ -f "$seed" ]; then
    cp "$seed" "$work/corpus/"
  fi
done
here=$(dirname "$0")
echo "$name: fuzzing for ${seconds}s from $(ls "$work/corpus" | wc -l) seeds (log: $work/log)"
# The Swift runtime's crash reporter would hold the log open for its 30 s timeout; libFuzzer
# and the sanitizers print the stack themselves. Swift's tagged pointers make LeakSanitizer
# report false leaks, so leak checking is off.
status=0
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
  -print_final_stats=1 -dict="$here/json.dict" -artifact_prefix="$work/" ${FUZZ_FLAGS:-} \
  "$work/corpus" >"$work/log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  tail -n 80 "$work/log"
  for f in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
    [ -f "$f" ] && echo "$name: FAILED (exit $status); reproducer: $f (replay: $bin $f)"
  done
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
last=$(grep -E '^#[0-9]+' "$work/log" | tail -n 1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+)[^ ]*.*/\1/')
echo "$name: ok, $runs inputs in ${seconds}s ($rate/s), $last inputs, no crash"
