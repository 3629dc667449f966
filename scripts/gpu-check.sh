#!/usr/bin/env bash
# The GPU check, in two steps because the GPU machine has no .NET:
#
#   scripts/gpu-check.sh publish   # here: publish the benchmarks program (with the CUDA test
#                                  # classes) self-contained for linux-x64 into artifacts/gpu-check/
#   scripts/gpu-check.sh run       # on the GPU machine, from the repository root with
#                                  # artifacts/gpu-check/ carried along: the CUDA tests, then the
#                                  # GPU benchmarks (GEMM GFLOP/s against one cuBLAS call on the whole
#                                  # product, sum GB/s against a device-to-device copy, the
#                                  # out-of-core matmul's peak device memory)
#
# With the device tool: run `scripts/gpu-check.sh publish` here, then
#   run(command="bash scripts/gpu-check.sh run", carry=["artifacts/gpu-check"], timeout_s=540)
# The run step stays under 8 minutes on one H100 (each part has its own timeout below).
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/gpu-check

case "${1:-}" in
  publish)
    rm -rf "$out" && mkdir -p "$out"
    dotnet publish benchmarks/MiniDask.Benchmarks.csproj -c Release -r linux-x64 --self-contained true \
      -p:PublishSingleFile=false -o "$out/app" || exit 1
    # The carried tree is limited in size: ship one compressed archive.
    tar -C "$out" -cJf "$out/app.tar.xz" app && rm -rf "$out/app"
    ls -l "$out"
    ;;
  run)
    [ -f "$out/app.tar.xz" ] || { echo "error: $out/app.tar.xz missing: run 'scripts/gpu-check.sh publish' first"; exit 2; }
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    tar -C "$work" -xJf "$out/app.tar.xz"
    app="$work/app/MiniDask.Benchmarks"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
    # ILGPU's cuBLAS binding loads libcublas.so.12 (or 11, 10). Where only a newer one is installed
    # (CUDA 13 wheels), make it findable, and say so: the GEMM line names the backend that ran.
    if ! ldconfig -p | grep -q "libcublas.so.12"; then
      found=$(find / -xdev \( -name "libcublas.so.12*" -o -name "libcublas.so.13*" \) 2>/dev/null | head -1)
      if [ -n "$found" ]; then
        mkdir -p "$work/lib"
        ln -sf "$found" "$work/lib/libcublas.so.12"
        for lt in $(find "$(dirname "$found")" -name "libcublasLt.so.1[23]*" 2>/dev/null | head -1); do ln -sf "$lt" "$work/lib/libcublasLt.so.12"; done
        export LD_LIBRARY_PATH="$work/lib:$(dirname "$found"):${LD_LIBRARY_PATH:-}"
        echo "cuBLAS: using $found as libcublas.so.12"
      else
        echo "cuBLAS: no libcublas found; GEMM runs the tiled shared-memory kernel"
      fi
    fi
    echo "== devices"
    timeout 60 "$app" gpu-devices || true
    echo "== CUDA test classes"
    timeout 240 "$app" gpu-tests
    tests=$?
    echo "== GPU benchmarks (block 4096)"
    timeout 200 "$app" gpu cuda 4096
    bench=$?
    echo "gpu-check: tests exit $tests, benchmarks exit $bench"
    [ "$tests" -eq 0 ] && [ "$bench" -eq 0 ]
    ;;
  *)
    echo "usage: scripts/gpu-check.sh publish|run" >&2
    exit 2
    ;;
esac
