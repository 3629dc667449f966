#!/usr/bin/env bash
# Packages as a user gets them, following README.md's "Install" section on a temporary feed:
#   1. pack      dotnet pack MiniDask.sln into a local feed (every package and its symbols)
#   2. tool      dotnet tool install MiniDask.Tool into a temporary tool path, then
#                `minidask demo --size 1000 --chunks 250` from there
#   3. app       a fresh `dotnet new console` app that references the MiniDask package from the
#                feed and runs the README's package program (the block after the
#                "package-test: Program.cs" marker): the quick start on the local scheduler and
#                the same sum on a LocalCluster of worker processes
# Each step prints "package-test: pass|fail|skip NAME"; .ci/run counts them as tests.
# The packages get a version of their own (0.1.0-ci.<time>), so nothing cached from an earlier
# run is reused, and that version is removed from the NuGet cache afterwards.
# Usage: scripts/package-test.sh [--no-build]   (--no-build: pack what `dotnet build -c Release` built)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build=()
[ "${1:-}" = "--no-build" ] && build=(--no-build)
version="0.1.0-ci.$(date +%s)"
work=$(mktemp -d)
feed="$work/feed"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cleanup() {
  rm -rf "$work"
  for p in minidask minidask.graph minidask.kernels minidask.array minidask.bag minidask.protocol \
           minidask.scheduler minidask.worker minidask.tool; do
    rm -rf "${cache:?}/$p/$version"
    rmdir "$cache/$p" 2>/dev/null
  done
}
trap cleanup EXIT

failed=0
result() { # result pass|fail|skip NAME [SECONDS]
  echo "package-test: $1 $2${3:+ (${3} s)}"
  [ "$1" = "fail" ] && failed=1
  return 0
}

# 1. pack
start=$SECONDS
if dotnet pack MiniDask.sln -c Release "${build[@]}" -o "$feed" -p:Version="$version" >"$work/pack.log" 2>&1 \
   && [ -f "$feed/MiniDask.$version.nupkg" ] && [ -f "$feed/MiniDask.Tool.$version.nupkg" ]; then
  result pass pack $((SECONDS - start))
else
  tail -40 "$work/pack.log"
  result fail pack $((SECONDS - start))
  result skip tool
  result skip app
  exit 1
fi

# 2. the dotnet tool
start=$SECONDS
tools="$work/tools"
if dotnet tool install --tool-path "$tools" --add-source "$feed" MiniDask.Tool --version "$version" >"$work/tool.log" 2>&1 \
   && "$tools/minidask" demo --size 1000 --chunks 250 >"$work/demo.log" 2>&1 \
   && grep -q '^y.Sum() = ' "$work/demo.log"; then
  cat "$work/demo.log"
  result pass tool $((SECONDS - start))
else
  cat "$work/tool.log" "$work/demo.log" 2>/dev/null | tail -40
  result fail tool $((SECONDS - start))
fi

# 3. an app of one's own, on the packages
start=$SECONDS
app="$work/MyApp"
program=$(awk '/<!-- package-test: Program.cs -->/ { found = 1; next }
               found && /^```csharp/ { inside = 1; next }
               inside && /^```/ { exit }
               inside { print }' README.md)
if [ -z "$program" ]; then
  echo "README.md has no csharp block after <!-- package-test: Program.cs -->"
  result fail app
else
  {
    dotnet new console -o "$app" &&
    (cd "$app" && dotnet new nugetconfig) &&
    (cd "$app" && dotnet nuget add source "$feed" --name minidask-local --configfile nuget.config) &&
    (cd "$app" && dotnet add package MiniDask --version "$version") &&
    printf '%s\n' "$program" >"$app/Program.cs" &&
    (cd "$app" && timeout 300 dotnet run -c Release)
  } >"$work/app.log" 2>&1
  status=$?
  tail -5 "$work/app.log"
  if [ "$status" -eq 0 ] && grep -q '^local and cluster agree' "$work/app.log"; then
    result pass app $((SECONDS - start))
  else
    tail -40 "$work/app.log"
    result fail app $((SECONDS - start))
  fi
fi

cd "$root"
exit "$failed"
