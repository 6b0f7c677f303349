#!/usr/bin/env bash
# Times `fitcheck assess` end to end (process start included) and compares it with baselines measured in the same run.
#
#   bench/run.sh [CORPUS]        (default: ../shared/corpus beside the repository)
#
# FITCHECK=path/to/fitcheck picks the executable; by default the Native AOT build in artifacts/native/linux-x64 is
# used, published first when missing (scripts/publish-native.sh). RUNS=5 sets the runs per measurement (median).
# Prints, for each measurement, the median wall time and the peak resident memory (largest of the runs):
#   - the yardstick: over CORPUS/serverless-patterns, fitcheck against Python+PyYAML (libyaml's CLoader when present)
#     merely loading the same files, and `cat` of them, with the ratios (the goal: fitcheck at most 0.10 of PyYAML);
#   - the YAML readers' throughput in MB/s, YamlDotNet against the fast reader (BenchmarkDotNet, in process, short
#     run; READERS=0 skips it);
#   - one template: the installed .NET tool (packed as users get it by scripts/pack-tool.sh, installed into a
#     temporary tool path: on linux-x64 the Native AOT package) against the native executable (TOOL=0 skips it);
#   - baselines: `cat` of every file, and PyYAML (libyaml's CLoader when present) loading every YAML/JSON file;
#   - fitcheck over the corpus, and its ratio to the baselines;
#   - the corpus copied 1x, 4x and 16x into a temporary folder: time per template and per resource;
#   - one generated template of 500 resources with dense references (bench/generate-dense.py).
# YARDSTICK_ONLY=1 stops after the yardstick (and the readers and tool sections when they are on): a quick comparison.
# FITCHECK_TIMINGS=1 on a single run prints fitcheck's own stage times, allocation and collections on standard error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
runs="${RUNS:-5}"
fitcheck="${FITCHECK:-$root/artifacts/native/linux-x64/fitcheck}"
if [ ! -x "$fitcheck" ]; then
  echo "(publishing the native executable first: scripts/publish-native.sh)" >&2
  "$root/scripts/publish-native.sh" >&2 || true
fi
[ -x "$fitcheck" ] || { echo "no fitcheck executable at $fitcheck" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: runs CMD $runs times; prints the median wall seconds and the peak RSS in MiB; sets $median.
measure() {
  local name="$1"; shift
  local walls=() peak=0
  for _ in $(seq "$runs"); do
    # Wall time from the clock in nanoseconds (GNU time's %e has 10 ms steps); peak RSS from GNU time.
    local start end
    start="$(date +%s%N)"
    /usr/bin/time -f "%M" -o "$work/time" "$@" > /dev/null 2>&1 || true
    end="$(date +%s%N)"
    wall="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
    rss="$(tail -n 1 "$work/time")"
    walls+=("$wall")
    [ "$rss" -gt "$peak" ] && peak="$rss"
  done
  median="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  printf '%-44s median %6.3f s   peak %6.1f MiB   (runs: %s)\n' "$name" "$median" "$(awk -v k="$peak" 'BEGIN{print k/1024}')" "${walls[*]}"
}

# counts PATH: "templates resources" as fitcheck reports them.
counts() {
  "$fitcheck" assess "$1" --format json --fail-on never -o "$work/report.json" 2>/dev/null || true
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["templates"]), sum(t["resources"] for t in d["templates"]))' "$work/report.json"
}

per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", (n > 0 ? 1000 * t / n : 0) }'; }

find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) -print0 > "$work/files"
nfiles="$(tr -cd '\0' < "$work/files" | wc -c)"
echo "machine: $(nproc) cores; fitcheck: $fitcheck; corpus: $corpus ($nfiles files, $(du -sh "$corpus" | cut -f1)); $runs runs each"
echo

pyyaml=""
if python3 -c 'import yaml' 2>/dev/null; then
  pyyaml="$(python3 -c 'import yaml; print("libyaml" if yaml.__with_libyaml__ else "pure Python, no libyaml")')"
  cat > "$work/load.py" <<'PY'
import sys, yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
class L(Loader): pass
# CloudFormation tags (!Ref, !GetAtt...) load as plain values.
L.add_multi_constructor("!", lambda loader, suffix, node: None)
names = open(sys.argv[1], "rb").read().split(b"\0")
for name in filter(None, names):
    try:
        with open(name, "rb") as f:
            yaml.load(f, Loader=L)
    except Exception:
        pass
PY
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

patterns="$corpus/serverless-patterns"
if [ -d "$patterns" ]; then
  echo "== the yardstick: serverless-patterns, same run"
  find "$patterns" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) -print0 > "$work/pfiles"
  echo "($(tr -cd '\0' < "$work/pfiles" | wc -c) files, $(xargs -0 cat < "$work/pfiles" | wc -c) bytes)"
  measure "cat of serverless-patterns" sh -c "xargs -0 cat < '$work/pfiles' > /dev/null"
  p_cat="$median"
  p_yaml=""
  if [ -n "$pyyaml" ]; then
    measure "python3 + PyYAML ($pyyaml) loading them" python3 "$work/load.py" "$work/pfiles"
    p_yaml="$median"
  else
    echo "(PyYAML is not installed: no Python loading baseline)"
  fi
  measure "fitcheck (native) assess serverless-patterns" "$fitcheck" assess "$patterns" -o "$work/out.txt"
  echo "fitcheck / cat: $(ratio "$median" "$p_cat")${p_yaml:+; fitcheck / PyYAML loading: $(ratio "$median" "$p_yaml") (goal: at most 0.10)}"
  echo
