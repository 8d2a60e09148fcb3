#!/usr/bin/env python3
"""Writes docs-1.json: only the `documentation` strings of botocore's full cognito-idp model.

    python3 model/cognito-idp/extract_docs.py ../shared/aws-models/cognito-idp/service-2.full.json

Output (sorted keys, one entry a line so diffs stay readable):
    {"operations": {"CreateUserPool": "<p>…"}, "shapes": {"UserPoolMfaType": "…"},
     "members": {"CreateUserPoolRequest.MfaConfiguration": "<p>…"}}
The HTML is kept as botocore has it; pooler renders it (src/model/doc_text.rs).
"""
import json
import os
import sys

full = json.load(open(sys.argv[1], encoding="utf-8"))
out = {"operations": {}, "shapes": {}, "members": {}}
for name, op in full["operations"].items():
    if op.get("documentation"):
        out["operations"][name] = op["documentation"]
for name, shape in full["shapes"].items():
    if shape.get("documentation"):
        out["shapes"][name] = shape["documentation"]
    for member, m in shape.get("members", {}).items():
        if m.get("documentation"):
            out["members"][f"{name}.{member}"] = m["documentation"]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "docs-1.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=0, sort_keys=True, ensure_ascii=False)
    f.write("\n")
