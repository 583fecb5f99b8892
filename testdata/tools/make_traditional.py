#!/usr/bin/env python3
"""Regenerates Sources/BeizhuFeatures/Lexicons/traditional.json (Traditional -> Simplified, one
character each) for every character the lexicons, the negation/question rules and the address
reader use. Needs `pip install opencc-python-reimplemented`; run from the repository root."""
import json, pathlib
from opencc import OpenCC

root = pathlib.Path("Sources/BeizhuFeatures/Lexicons")
chars = set("不没别无未甭吗么呢省市区县旗镇乡村路街道巷弄号栋楼室单元小区大厦广场花园收货地址件人电话手机先生女士姐哥")
chars |= set("北京天津上海重庆河北山西辽宁吉林黑龙江苏浙安徽福建江西山东河南湖北湖南广东海南四川贵州云南陕西甘肃青海台湾内蒙古广西西藏宁夏新疆香港澳门")
chars |= set("领取了你的红包转账收款已退还发起")
for path in sorted(root.glob("*.json")):
    if path.name == "traditional.json":
        continue
    data = json.loads(path.read_text("utf-8"))
    for group in data["groups"]:
        for word in group["words"]:
            chars |= set(word)
simplified = {c for c in chars if ord(c) > 0x2E80}
pairs = {}
for conv in ("s2t", "s2tw", "s2hk"):
    cc = OpenCC(conv)
    for c in sorted(simplified):
        t = cc.convert(c)
        if len(t) == 1 and t != c and t not in simplified and t not in pairs:
            pairs[t] = c
out = {"version": 1, "pairs": dict(sorted(pairs.items()))}
(root / "traditional.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
print(len(pairs), "pairs")
