#!/usr/bin/env python3
"""Writes the PyWxDump and chatlog test fixtures under testdata/import/{pywxdump,chatlog}/.

Deterministic (no randomness, fixed times), so re-running gives identical bytes. Run from the
repository root: python3 Benchmarks/reference/make_pywxdump_chatlog_fixtures.py
"""
import csv
import io
import json
import os
from datetime import datetime, timedelta

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "import")
PY = os.path.join(ROOT, "pywxdump")
CL = os.path.join(ROOT, "chatlog")
HEADER31 = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"]
HEADER24 = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "content", "CreateTime"]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def csv_text(rows, delimiter=",", lineterminator="\r\n"):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        w.writerow(row)
    return out.getvalue()


# 1. PyWxDump 3.1 chat re-saved by Excel as GB18030 (CP936): times `2024/10/4 11:42`, no seconds.
owner = "wxid_seller01"
friend = "wxid_gbfriend01"
rows = [HEADER31,
        [1, "7000000000000000001", "文本", 0, friend, friend, "你好，面膜还有货吗", "", "2024/10/4 11:42"],
        [2, "7000000000000000002", "文本", 1, owner, friend, "有的，198元一盒", "", "2024/10/4 11:45"],
        [3, "7000000000000000003", "转账", 0, friend, friend, "转账：￥198.00\n转账说明：面膜\n转账时间：2024-10-04 11:50:00\n", "", "2024/10/4 11:50"],
        [4, "7000000000000000004", "转账", 1, owner, friend, "已收款：￥198.00\n转账说明：面膜\n转账时间：2024-10-04 11:50:00\n", "", "2024/10/4 11:52"],
        [5, "7000000000000000005", "系统通知", 0, friend, friend, "你已添加了小刚，现在可以开始聊天了。", "", "2024/10/4 12:00"]]
write(os.path.join(PY, "resave-gb18030", f"{friend}_0_6.csv"), csv_text(rows).encode("gb18030"))

# 2. Excel "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
friend = "wxid_tabfriend02"
rows = [HEADER31,
        [1, "7000000000000000011", "文本", 0, friend, friend, "在吗", "", "2024-05-01 09:00:00"],
        [2, "7000000000000000012", "文本", 1, owner, friend, "在的，亲", "", "2024-05-01 09:01:00"],
        [3, "7000000000000000013", "图片", 0, friend, friend, "图片", "FileStorage/MsgAttach/x/Image/2024-05/a.dat", "2024-05-01 09:02:00"]]
write(os.path.join(PY, "utf16-tab", f"{friend}_0_4.txt"), b"\xff\xfe" + csv_text(rows, delimiter="\t").encode("utf-16-le"))

# 3. The 2024 layout (2.4.8–3.0.x): `content` JSON in a quoted cell, `talker` = 我, `\r\r\n` record ends.
friend = "wxid_old2024"
def content(msg, src=""):
    return json.dumps({"src": src, "msg": msg}, ensure_ascii=False)
rows = [HEADER24,
        [1, "7000000000000000021", "文本", 0, friend, friend, content('他说"好用"，我也想试试'), "2024-02-01 10:00:00"],
        [2, "7000000000000000022", "文本", 1, "我", friend, content("好的，给你留一套"), "2024-02-01 10:05:00"],
        [3, "7000000000000000023", "图片", 1, "我", friend, content("图片", "FileStorage\\MsgAttach\\abc\\Image\\2024-02\\f.dat"), "2024-02-01 10:06:00"],
        [4, "7000000000000000024", "转账", 0, friend, friend, content("转账：￥88.50\n转账说明：定金\n转账时间：2024-02-01 10:10:00\n"), "2024-02-01 10:10:00"],
        [5, "7000000000000000025", "系统通知", 1, "我", friend, content("<revokemsg>你撤回了一条消息</revokemsg>"), "2024-02-01 10:11:00"]]
write(os.path.join(PY, "layout2024", f"{friend}_0_6.csv"), csv_text(rows, lineterminator="\r\r\n").encode("utf-8"))

