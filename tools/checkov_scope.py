"""Keeps each accepted checkov finding to the resources its reason covers.

.checkov.yaml skips a check for the whole template (checkov has no per-resource skip in a config
file), so a new resource failing a skipped check would go unseen. Each skip-check entry there names
its scope on a comment line, "# on: <logical ids or resource types>". This script reads checkov's
JSON report of a run without the skips and fails on any finding outside those scopes: a new finding
fails the scan even when its check is skipped elsewhere.

usage: checkov_scope.py .checkov.yaml report.json
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


def main(config_path, report_path):
    allowed = scopes(config_path)
    report = json.load(open(report_path, encoding="utf-8"))
    reports = report if isinstance(report, list) else [report]
    failed = [c for r in reports for c in r.get("results", {}).get("failed_checks", [])]
    outside = []
    for check in failed:
        kind, _, logical = check["resource"].rpartition(".")  # "AWS::SQS::Queue.OrderQueue"
        scope = allowed.get(check["check_id"], set())
        if logical not in scope and kind not in scope:
            outside.append(f'{check["check_id"]} on {logical} ({kind}): {check.get("check_name", "")}')
    if not failed:
        print("checkov scope: the scan without skips found nothing: was .checkov.yaml read after all?")
        return 1
    print(f"checkov scope: {len(failed)} accepted findings checked against .checkov.yaml, {len(outside)} outside their scope")
    for line in outside:
        print("  " + line)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
