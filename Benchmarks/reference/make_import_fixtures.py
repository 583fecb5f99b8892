#!/usr/bin/env python3
"""Writes the importer fixtures under testdata/import/ (byte-exact, deterministic).

Every fixture is invented (people, ids, texts) and written in an exporter's format as
FORMATS.md describes it, then damaged the way real files get damaged (§17, §19). The expected
numbers are in testdata/import/EXPECTED.csv, derived by hand (see testdata/import/README.md);
this script only asserts the counts it can recompute from its own row lists.

Run from anywhere: python3 Benchmarks/reference/make_import_fixtures.py
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "../../testdata/import"))
OWNER = "wxid_owner_test01"
OWNER_NAME = "小店主"


def path(*parts: str) -> str:
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(p: str, data: bytes) -> None:
    with open(path(p), "wb") as f:
        f.write(data)


def csv_text(rows: list[list], terminator: str = "\r\n", delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=terminator, delimiter=delimiter).writerows(rows)
    return buf.getvalue()


def ts(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ).timestamp())


def excel_time(unix: int) -> str:
    """What Excel (zh-CN) shows and saves for a date cell: `2024/10/4 11:42`, no seconds."""
    d = datetime.fromtimestamp(unix, TZ)
    return f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}"


def iso(unix: int) -> str:
    return datetime.fromtimestamp(unix, TZ).strftime("%Y-%m-%d %H:%M:%S")


# ------------------------------------------------------------ MemoTrace v2 re-saved by Excel

def memotrace_excel() -> None:
    friend = ("李姐", "李姐", "wxid_lijie2020")
    me = (OWNER_NAME, OWNER_NAME, OWNER)
    # (localId, Type, SubType, IsSender, local time, StrContent)
    msgs = [
        (101, 10000, 0, 0, "2024-10-04 11:42:00", "你已添加了李姐，现在可以开始聊天了。"),
        (102, 1, 0, 0, "2024-10-04 11:42:41", "在吗"),
        (103, 1, 0, 1, "2024-10-04 11:43:10", "在的亲"),
        (104, 1, 0, 0, "2024-10-04 11:45:02", "面霜多少钱一瓶？"),
        (105, 1, 0, 1, "2024-10-04 11:46:30", "面霜128元一瓶\n买二送一"),
        (106, 49, 2000, 0, "2024-10-04 11:53:20", ""),
        (107, 49, 2000, 1, "2024-10-04 11:55:00", ""),
        (108, 1, 0, 0, "2024-10-04 11:56:59", "好的?"),  # the emoji became `?` in CP936
    ]
    rows = [["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender"]]
    for lid, t, st, snd, when, text in msgs:
        u = ts(when)
        who = me if snd else friend
        rows.append([lid, 1, t, st, snd, u, 2 if snd else 3, text, excel_time(u), *who])
    write("memotrace_excel_gb18030/data/聊天记录/李姐/李姐_utf8.csv", csv_text(rows).encode("gb18030"))


# ------------------------------------------------------------ PyWxDump 3.1 re-saved by Excel

PYWX_HEADER = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"]


def pywx_rows(chat: str, msgs: list[tuple], first_svrid: int, time_fmt=iso, svrid_fmt=str) -> list[list]:
    rows = []
    for i, (type_name, snd, when, text, src) in enumerate(msgs, start=1):
        talker = OWNER if snd else chat
        rows.append([i, svrid_fmt(first_svrid + i * 7919), type_name, snd, talker, chat, text, src, time_fmt(ts(when))])
    return rows


def pywxdump_excel() -> None:
    chat = "wxid_chenyu99"
    msgs = [
        ("系统通知", 0, "2024-10-05 09:02:13", "你已添加了陈雨，现在可以开始聊天了。", ""),
        ("文本", 0, "2024-10-05 09:03:05", "你好", ""),
        ("文本", 0, "2024-10-05 09:03:41", "想问下眼霜", ""),  # same minute, same side as the row above
        ("文本", 1, "2024-10-05 09:10:00", "在的，眼霜158", ""),
        ("转账", 0, "2024-10-05 09:20:11", "转账：￥158.00\n转账说明：眼霜\n转账时间：2024-10-05 09:20:11\n", ""),
        ("转账", 1, "2024-10-05 09:21:30", "已收款：￥158.00\n转账说明：眼霜\n转账时间：2024-10-05 09:20:11\n", ""),
        ("文本", 1, "2024-10-05 09:22:05", "收到，今天发货", ""),
        ("文本", 0, "2024-10-05 09:30:45", "谢谢", ""),
    ]
    # Excel shows 19-digit ids as 1.86648E+18 and saves that: every row gets the same "id".
    rows = [PYWX_HEADER] + pywx_rows(chat, msgs, 1866480000000000000, time_fmt=excel_time, svrid_fmt=lambda _: "1.86648E+18")
    write(f"pywxdump_excel_gb18030/{chat}_0_9.csv", csv_text(rows).encode("gb18030"))


# ------------------------------------------------------------ Excel "Unicode text" (UTF-16, tabs)

def unicode_text() -> None:
    chat = "wxid_sunmei"
    msgs = [
        ("文本", 0, "2024-10-06 20:15:33", "孙梅：面膜还有货吗", ""),
        ("文本", 1, "2024-10-06 20:16:02", "有的，补水面膜\t89元一盒", ""),  # a tab inside a field: quoted
        ("消息撤回", 0, "2024-10-06 20:17:40", "\"孙梅\" 撤回了一条消息", ""),
        ("文本", 0, "2024-10-06 20:18:10", "给我留两盒\n周末来拿", ""),
        ("文本", 1, "2024-10-06 20:19:00", "好的，给你留着", ""),
        ("文本", 0, "2024-10-06 20:19:30", "👍", ""),
    ]
    rows = [PYWX_HEADER] + pywx_rows(chat, msgs, 1866700000000000000)
    text = csv_text(rows, terminator="\r\n", delimiter="\t")
    write(f"pywxdump_unicode_text_le/{chat}_0_7.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    write(f"pywxdump_unicode_text_be/{chat}_0_7.txt", b"\xfe\xff" + text.encode("utf-16-be"))


# ------------------------------------------------------------ PyWxDump 2.4.8–3.0.x layout

def pywxdump_2024() -> None:
    chat = "wxid_zhoujie"
    header = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "content", "CreateTime"]
    msgs = [
        ("文本", 0, "2024-08-01 19:00:05", "我是小美推荐来的", ""),
        ("系统通知", 0, "2024-08-01 19:02:11", "以上是打招呼的内容", ""),
        ("系统通知", 0, "2024-08-01 19:05:47", "你已添加了周杰，现在可以开始聊天了。", ""),
        ("文本", 0, "2024-08-01 19:06:30", "最近有活动吗", ""),
        ("文本", 1, "2024-08-01 19:08:02", "有的，满199减30\n今晚截止", ""),
        ("图片", 0, "2024-08-01 19:10:15", "图片", "FileStorage\\MsgAttach\\5f2b6c\\Image\\2024-08\\9a1c0e77.dat"),
        ("文本", 1, "2024-08-01 19:12:40", "需要的话跟我说", ""),
    ]
    rows = [header]
    for i, (type_name, snd, when, text, src) in enumerate(msgs, start=1):
        content = json.dumps({"src": src, "msg": text}, ensure_ascii=False)
        rows.append([i, str(1866200000000000000 + i * 104729), type_name, snd, "我" if snd else chat, chat, content, when])
    # Windows text mode without newline='': every record ends \r\r\n.
    data = csv_text(rows, terminator="\r\n").replace("\r\n", "\r\r\n")
    write(f"pywxdump_2024/export/{OWNER}/csv/{chat}/{chat}_0_8.csv", data.encode("utf-8"))


# ------------------------------------------------------------ PyWxDump chat over two pages

def pywxdump_paged() -> tuple[int, int, int]:
    chat = "wxid_pagetest01"
    total = 6234
    start = ts("2024-01-01 09:00:00")
    rows = []
    sides = {"friend": 0, "me": 0, "system": 0}
    for i in range(1, total + 1):
        when = iso(start + i * 600)  # every 10 minutes: one unbroken conversation
        if i == 1:
            row = ("系统通知", 0, chat, "你已添加了小页，现在可以开始聊天了。")
            sides["system"] += 1
        elif i % 100 == 0:
            row = ("系统通知", 0, chat, "\"小页\" 拍了拍我")
            sides["system"] += 1
        elif i % 2 == 1:
            row = ("文本", 0, chat, f"第{i}条，想问下面膜怎么用")
            sides["friend"] += 1
        else:
            row = ("文本", 1, OWNER, f"第{i}条，早晚各一次")
            sides["me"] += 1
        type_name, snd, talker, text = row
        rows.append([i, str(1865000000000000000 + i * 7919), type_name, snd, talker, chat, text, "", when])
    assert sides == {"friend": 3116, "me": 3055, "system": 63}, sides
    base = f"pywxdump_paged/export/{OWNER}/csv/{chat}"
    write(f"{base}/{chat}_0_5000.csv", csv_text([PYWX_HEADER] + rows[:5000]).encode("utf-8"))
    write(f"{base}/{chat}_5000_10000.csv", csv_text([PYWX_HEADER] + rows[5000:]).encode("utf-8"))
    users = {
        chat: {"wxid": chat, "nickname": "小页", "remark": "", "account": "", "describe": "", "headImgUrl": "",
               "ExtraBuf": None, "LabelIDList": [], "extra": None},
        OWNER: {"wxid": OWNER, "nickname": OWNER_NAME, "remark": "", "account": "shop_owner", "describe": "",
                "headImgUrl": "", "ExtraBuf": None, "LabelIDList": [], "extra": None},
    }
    write(f"{base}/users.json", json.dumps(users, ensure_ascii=False, indent=4).encode("utf-8"))
    return sides["friend"], sides["me"], sides["system"]


# ------------------------------------------------------------ chatlog contact list with commas

CHATLOG_CONTACTS = [
    # userName, alias, remark, nickName, isFriend
    ("12345678901@chatroom", "", "", "周末读书会", True),
    ("gh_abcdef123456", "SomeShop", "", "某某商城", True),
    ("wxid_amy2021", "amy_sun", "", "Amy, 小太阳", True),
    ("wxid_member77", "", "", "路人甲", False),
    (OWNER, "shop_owner", "", OWNER_NAME, True),
    ("wxid_zhangsan01", "zs_1990", "张三,老客户", "张三", True),
    ("zhangsan1988", "", "老张", "张建国", True),
]


def chatlog_commas() -> None:
    lines = ["UserName,Alias,Remark,NickName"]
    for u, a, r, n, _ in sorted(CHATLOG_CONTACTS, key=lambda c: c[0].encode()):
        lines.append(f"{u},{a},{r},{n}")  # fmt.Sprintf: no quoting at all
    write("chatlog_commas/contact.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    items = [{"userName": u, "alias": a, "remark": r, "nickName": n, "isFriend": f}
             for u, a, r, n, f in sorted(CHATLOG_CONTACTS, key=lambda c: c[0].encode())]
    write("chatlog_commas/contact.json", go_json({"items": items}))


def go_json(value) -> bytes:
    """Go json.Marshal: compact, `< > &` as \\u003c \\u003e \\u0026, no final newline."""
    s = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


# ------------------------------------------------------------ chatlog JSON without a contact list

def chatlog_alone() -> None:
    talker = "zhangsan1988"
    msgs = [
        # seconds, sender, senderName, isSelf, type, subType, content
        ("2024-09-02 10:00:00", talker, "老张", False, 1, 0, "上次的精华液还有吗"),
        ("2024-09-02 10:03:12", "", "", True, 1, 0, "有的，还是老价格"),
        ("2024-09-02 10:05:40", talker, "老张", False, 49, 2000, "[转账|发送 ￥88.00](定金)"),
        ("2024-09-02 10:06:00", "", "", True, 49, 2000, "[转账|接收 ￥88.00](定金)"),
        ("2024-09-02 10:06:30", "系统消息", "", False, 10000, 0, ""),
        ("2024-09-02 10:07:15", talker, "老张", False, 1, 0, "<地址>北京市朝阳区建国路1号 & 张先生"),
    ]
    out = []
    for when, sender, name, me, t, st, content in msgs:
        u = ts(when)
        out.append({"seq": u * 1000, "time": datetime.fromtimestamp(u, TZ).isoformat(), "talker": talker,
                    "talkerName": "", "isChatRoom": False, "sender": sender, "senderName": name, "isSelf": me,
                    "type": t, "subType": st, "content": content})
    write(f"chatlog_alone/{talker}.json", go_json(out))


# ------------------------------------------------------------ hand-damaged files

def messy() -> None:
    # MemoTrace v2: rows deleted (localId gaps), BOM lost, no final newline.
    friend = ("张姐", "张姐", "wxid_zhangjie_88")
    me = (OWNER_NAME, OWNER_NAME, OWNER)
    msgs = [(11, 0, "2024-07-01 08:00:00", "早"), (14, 1, "2024-07-01 08:05:00", "早呀亲"),
            (15, 0, "2024-07-01 08:06:30", "防晒还有吗"), (19, 1, "2024-07-01 08:10:00", "有的，今天发"),
            (23, 0, "2024-07-01 09:00:00", "好")]
    rows = [["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender"]]
    for lid, snd, when, text in msgs:
        rows.append([lid, 1, 1, 0, snd, ts(when), 2 if snd else 3, text, when, *(me if snd else friend)])
    write("messy/memotrace_gaps_nobom/张姐/张姐_utf8.csv", csv_text(rows).rstrip("\r\n").encode("utf-8"))

    # PyWxDump: one invalid byte (0xFF, invalid in UTF-8 and GB18030) inside the 3rd message.
    chat = "wxid_badbyte"
    msgs2 = [("文本", 0, "2024-07-02 12:00:00", "你好", ""), ("文本", 1, "2024-07-02 12:01:00", "你好亲", ""),
             ("文本", 0, "2024-07-02 12:02:00", "BADBYTE", ""), ("文本", 1, "2024-07-02 12:03:00", "好的", ""),
             ("文本", 0, "2024-07-02 12:04:00", "谢谢", "")]
    data = csv_text([PYWX_HEADER] + pywx_rows(chat, msgs2, 1866300000000000000)).encode("utf-8")
    data = data.replace(b"BADBYTE", "面膜".encode() + b"\xff" + "多少钱".encode())
    write(f"messy/pywxdump_bad_utf8/{chat}_0_6.csv", data)

    # PyWxDump: cut inside the quoted multi-line transfer text, inside the 3-byte `账`.
    chat = "wxid_trunc"
    msgs3 = [("文本", 0, "2024-07-03 15:00:00", "在吗", ""), ("文本", 1, "2024-07-03 15:00:30", "在", ""),
             ("文本", 0, "2024-07-03 15:01:00", "要一套水乳", ""), ("文本", 1, "2024-07-03 15:02:00", "好的，299", ""),
             ("文本", 0, "2024-07-03 15:03:00", "好", ""), ("文本", 1, "2024-07-03 15:03:30", "转我就行", ""),
             ("文本", 0, "2024-07-03 15:04:00", "马上", ""),
             ("转账", 0, "2024-07-03 15:05:00", "转账：￥299.00\n转账说明：水乳\n转账时间：2024-07-03 15:05:00\n", "")]
    data = csv_text([PYWX_HEADER] + pywx_rows(chat, msgs3, 1866400000000000000)).encode("utf-8")
    # `账` is E8 B4 A6: keep its first two bytes only.
    cut = data.index("转账说明".encode()) + len("转".encode()) + 2
    write(f"messy/pywxdump_truncated/{chat}_0_9.csv", data[:cut])

    # PyWxDump CSV without the is_sender column: rejected as a whole.
    chat = "wxid_nocol"
    rows = pywx_rows(chat, [("文本", 0, "2024-07-04 10:00:00", "你好", ""), ("文本", 1, "2024-07-04 10:01:00", "你好亲", ""),
                            ("文本", 0, "2024-07-04 10:02:00", "在吗", ""), ("文本", 1, "2024-07-04 10:03:00", "在", "")],
                     1866500000000000000)
    header = [h for h in PYWX_HEADER if h != "is_sender"]
    rows = [[c for j, c in enumerate(r) if j != 3] for r in rows]
    write(f"messy/pywxdump_missing_column/{chat}_0_5.csv", csv_text([header] + rows).encode("utf-8"))

    write("messy/notes.txt", "进货记录\n面膜 20 盒，已付款\n下周二：补水乳 10 套\n".encode("utf-8"))
    write("messy/photo.jpg", bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))


# ------------------------------------------------------------ WeFlow: two more friends

def weflow_two() -> None:
    invisible = "\u3164"  # HANGUL FILLER: looks empty, is a real nickname
    contacts = [
        ("wxid_hanmeimei", "韩梅梅-宝妈", "韩梅梅-宝妈", "梅子", "meimei_88", "客户 | 宝妈", "", "", "江苏 苏州", "好友"),
        ("wxid_invisible01", invisible, "", invisible, "", "", "", "", "", "好友"),
        ("12345678901@chatroom", "周末读书会", "", "周末读书会", "", "", "", "", "", "群聊"),
    ]
    header = "用户名,显示名称,备注,昵称,微信号,标签,描述,个性签名,地区,类型"
    body = "\n".join(",".join(f'"{c}"' for c in row) for row in contacts)
    write("weflow_two/contacts_2025-05-01T02-03-04.csv", ("\ufeff" + header + "\n" + body).encode("utf-8"))
    items = [{"username": u, "displayName": d, "remark": r, "nickname": n, "alias": a,
              "labels": [t for t in labels.split(" | ") if t], "description": desc, "signature": sig,
              "detailDescription": sig, "region": reg, "type": {"好友": "friend", "群聊": "group"}[typ]}
             for u, d, r, n, a, labels, desc, sig, reg, typ in contacts]
    write("weflow_two/contacts_2025-05-01T02-03-04.json",
          json.dumps({"exportedAt": "2025-05-01T02:03:04.000Z", "count": len(items), "contacts": items},
                     ensure_ascii=False, indent=2).encode("utf-8"))

    def chat(account, nickname, remark, display, msgs):
        out = []
        for i, (when, typ, local_type, content, snd) in enumerate(msgs, start=1):
            u = ts(when)
            out.append({"localId": i, "createTime": u, "formattedTime": when, "type": typ, "localType": local_type,
                        "content": content, "isSend": snd, "senderUsername": OWNER if snd else account,
                        "senderDisplayName": OWNER_NAME if snd else display, "source": "",
                        "senderAvatarKey": OWNER if snd else account})
        doc = {"weflow": {"version": "fixture"},
               "session": {"accountId": account, "nickname": nickname, "remark": remark, "displayName": display,
                           "type": "私聊", "lastTimestamp": out[-1]["createTime"], "messageCount": len(out)},
               "messages": out}
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")

    write("weflow_two/chats/韩梅梅-宝妈.json", chat("wxid_hanmeimei", "梅子", "韩梅梅-宝妈", "韩梅梅-宝妈", [
        ("2024-11-01 20:00:00", "系统消息", 10000, "你已添加了梅子，现在可以开始聊天了。", 0),
        ("2024-11-01 20:01:10", "文本消息", 1, "宝宝能用的面霜有吗", 0),
        ("2024-11-01 20:03:00", "文本消息", 1, "有的，婴儿面霜99元", 1),
        ("2024-11-01 20:05:00", "转账消息", 8589934592049, "[转账] (韩梅梅-宝妈 转账给 我) ￥99.00", 0),
        ("2024-11-01 20:06:00", "转账消息", 8589934592049, "[转账收款] (韩梅梅-宝妈 转账给 我) ￥99.00", 1),
        ("2024-11-01 20:06:30", "文本消息", 1, "收到，明天发货", 1),
        ("2024-11-01 20:07:00", "动画表情", 47, "[动画表情]", 0),
    ]))
    write(f"weflow_two/chats/{invisible}.json", chat("wxid_invisible01", invisible, "", invisible, [
        ("2024-11-02 09:00:00", "文本消息", 1, "我通过了你的朋友验证请求，现在我们可以开始聊天了", 0),
        ("2024-11-03 10:00:00", "文本消息", 1, "双十一福利：面膜买二送一", 1),
        ("2024-11-10 10:00:00", "文本消息", 1, "最后一天啦", 1),
    ]))


# ------------------------------------------------------------ wechat-dump

def wechatdump() -> None:
    name = "Lily:代购|深圳"
    lines = [
        f"1|{name}:2024-04-13 10:00:00.100000:在吗|有货吗",
        "1|me:2024-04-13 10:01:05:有的: 今天到货",
        f"1|{name}:2024-04-13 10:02:00.250000:价格:多少|包邮吗",
        "第二行: 顺丰|到付也行",
        f"419430449|{name}:2024-04-13 10:05:00.500000:[Money Transfer]",
        "收到转账120.00元。如需收钱，请点此升级至最新版本",
        "419430449|me:2024-04-13 10:06:00.750000:[Money Transfer]",
        "已收款120.00元",
        "1|me:2024-04-13 10:07:00:收到|马上发",
    ]
    write("wechatdump_names/Lily代购深圳.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    group = [
        "1|me:2024-05-04 09:00:00.120000:本周读《活着》",
        "1|老周:2024-05-04 09:10:00.330000:我来",
        "1|老周:2024-05-04 09:11:00:几点开始",
        "1|me:2024-05-04 09:15:00.900000:下午三点",
    ]
    write("wechatdump_group1/周末读书会.txt", ("\n".join(group) + "\n").encode("utf-8"))


def main() -> None:
    memotrace_excel()
    pywxdump_excel()
    unicode_text()
    pywxdump_2024()
    paged = pywxdump_paged()
    chatlog_commas()
    chatlog_alone()
    messy()
    weflow_two()
    wechatdump()
    print("paged counts (friend, me, system):", paged)


if __name__ == "__main__":
    main()
