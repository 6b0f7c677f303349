# Sourced by scripts/publish-native.sh and scripts/pack-tool.sh: which runtimes this machine can compile Native AOT for.
#
# native_host_rid        prints the machine's own runtime identifier (linux-x64, linux-arm64, osx-arm64...), or nothing.
# arm64_cross_toolchain  succeeds when linux-arm64 can be cross-compiled from this x64 machine; sets $cross_clang.
#   .NET's ILCompiler needs clang (gcc cannot take --target), an arm64 sysroot with libc and zlib, and binutils for
#   aarch64 (Debian: clang lld binutils-aarch64-linux-gnu libc6-dev-arm64-cross zlib1g-dev:arm64).
# arm64_cross_args       the dotnet publish/pack arguments for that cross toolchain.

native_host_rid() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    *) return 0 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) return 0 ;;
  esac
  echo "$os-$arch"
}

arm64_cross_toolchain() {
  cross_clang=""
  for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v "$c" >/dev/null 2>&1; then cross_clang="$c"; break; fi
  done
  [ -n "$cross_clang" ] \
    && command -v aarch64-linux-gnu-objcopy >/dev/null 2>&1 \
    && { [ -e /usr/aarch64-linux-gnu/lib/libc.so ] || [ -e /usr/lib/aarch64-linux-gnu/libc.so ]; }
}

arm64_cross_args() {
  echo "-p:CppCompilerAndLinker=$cross_clang -p:SysRoot=/usr/aarch64-linux-gnu -p:ObjCopyName=aarch64-linux-gnu-objcopy"
}

# The message when linux-arm64 cannot be cross-compiled here.
arm64_cross_missing() {
  echo "linux-arm64: SKIPPED: no arm64 cross toolchain on this $(uname -m) machine. The arm64 code generates, but linking it needs"
  echo "  clang, aarch64-linux-gnu-objcopy and an arm64 sysroot with libc and zlib (Debian: clang lld"
  echo "  binutils-aarch64-linux-gnu libc6-dev-arm64-cross zlib1g-dev:arm64), or run this script on an arm64 machine."
}
