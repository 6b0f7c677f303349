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
# shellcheck source=scripts/native-toolchain.sh
. "$root/scripts/native-toolchain.sh"
host_rid="$(native_host_rid)"

publish() {
  local rid="$1"
  echo "== $rid"
  dotnet publish "$root/src/FitCheck.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$out/$rid" -nologo -v quiet "${@:2}"
  rm -f "$out/$rid"/*.pdb "$out/$rid"/*.xml
  local bin="$out/$rid/fitcheck"
  echo "$rid: $bin ($(du -h "$bin" | cut -f1)), $(file -b "$bin" 2>/dev/null | cut -d, -f1-2)"
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
        arm64_cross_missing
        continue
      fi
      # shellcheck disable=SC2046
      if ! publish "$rid" $(arm64_cross_args); then
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
