#!/usr/bin/env bash
# Publishes fitcheck as a trimmed Native AOT executable for linux-x64 and linux-arm64.
#
#   scripts/publish-native.sh [OUTPUT_DIR]      (default: artifacts/native)
#
# Each runtime lands in OUTPUT_DIR/<rid>/fitcheck. Native AOT needs clang (or gcc) and zlib's headers for the
# machine's own architecture; linux-arm64 from an x64 machine also needs an arm64 cross toolchain and sysroot
# (Debian: clang, lld, binutils-aarch64-linux-gnu, libc6-dev-arm64-cross, zlib1g-dev:arm64). When that is
# missing the script says so and skips arm64; it fails only when the machine's own runtime does not build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/native}"
host="$(uname -m)"
case "$host" in
  x86_64) host_rid=linux-x64 ;;
  aarch64|arm64) host_rid=linux-arm64 ;;
  *) host_rid="" ;;
esac

publish() {
  local rid="$1"
  echo "== $rid"
  dotnet publish "$root/src/FitCheck.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$out/$rid" -nologo -v quiet "${@:2}"
  rm -f "$out/$rid"/*.pdb "$out/$rid"/*.xml
  local bin="$out/$rid/fitcheck"
  echo "$rid: $bin ($(du -h "$bin" | cut -f1)), $(file -b "$bin" 2>/dev/null | cut -d, -f1-2)"
}

# The cross toolchain .NET's ILCompiler needs for linux-arm64 on an x64 machine: clang (gcc cannot take --target),
# an arm64 sysroot with libc and zlib, and binutils for aarch64. Sets $cross_clang.
arm64_cross_toolchain() {
  cross_clang=""
  for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v "$c" >/dev/null 2>&1; then cross_clang="$c"; break; fi
  done
  [ -n "$cross_clang" ] \
    && command -v aarch64-linux-gnu-objcopy >/dev/null 2>&1 \
    && { [ -e /usr/aarch64-linux-gnu/lib/libc.so ] || [ -e /usr/lib/aarch64-linux-gnu/libc.so ]; }
}

status=0
for rid in linux-x64 linux-arm64; do
  if [ "$rid" = "$host_rid" ]; then
    publish "$rid" || status=1
    continue
  fi

  case "$rid" in
    linux-arm64)
      if ! arm64_cross_toolchain; then
        echo "== $rid"
        echo "$rid: SKIPPED: no arm64 cross toolchain on this $host machine. The arm64 code generates, but linking it needs"
        echo "  clang, aarch64-linux-gnu-objcopy and an arm64 sysroot with libc and zlib (Debian: clang lld"
        echo "  binutils-aarch64-linux-gnu libc6-dev-arm64-cross zlib1g-dev:arm64), or run this script on an arm64 machine."
        continue
      fi
      if ! publish "$rid" -p:CppCompilerAndLinker="$cross_clang" -p:SysRoot=/usr/aarch64-linux-gnu -p:ObjCopyName=aarch64-linux-gnu-objcopy; then
        echo "$rid: FAILED to cross-compile (see above); the $host_rid build is unaffected."
      fi
      ;;
    linux-x64)
      echo "== $rid"
      echo "$rid: SKIPPED: cross-compiling to x64 from $host is not set up; run this script on an x64 machine."
      ;;
  esac
done

exit $status