# 4. A chat of 6 200 messages split over two page files (`_0_5000`, `_5000_10000`), under
#    export/<me>/csv/<chat>/ so the owner comes from the folder.
friend = "wxid_longchat01"
folder = os.path.join(PY, "paged", "export", owner, "csv", friend)
start = datetime(2023, 1, 1, 8, 0, 0)
all_rows = []
for i in range(6200):
    me = i % 3 == 0
    text = f"第{i + 1}条消息"
    all_rows.append([i + 1, str(8000000000000000000 + i), "文本", 1 if me else 0, owner if me else friend, friend,
                     text, "", (start + timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S")])
for page, (a, b) in enumerate([(0, 5000), (5000, 10000)]):
    write(os.path.join(folder, f"{friend}_{a}_{b}.csv"), csv_text([HEADER31] + all_rows[a:b]).encode("utf-8"))

# 5. chatlog contact.csv with a comma in a remark and in a nickname, alone and with contact.json beside.
contacts = [
    ("wxid_comma01", "alias01", "王姐,老客户", "王丽"),
    ("wxid_comma02", "", "", "Amy,小店"),
    ("wxid_plain03", "plain03", "小美", "美美"),
]
lines = ["UserName,Alias,Remark,NickName"] + [",".join(c) for c in contacts]
text = "\n".join(lines) + "\n"
write(os.path.join(CL, "comma-alone", "contact.csv"), text.encode("utf-8"))
write(os.path.join(CL, "comma-with-json", "contact.csv"), text.encode("utf-8"))
items = [{"userName": u, "alias": a, "remark": r, "nickName": n, "isFriend": True} for u, a, r, n in contacts]
write(os.path.join(CL, "comma-with-json", "contact.json"),
      json.dumps({"items": items}, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

# 6. chatlog TXT with MM-DD times crossing a year boundary, with a sibling CSV whose name gives the year.
talker = "wxid_yearwrap"
txt = ("小雨(客户)(wxid_yearwrap) 12-30 21:00:00\n元旦有活动吗\n\n"
       "我 12-31 09:00:00\n有的，第二件半价\n\n"
       "系统消息 12-31 09:01:00\n\n\n"
       "小雨(客户)(wxid_yearwrap) 01-02 10:00:00\n[转账|发送 ￥99.00](尾款)\n\n"
       "我 01-02 10:05:00\n[转账|接收 ￥99.00](尾款)\n第二行\n\n")
write(os.path.join(CL, "year-wrap", f"{talker}.txt"), txt.encode("utf-8"))
write(os.path.join(CL, "year-wrap", f"{talker}_2023-12-01_2024-01-31.csv"),
      ("Time,SenderName,Sender,TalkerName,Talker,Content\n"
       "2023-12-30 21:00:00,小雨(客户),wxid_yearwrap,,wxid_yearwrap,元旦有活动吗\n").encode("utf-8"))
# The same text alone, for the modification-date fallback (the test sets the date).
write(os.path.join(CL, "year-wrap-alone", f"{talker}.txt"), txt.encode("utf-8"))

# 7. chatlog chat JSON cut in the middle of a string.
msgs = []
for i in range(4):
    msgs.append({"seq": 1700000000000 + i * 1000, "time": f"2023-11-14T22:13:2{i}+08:00", "talker": "wxid_cut01",
                 "talkerName": "", "isChatRoom": False, "sender": "" if i % 2 else "wxid_cut01",
                 "senderName": "" if i % 2 else "小切", "isSelf": bool(i % 2), "type": 1, "subType": 0,
                 "content": f"消息{i}：一段足够长的内容用来切断"})
full = json.dumps(msgs, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
cut = full.index("消息3".encode("utf-8")) + 5
write(os.path.join(CL, "truncated", "wxid_cut01.json"), full[:cut])

# 8. A lone chat file of a friend with an old free-form id, no contact list.
msgs = [{"seq": 1500000000000, "time": "2017-07-14T10:40:00+08:00", "talker": "zhangsan1988", "talkerName": "",
         "isChatRoom": False, "sender": "zhangsan1988", "senderName": "张三", "isSelf": False, "type": 1,
         "subType": 0, "content": "老同学，好久不见"},
        {"seq": 1500000060000, "time": "2017-07-14T10:41:00+08:00", "talker": "zhangsan1988", "talkerName": "",
         "isChatRoom": False, "sender": "", "senderName": "", "isSelf": True, "type": 1, "subType": 0,
         "content": "是啊，最近好吗"}]
write(os.path.join(CL, "lone", "zhangsan1988.json"),
      json.dumps(msgs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
print("fixtures written under", os.path.normpath(ROOT))
