#!/usr/bin/env python3
"""Draws the precision audit sample: one random finding of every rule that fires, then random findings up to 60,
with a fixed seed, from a `fitcheck assess --format json` report. Prints each finding with the template lines around it,
for a reviewer to judge (correct and worth saying / true but noise / wrong); see docs/precision/.

    fitcheck assess ../shared/corpus --format json --fail-on never -o all.json
    scripts/precision-sample.py all.json sample.txt sample.json
"""
import collections
import json
import random
import sys

SEED = 11
SIZE = 60


def main(report, text_out, json_out):
    findings = json.load(open(report, encoding="utf-8"))["findings"]
    random.seed(SEED)
    by_rule = collections.defaultdict(list)
    for f in findings:
        by_rule[f["ruleId"]].append(f)
    picked = [random.choice(by_rule[r]) for r in sorted(by_rule)]
    rest = [f for f in findings if f not in picked]
    random.shuffle(rest)
    picked += rest[: max(0, SIZE - len(picked))]
    picked.sort(key=lambda f: (f["ruleId"], f["location"]["path"], f["location"]["line"]))

    def where(f):
        return f["location"]["path"].split("/corpus/")[-1]

    blocks = []
    for i, f in enumerate(picked, 1):
        path, line = f["location"]["path"], f["location"]["line"]
        try:
            lines = open(path, encoding="utf-8").read().split("\n")
            context = "\n".join(f"   {k + 1:4}{'>' if k + 1 == line else ' '} {lines[k]}"
                                for k in range(max(0, line - 4), min(len(lines), line + 4)))
        except OSError as e:
            context = f"   ({e})"
        blocks.append(f"#{i} {f['ruleId']} {f['severity']} {where(f)}:{line}:{f['location']['column']} "
                      f"related={len(f.get('related') or [])}\n   {f['message']}\n{context}\n")
    open(text_out, "w", encoding="utf-8").write("\n".join(blocks))
    json.dump([{"n": i, "rule": f["ruleId"], "severity": f["severity"], "path": where(f), "line": f["location"]["line"],
                "message": f["message"]} for i, f in enumerate(picked, 1)], open(json_out, "w", encoding="utf-8"), indent=1)
    print(f"{len(picked)} findings from {len(by_rule)} rules")


if __name__ == "__main__":
    main(*sys.argv[1:4])