fi

if [ "${READERS:-1}" = 1 ]; then
  echo "== YAML readers: throughput over serverless-patterns' YAML files (BenchmarkDotNet, in process, short run)"
  FITCHECK_BENCH_PATH="$corpus" dotnet run -c Release --project "$root/bench/FitCheck.Bench" -- \
    --filter '*ReaderBenchmarks*' --job short --inProcess 2>&1 | grep -E '^\|' || echo "(the reader benchmark did not run)"
  echo "(YamlDotNet: the reference reader alone; FastReader: the fast reader alone; TemplateReaderYaml: what fitcheck runs)"
  echo
fi

if [ "${TOOL:-1}" = 1 ]; then
  echo "== one template: the installed .NET tool against the native executable"
  template="$root/examples/orders-pipeline/template.yaml"
  # Packed and installed as users do: scripts/pack-tool.sh (the pointer, the Native AOT package for this machine's
  # runtime, the framework-dependent fallback), then dotnet tool install from that folder alone.
  host_rid="$(. "$root/scripts/native-toolchain.sh"; native_host_rid)"
  if RIDS="$host_rid" "$root/scripts/pack-tool.sh" "$work/nupkg" > "$work/pack.log" 2>&1; then
    package="$(ls "$work"/nupkg/fitcheck.any.*.nupkg | head -n 1)"
    version="$(basename "$package" .nupkg)"; version="${version#fitcheck.any.}"
    printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' "$work/nupkg" > "$work/nuget.config"
    if dotnet tool install fitcheck --tool-path "$work/tool" --version "$version" --configfile "$work/nuget.config" > "$work/install.log" 2>&1; then
      installed="$(readlink -f "$work/tool/fitcheck")"
      echo "(installed: ${installed#"$work"/tool/.store/}: $(file -b "$installed" 2>/dev/null | cut -d, -f1))"
      measure ".NET tool: fitcheck assess (one template)" "$work/tool/fitcheck" assess "$template" -o "$work/out.txt"
      tool="$median"
      measure "native: fitcheck assess (one template)" "$fitcheck" assess "$template" -o "$work/out.txt"
      native="$median"
      # The fallback other platforms get (and what every platform got before the runtime packages): JIT-compiled.
      python3 -m zipfile -e "$package" "$work/any"
      measure "fallback fitcheck.any: dotnet fitcheck.dll" dotnet "$work/any/tools/net10.0/any/fitcheck.dll" assess "$template" -o "$work/out.txt"
      echo ".NET tool / native: $(ratio "$tool" "$native") (goal: at most 2); fallback / native: $(ratio "$median" "$native")"
    else
      echo "(dotnet tool install failed: see below)"; cat "$work/install.log"
    fi
  else
    echo "(scripts/pack-tool.sh failed: see below)"; cat "$work/pack.log"
  fi
  echo
fi

[ "${YARDSTICK_ONLY:-0}" = 1 ] && exit 0

echo "== baselines over the whole corpus (same run)"
measure "cat of every file" sh -c "xargs -0 cat < '$work/files' > /dev/null"
base_cat="$median"
base_yaml=""
if [ -n "$pyyaml" ]; then
  measure "python3 + PyYAML ($pyyaml) loading every file" python3 "$work/load.py" "$work/files"
  base_yaml="$median"
fi
echo

echo "== fitcheck assess over the corpus"
measure "fitcheck assess CORPUS" "$fitcheck" assess "$corpus" -o "$work/out.txt"
fc="$median"
echo "ratio to cat: $(awk -v a="$fc" -v b="$base_cat" 'BEGIN{printf "%.1fx", a/b}')${base_yaml:+; ratio to PyYAML loading: $(awk -v a="$fc" -v b="$base_yaml" 'BEGIN{printf "%.2fx", a/b}')}"
echo

echo "== scaling: the corpus copied 1x, 4x and 16x"
for k in 1 4 16; do
  dir="$work/x$k"
  mkdir -p "$dir"
  for i in $(seq "$k"); do cp -r "$corpus" "$dir/copy$i"; done
  read -r templates resources < <(counts "$dir")
  measure "${k}x ($templates templates, $resources resources)" "$fitcheck" assess "$dir" -o "$work/out.txt"
  echo "    per template $(per "$median" "$templates") ms, per resource $(per "$median" "$resources") ms"
  rm -rf "$dir"
done
echo

echo "== one generated template of 500 resources with dense references"
python3 "$root/bench/generate-dense.py" 500 > "$work/dense.yaml"
read -r templates resources < <(counts "$work/dense.yaml")
measure "dense.yaml ($resources resources, $(wc -l < "$work/dense.yaml") lines)" "$fitcheck" assess "$work/dense.yaml" -o "$work/out.txt"
echo "    per resource $(per "$median" "$resources") ms"
measure "one corpus-sized template (the example)" "$fitcheck" assess "$root/examples/orders-pipeline/template.yaml" -o "$work/out.txt"
