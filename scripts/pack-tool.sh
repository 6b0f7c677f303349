#!/usr/bin/env bash
# Packs fitcheck as the .NET tool users install: the Native AOT executable where it was compiled, the framework-dependent
# build everywhere else.
#
#   scripts/pack-tool.sh [OUTPUT_DIR]      (default: artifacts/tool)
#   dotnet tool install --global --add-source OUTPUT_DIR fitcheck
#
# OUTPUT_DIR receives, for the version in Directory.Build.props (or VERSION=x.y.z):
#   fitcheck.<rid>.<version>.nupkg   the Native AOT executable for one runtime, alone (no .NET runtime needed): the
#                                    machine's own runtime (linux-x64 here), and linux-arm64 from an x64 machine that
#                                    has the arm64 cross toolchain (scripts/native-toolchain.sh); RIDS="..." to choose;
#   fitcheck.linux-musl-<arch>.<version>.nupkg  beside each native linux-<arch>: the framework-dependent build for
#                                    Alpine and other musl systems, which linux-<arch>'s executable (glibc) cannot serve;
#   fitcheck.any.<version>.nupkg     the framework-dependent fallback (needs the .NET 10 runtime), for other platforms;
#   fitcheck.<version>.nupkg         the pointer package `dotnet tool install fitcheck` asks for: it holds no code, only
#                                    the list of runtime packages above; the .NET CLI installs the one for the machine's
#                                    runtime, else fitcheck.any.
# Native AOT compiles for the machine it runs on, so in a release each platform to ship native (osx-arm64 on a Mac,
# win-x64 on Windows, linux-arm64 on an arm64 runner) runs this script with RIDS set to its runtime and the runs share
# one OUTPUT_DIR (copy each run's fitcheck.<rid> package into it); the last run writes the pointer, which lists every
# fitcheck.<rid> package of the version it finds in OUTPUT_DIR, then all of them are pushed together
# (`dotnet nuget push "OUTPUT_DIR/*.nupkg"`): a pointer must never name a runtime package the feed does not have.
#
# A plain `dotnet pack src/FitCheck.Cli` still makes the single framework-dependent package (slower to start).
# Fails when the machine's own runtime does not compile (Native AOT needs clang or gcc; Debian: clang zlib1g-dev).
set -euo pipefail
shopt -s nullglob

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/tool}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# shellcheck source=scripts/native-toolchain.sh
. "$root/scripts/native-toolchain.sh"
host_rid="$(native_host_rid)"
project="$root/src/FitCheck.Cli"

version="${VERSION:-$(dotnet msbuild "$project" -getProperty:Version -nologo)}"
[ -n "$version" ] || { echo "pack-tool: could not read the version of $project" >&2; exit 1; }
# Built in a tree of its own (obj and bin under artifacts/tool-build): restoring for one runtime after another would
# otherwise rewrite the projects' obj/ and make the next everyday build start over.
common=(-c Release -o "$out" -nologo -v quiet "-p:Version=$version" --artifacts-path "$root/artifacts/tool-build")

if [ -n "${RIDS+set}" ]; then
  rids="$RIDS"
else
  rids="$host_rid"
  [ "$host_rid" = linux-x64 ] && rids="$rids linux-arm64"
fi

# Each publish goes to a fresh folder: the package takes every file in it, so nothing left from another build can slip in.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

status=0
for rid in $rids; do
  echo "== $rid (Native AOT)"
  rm -f "$out/fitcheck.$rid.$version.nupkg"
  extra=()
  if [ "$rid" != "$host_rid" ]; then
    if [ "$rid" = linux-arm64 ] && [ "$host_rid" = linux-x64 ]; then
      if ! arm64_cross_toolchain; then arm64_cross_missing; continue; fi
      # shellcheck disable=SC2207
      extra=($(arm64_cross_args))
    else
      echo "$rid: SKIPPED: Native AOT cannot compile for $rid on this $host_rid machine; run this script there (RIDS=$rid)."
      continue
    fi
  fi
  if dotnet pack "$project" "${common[@]}" -r "$rid" "-p:FitCheckToolRids=\"$rid;any\"" "-p:PublishDir=$stage/$rid/" "${extra[@]}"; then
    echo "$rid: $out/fitcheck.$rid.$version.nupkg ($(du -h "$out/fitcheck.$rid.$version.nupkg" | cut -f1))"
  elif [ "$rid" = "$host_rid" ]; then
    echo "$rid: FAILED (see above): the machine's own runtime must compile." >&2
    status=1
  else
    echo "$rid: FAILED to cross-compile (see above); the other packages are unaffected."
  fi
done
[ "$status" = 0 ] || exit "$status"

# Alpine and other musl systems: .NET's runtime graph sends linux-musl-<arch> to linux-<arch>, whose native executable
# needs glibc. So beside each native linux-<arch> package goes a framework-dependent linux-musl-<arch> one (the fallback's
# build under that name; no apphost, the .NET runtime starts it).
for package in "$out"/fitcheck.linux-*."$version".nupkg; do
  rid="$(basename "$package" ".$version.nupkg")"; rid="${rid#fitcheck.}"
  case "$rid" in linux-musl-*|*.*) continue ;; esac
  musl="linux-musl-${rid#linux-}"
  echo "== $musl (framework-dependent, for musl systems that $rid's executable cannot serve)"
  rm -f "$out/fitcheck.$musl.$version.nupkg"
  dotnet pack "$project" "${common[@]}" -r "$musl" "-p:FitCheckToolRids=\"$musl;any\"" -p:PublishAot=false -p:UseAppHost=false \
    -p:SelfContained=false "-p:PublishDir=$stage/$musl/"
done

echo "== any (framework-dependent fallback)"
rm -f "$out/fitcheck.any.$version.nupkg"
dotnet pack "$project" "${common[@]}" -r any "-p:FitCheckToolRids=any" "-p:PublishDir=$stage/any/"

# The pointer names every runtime package of this version in OUTPUT_DIR (made here or copied in from other machines).
# (MSBuild takes a list in a -p value only in quotes: -p:FitCheckToolRids="linux-x64;any".)
listed=""
for package in "$out"/fitcheck.*."$version".nupkg; do
  rid="$(basename "$package" ".$version.nupkg")"; rid="${rid#fitcheck.}"
  case "$rid" in
    any|*.*) ;;
    *) listed="$listed$rid;" ;;
  esac
done
listed="${listed}any"
echo "== fitcheck (the pointer: $listed)"
rm -f "$out/fitcheck.$version.nupkg"
dotnet pack "$project" "${common[@]}" "-p:FitCheckToolRids=\"$listed\""

echo
echo "packages in $out:"
for package in "$out"/fitcheck.*"$version".nupkg; do
  echo "  $(basename "$package") ($(du -h "$package" | cut -f1))"
done
echo "install: dotnet tool install --global --add-source $out fitcheck --version $version"
