#!/usr/bin/env bash
# Runs each named fuzz target (all when none is named) for SECONDS seconds
# (default 600), one after the other, on a corpus seeded by seed.sh. Needs
# the nightly toolchain and cargo-fuzz. Logs go to fuzz/logs/TARGET.log;
# the last lines of each say how many inputs ran and whether it crashed.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-600}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
./seed.sh
mkdir -p logs
for target in "${targets[@]}"; do
  echo "== $target ($seconds s)"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    >"logs/$target.log" 2>&1
  echo "exit $?"
  grep -E "^Done|stat::number_of_executed_units|stat::slowest_unit_time_sec|stat::peak_rss_mb|^==[0-9]+==ERROR|panicked at|Test unit written" "logs/$target.log"
done
