#!/usr/bin/env bash
# Several hosts on one machine: a scheduler and two workers, each in a network namespace this
# script creates (joined by a bridge in a fourth namespace, addresses 10.213.77.0/24 that exist
# only inside them). A client computes the seed004 workload; one worker's link is cut mid-run;
# the result must equal the local scheduler's, bit for bit, and the cut-off worker must notice its
# silent scheduler within its --scheduler-timeout (plus reaction time).
# Exit codes: 0 passed, 1 failed, 77 skipped (not root, no iproute2, or namespaces not allowed).
set -uo pipefail
cd "$(dirname "$0")/.."

skip() { echo "netns cluster test: skipped: $*"; exit 77; }
[ "$(id -u)" = "0" ] || skip "needs root to create network namespaces"
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
cli=src/Cli/bin/Release/net10.0/minidask.dll
[ -f "$cli" ] || { echo "netns cluster test: $cli not built (dotnet build -c Release first)"; exit 1; }

p="md$$"
net=10.213.77
ip netns add "${p}br" 2>/dev/null || skip "cannot create network namespaces here"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for h in s w1 w2 br; do ip netns del "${p}$h" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

ip netns exec "${p}br" ip link add br0 type bridge
ip netns exec "${p}br" ip link set br0 up
n=1
for h in s w1 w2; do
  ip netns add "${p}$h"
  ip link add "${p}$h-a" type veth peer name "${p}$h-b"
  ip link set "${p}$h-a" netns "${p}$h"
  ip link set "${p}$h-b" netns "${p}br"
  ip netns exec "${p}br" ip link set "${p}$h-b" master br0 up
  ip netns exec "${p}$h" ip addr add "$net.$n/24" dev "${p}$h-a"
  ip netns exec "${p}$h" ip link set "${p}$h-a" up
  ip netns exec "${p}$h" ip link set lo up
  n=$((n + 1))
done

export MINIDASK_TOKEN="netns-$RANDOM$RANDOM"
# Background processes start with `ip netns exec` itself, not through a shell function: a function
# run with & is a subshell, and killing its pid would leave the dotnet process running.
in_ns() { local ns=$1; shift; ip netns exec "${p}$ns" "$@"; }

ip netns exec "${p}s" dotnet "$cli" scheduler --host "$net.1" --port 8786 > "$work/scheduler.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do in_ns s bash -c "echo > /dev/tcp/$net.1/8786" 2>/dev/null && break; sleep 0.2; done
ip netns exec "${p}w1" dotnet "$cli" worker "tcp://$net.1:8786" --host "$net.2" --nthreads 1 --name w1 > "$work/w1.log" 2>&1 &
pids+=($!)
timeout_s=5
ip netns exec "${p}w2" dotnet "$cli" worker "tcp://$net.1:8786" --host "$net.3" --nthreads 1 --name w2 --scheduler-timeout "$timeout_s" > "$work/w2.log" 2>&1 &
pids+=($!)
sleep 4

expected=$(dotnet "$cli" bench --repeat 1 seed004 | sed -E 's/.*"result":([^,]*),.*/\1/')
ip netns exec "${p}s" timeout 150 dotnet "$cli" bench --scheduler "tcp://$net.1:8786" --repeat 1 seed004 > "$work/client.out" 2> "$work/client.err" &
client=$!
sleep 3
echo "netns cluster test: cutting w2's link mid-run"
ip netns exec "${p}br" ip link set "${p}w2-b" down
cut=$EPOCHREALTIME
# The worker hears nothing from its scheduler (no reset crosses a downed link): it must say so
# within its timeout, counted from the last ping before the cut, plus its reaction time.
(for _ in $(seq 600); do grep -q "lost the scheduler" "$work/w2.log" && { echo "$EPOCHREALTIME" > "$work/noticed"; break; }; sleep 0.1; done) &
watcher=$!
wait "$client"
status=$?
actual=$(sed -E 's/.*"result":([^,]*),.*/\1/' "$work/client.out")
wait "$watcher"
noticed=""
[ -s "$work/noticed" ] && { at=$(cat "$work/noticed"); noticed=$(( (${at/./} - ${cut/./}) / 1000 )); }
if [ "$status" -eq 0 ] && [ -n "$expected" ] && [ "$actual" = "$expected" ] && [ -n "$noticed" ] && [ "$noticed" -le $(( 3 * timeout_s * 1000 )) ]; then
  echo "netns cluster test: passed (result $actual equals the local scheduler's; w2 noticed its silent scheduler $noticed ms after the cut, timeout ${timeout_s} s)"
  exit 0
fi
echo "netns cluster test: w2 noticed its silent scheduler: ${noticed:-never} (ms after the cut; limit $(( 3 * timeout_s * 1000 )))"
echo "netns cluster test: FAILED (client exit $status, result '$actual', expected '$expected')"
tail -n 20 "$work/client.err" "$work/scheduler.log" "$work/w1.log" "$work/w2.log"
exit 1
