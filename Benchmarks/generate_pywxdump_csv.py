#!/usr/bin/env python3
"""Writes a large PyWxDump 3.1 chat CSV (FORMATS.md §8) for the import memory benchmark.

Usage: generate_pywxdump_csv.py OUT.csv SIZE_MB [CHATS]
Rows mix Chinese text, multi-line quoted fields, transfers and system lines, so the reader's
slow paths are exercised, not only plain ASCII.
"""
import sys, random

out, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(7)
texts = [
    "水乳套装甜不甜呀", "好的我要了，帮我下单", "快递已经揽收了，单号7563651837159", "👌",
    "用了几天感觉不错", "\"多行\n消息\"", "太贵了，能便宜点吗", "转账：￥198.00\n转账说明：水乳套装\n转账时间：2024-04-03 16:02:29\n",
]
limit = size_mb * 1024 * 1024
written = 0
row = 0
base = 1_700_000_000
with open(out, "w", encoding="utf-8", newline="") as f:
    header = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n"
    f.write(header)
    written += len(header.encode())
    while written < limit:
        row += 1
        sender = row % 2
        text = texts[row % len(texts)]
        kind = "转账" if text.startswith("转账") else ("系统通知" if row % 97 == 0 else "文本")
        field = '"' + text.replace('"', '""') + '"' if ("\n" in text or "," in text or '"' in text) else text
        t = base + row * 7
        # naive local time in Asia/Shanghai
        import time as _t
        lt = _t.gmtime(t + 8 * 3600)
        stamp = _t.strftime("%Y-%m-%d %H:%M:%S", lt)
        talker = "wxid_owner" if sender else "wxid_friend%04d" % (row % 50)
        line = f"{row},{8000000000000000000 + row},{kind},{sender},{talker},wxid_friend0001,{field},,{stamp}\r\n"
        f.write(line)
        written += len(line.encode())
print(f"{out}: {row} rows, {written} bytes")
