"""Keeps each accepted checkov finding to the resources its reason covers.

.checkov.yaml skips a check for the whole template (checkov has no per-resource skip in a config
file), so a new resource failing a skipped check would go unseen. Each skip-check entry there names
its scope on a comment line, "# on: <logical ids or resource types>". This script reads checkov's
JSON report of a run without the skips and fails on any finding outside those scopes: a new finding
fails the scan even when its check is skipped elsewhere.

usage: checkov_scope.py .checkov.yaml template.yaml report.json
"""
import json
import re
import sys


def scopes(config_path):
    out, pending = {}, None
    for line in open(config_path, encoding="utf-8"):
        m = re.match(r"\s*#\s*on:\s*(.+)$", line)
        if m:
            pending = [s.strip() for s in m.group(1).split(",") if s.strip()]
            continue
        m = re.match(r"\s*-\s*(CKV2?_AWS_\d+)\s*$", line)
        if m:
            if not pending:
                sys.exit(f"checkov_scope: {m.group(1)} in {config_path} names no scope ('# on: ...' above it)")
            out[m.group(1)] = set(pending)
            pending = None
    return out


def resource_types(template_path):
    types, current = {}, None
    in_resources = False
    for line in open(template_path, encoding="utf-8"):
        if re.match(r"^Resources:", line):
            in_resources = True
            continue
        if in_resources and re.match(r"^\S", line):
            break
        m = re.match(r"^  ([A-Za-z0-9]+):\s*$", line)
        if in_resources and m:
            current = m.group(1)
        m = re.match(r"^    Type:\s*(\S+)", line)
        if in_resources and current and m:
            types[current] = m.group(1)
    return types


def main(config_path, template_path, report_path):
    allowed = scopes(config_path)
    types = resource_types(template_path)
    report = json.load(open(report_path, encoding="utf-8"))
    reports = report if isinstance(report, list) else [report]
    failed = [c for r in reports for c in r.get("results", {}).get("failed_checks", [])]
    outside = []
    for check in failed:
        logical = check["resource"].split(".")[-1]
        scope = allowed.get(check["check_id"], set())
        if logical not in scope and types.get(logical) not in scope:
            outside.append(f'{check["check_id"]} on {logical} ({types.get(logical, "?")}): {check.get("check_name", "")}')
    print(f"checkov scope: {len(failed)} accepted findings checked against .checkov.yaml, {len(outside)} outside their scope")
    for line in outside:
        print("  " + line)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
