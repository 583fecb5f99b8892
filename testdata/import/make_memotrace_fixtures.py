#!/usr/bin/env python3
"""Writes the hand-checked MemoTrace fixtures under testdata/import/memotrace{,3}/.

Byte-exact on purpose (encodings, line ends, cuts); the expected numbers are in the tests
(Tests/BeizhuImportTests/MemoTrace/) and in testdata/import/memotrace/README.md.
"""
import csv, io, json, os, shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
V2 = os.path.join(ROOT, "memotrace")
V3 = os.path.join(ROOT, "memotrace3")
OWNER = "wxid_owner_mt01"
ME = "小美美妆"
HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent",
          "StrTime", "Remark", "NickName", "Sender"]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def csv_bytes(rows, lineterminator="\r\n"):
    out = io.StringIO()
    w = csv.writer(out, lineterminator=lineterminator)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def v2row(local, typ, sub, is_sender, t, content, strtime, friend):
    remark, nick, wxid = (ME, ME, OWNER) if is_sender else friend
    return [local, 1, typ, sub, is_sender, t, 2 if is_sender else 3, content, strtime, remark, nick, wxid]


for d in (V2, V3):
    shutil.rmtree(d, ignore_errors=True)

# 1. Excel re-save: GB18030 without BOM, CRLF, StrTime without seconds. friend 4 / me 3 / system 1.
li = ("李姐", "李姐", "wxid_lijie_2020")
rows = [HEADER,
        v2row(101, 10000, 0, 0, 1728013320, "你已添加了李姐，现在可以开始聊天了。", "2024/10/4 11:42", li),
        v2row(102, 1, 0, 0, 1728013361, "在吗", "2024/10/4 11:42", li),
        v2row(103, 1, 0, 1, 1728013390, "在的亲", "2024/10/4 11:43", li),
        v2row(104, 1, 0, 0, 1728013502, "面膜多少钱一盒？", "2024/10/4 11:45", li),
        v2row(105, 1, 0, 1, 1728013590, "面膜128元一盒\n买二送一", "2024/10/4 11:46", li),
        v2row(106, 49, 2000, 0, 1728014000, "", "2024/10/4 11:53", li),
        v2row(107, 49, 2000, 1, 1728014100, "", "2024/10/4 11:55", li),
        v2row(108, 49, 2001, 0, 1728014219, "", "2024/10/4 11:56", li)]
write(os.path.join(V2, "excel_gb18030/data/聊天记录/李姐/李姐_utf8.csv"), csv_bytes(rows).encode("gb18030"))

# 2. Cut inside the quoted image XML of the 4th record: 3 records imported, then a truncated warning.
mei = ("小美_同事", "小美", "wxid_xiaomei_88")
rows = [HEADER,
        v2row(1, 1, 0, 0, 1712000000, "你好", "2024-04-02 03:33:20", mei),
        v2row(2, 1, 0, 1, 1712000060, "你好呀", "2024-04-02 03:34:20", mei),
        v2row(3, 1, 0, 0, 1712000120, "看看这个", "2024-04-02 03:35:20", mei),
        v2row(4, 3, 0, 0, 1712000180, '<?xml version="1.0"?>\n<msg>\n\t<img aeskey="abc" length="1024" md5="def" />\n</msg>\n',
              "2024-04-02 03:36:20", mei)]
text = "\ufeff" + csv_bytes(rows)
cut = text.index('length=""1024')
write(os.path.join(V2, "truncated/小美_同事/小美_同事_utf8.csv"), text[:cut].encode("utf-8"))

# 3. Missing column IsSender: rejected.
rows = [[c for c in HEADER if c != "IsSender"],
        [1, 1, 1, 0, 1712000000, 3, "你好", "2024-04-02 03:33:20", "王五", "王五", "wxid_wangwu"]]
write(os.path.join(V2, "missing_column/王五/王五_utf8.csv"), ("\ufeff" + csv_bytes(rows)).encode("utf-8"))

# 4. Rows deleted by hand (localId gaps), BOM lost, no final newline, plus one row with a
#    non-numeric Type, one with no usable time, and one whose IsSender=0 carries the owner's
#    wxid (the flag wins: friend). friend 3 / me 2 / system 0, 2 bad rows, 1 inconsistent.
zhang = ("张姐", "张姐", "wxid_zhangjie_88")
rows = [HEADER,
        v2row(11, 1, 0, 0, 1719792000, "早", "2024-07-01 08:00:00", zhang),
        v2row(14, 1, 0, 1, 1719792300, "早呀亲", "2024-07-01 08:05:00", zhang),
        ["15", "1", "abc", "0", "0", "1719792390", "3", "坏行", "2024-07-01 08:06:30", "张姐", "张姐", "wxid_zhangjie_88"],
        v2row(17, 1, 0, 0, 1719792400, "面霜还有吗", "2024-07-01 08:06:40", zhang),
        ["18", "1", "1", "0", "0", "", "3", "无时间", "", "张姐", "张姐", "wxid_zhangjie_88"],
        v2row(19, 1, 0, 1, 1719792600, "有的，今天发", "2024-07-01 08:10:00", zhang),
        ["23", "1", "1", "0", "0", "1719795600", "3", "好", "2024-07-01 09:00:00", "张姐", "张姐", OWNER]]
write(os.path.join(V2, "gaps/张姐/张姐_utf8.csv"), csv_bytes(rows).rstrip("\r\n").encode("utf-8"))

# 5. A group where only one member spoke: still a group (the member's Remark is not the folder's).
club = [HEADER,
        v2row(1, 1, 0, 1, 1715000000, "本周六读《活着》", "2024-05-06 20:53:20", None),
        v2row(2, 1, 0, 0, 1715000100, "好的", "2024-05-06 20:55:00", ("老周", "周大伟", "wxid_laozhou_01")),
        v2row(3, 1, 0, 0, 1715000200, "我带零食", "2024-05-06 20:56:40", ("老周", "周大伟", "wxid_laozhou_01"))]
write(os.path.join(V2, "group_one/data/聊天记录/周末读书会/周末读书会_utf8.csv"), ("\ufeff" + csv_bytes(club)).encode("utf-8"))

# 6. Broadcast-only chat: every row is the owner's.
hua = [HEADER,
       v2row(1, 1, 0, 1, 1716000000, "新品上架，需要的亲私聊~", "2024-05-18 10:40:00", None),
       v2row(2, 1, 0, 1, 1716600000, "双十一预售开始啦", "2024-05-25 09:20:00", None)]
write(os.path.join(V2, "broadcast/阿花/阿花_utf8.csv"), ("\ufeff" + csv_bytes(hua)).encode("utf-8"))

# 7. A long chat (> 4 KB, multi-line and multibyte fields) for chunk-boundary tests:
#    60 rounds of friend text / owner multi-line text / friend voice XML. friend 120 / me 60.
lin = ("琳达_Linda", "Linda🌸", "wxid_linda_1990")
rows = [HEADER]
t = 1720000000
for i in range(60):
    rows.append(v2row(3 * i + 1, 1, 0, 0, t, f"第{i}次问：精华液怎么用？😊", "2024-07-03 17:46:40", lin))
    rows.append(v2row(3 * i + 2, 1, 0, 1, t + 60, f"早晚各一次，\n第{i}瓶送小样，\"包邮\"", "2024-07-03 17:47:40", lin))
    rows.append(v2row(3 * i + 3, 34, 0, 0, t + 120, '<msg><voicemsg voicelength="5200" fromusername="wxid_linda_1990" /></msg>',
                      "2024-07-03 17:48:40", lin))
    t += 3600
write(os.path.join(V2, "long/琳达_Linda/琳达_Linda_utf8.csv"), ("\ufeff" + csv_bytes(rows)).encode("utf-8"))

# 8. messages.csv: private chat (friend's NickName as Sender), a group where one member spoke, an
#    owner-only chat, and one row with IsSender=0 but Sender 我 (the flag wins).
rows = [HEADER,
        [1, 1, 1, 0, 0, 1715000000, 3, "在吗", "2024-05-06 20:53:20", "赵姐 VIP", "赵敏", "赵敏"],
        [2, 1, 1, 0, 1, 1715000060, 2, "在的", "2024-05-06 20:54:20", "赵姐 VIP", "赵敏", "我"],
        [3, 1, 10000, 0, 0, 1715000120, 3, "你已添加了赵敏，现在可以开始聊天了。", "2024-05-06 20:55:20", "赵姐 VIP", "赵敏", "赵敏"],
        [4, 1, 1, 0, 1, 1715000200, 2, "周六见", "2024-05-06 20:56:40", "", "周末读书会", "我"],
        [5, 1, 1, 0, 0, 1715000300, 3, "好的", "2024-05-06 20:58:20", "", "周末读书会", "老周"],
        [6, 1, 1, 0, 1, 1715000400, 2, "新品上架", "2024-05-06 21:00:00", "阿花", "花花", "我"],
        [7, 1, 1, 0, 0, 1715000500, 3, "好呀", "2024-05-06 21:01:40", "赵姐 VIP", "赵敏", "我"]]
write(os.path.join(V2, "all/messages.csv"), ("\ufeff" + csv_bytes(rows)).encode("utf-8"))

# 9. TXT: escaped name, system line, text with an inner blank line, image placeholder, a group-less
#    private chat (friend 3 / me 2 / system 1).
txt = ("2024-05-06 20:53:20 汤姆&amp;杰瑞\n在吗\n\n"
       "2024-05-06 20:54:00 你已添加了汤姆&杰瑞，现在可以开始聊天了。\n\n"
       f"2024-05-06 20:54:20 {ME}\n在的\n\n第二段\n\n"
       "2024-05-06 20:55:20 汤姆&amp;杰瑞\n[图片]\n\n"
       f"2024-05-06 20:56:20 {ME}\n[表情包]\n\n"
       "2024-05-06 20:57:20 汤姆&amp;杰瑞\n好的\n引用:小美美妆:在的\n\n")
write(os.path.join(V2, "txt/data/聊天记录/汤姆&杰瑞/汤姆&杰瑞.txt"), txt.encode("utf-8"))

# 10. The AI txt and the LLM training set: recognised, not read.
write(os.path.join(V2, "txt/data/聊天记录/汤姆&杰瑞/汤姆&杰瑞_chat.txt"),
      ("\n\n" + "*" * 20 + "2024-05-06" + "*" * 20 + "\n\n汤姆&杰瑞:在吗 \n小美美妆:在的 ").encode("utf-8"))
write(os.path.join(V2, "txt/data/聊天记录/汤姆&杰瑞/汤姆&杰瑞_train.json"),
      json.dumps([{"conversations": [{"role": "system", "content": "你是小美美妆"},
                                     {"role": "user", "content": "在吗"},
                                     {"role": "assistant", "content": "在的"}]}],
                 ensure_ascii=False, indent=4).encode("utf-8"))

# ---------------------------------------------------------------- v3
V3HEAD = ["消息ID", "类型", "发送人", "时间", "内容", "备注", "昵称", "更多信息"]
folder = os.path.join(V3, "聊天记录/小王(客户)(wxid_xw_2024)")
RED = ("-1\n{'msg': {'appmsg': {'@appid': '', 'des': '我给你发了一个红包', 'type': '2001', 'title': '微信红包', "
       "'wcpayinfo': {'receivertitle': '货款', 'sendertitle': '货款', 'innertype': '0'}}, 'fromusername': 'wxid_xw_2024'}}")
rows = [V3HEAD,
        ["1866000000000000001", "文本", "小王(客户)", "2024-06-01 10:00:00", "防晒还有吗", "小王(客户)", "王小二", "more"],
        ["1866000000000000002", "文本", ME, "2024-06-01 10:01:00", "有的亲", "", "", "more"],
        ["1866000000000000003", "未知类型", "小王(客户)", "2024-06-01 10:02:00", RED, "小王(客户)", "王小二", "more"],
        ["1866000000000000004", "系统消息", "", "2024-06-01 10:03:00", "你领取了王小二的红包", "小王(客户)", "王小二", "more"],
        ["1866000000000000005", "转账", ME, "2024-06-02 10:00:00", "【发起转账】:￥12.50\n备注: 运费补偿\n", "", "", "more"],
        ["1866000000000000006", "转账", "小王(客户)", "2024-06-02 10:05:00", "【已收款】:￥12.50\n备注: 运费补偿\n", "小王(客户)", "王小二", "more"]]
data = ("\ufeff" + csv_bytes(rows)).encode("utf-8")
write(os.path.join(folder, "小王(客户).csv"), data)
write(os.path.join(folder, "小王(客户)(1).csv"), data)  # a re-export of the same chat
write(os.path.join(folder, "小王(客户).txt"),
      ("2024-06-01 10:00:00 小王(客户)\n防晒还有吗\n\n"
       f"2024-06-01 10:01:00 {ME}\n有的亲\n\n"
       "2024-06-01 10:03:00\n你领取了王小二的红包\n\n"
       f"2024-06-02 10:00:00 {ME}\n【发起转账】:￥12.50\n备注: 运费补偿\n").encode("utf-8"))
msgs = [
    {"type": "1", "is_send": 0, "timestamp": 1717207200, "server_id": "1866000000000000001", "display_name": "小王(客户)",
     "avatar_src": "", "xml_dict": {}, "text": "防晒还有吗"},
    {"type": "1", "is_send": 1, "timestamp": 1717207260, "server_id": "1866000000000000002", "display_name": ME,
     "avatar_src": "", "xml_dict": {}, "text": "有的亲"},
    {"type": "-1", "is_send": 0, "timestamp": 1717207320, "server_id": "1866000000000000003", "display_name": "小王(客户)",
     "avatar_src": "", "xml_dict": {"msg": {"appmsg": {"@appid": "", "type": "2001", "title": "微信红包",
                                                       "wcpayinfo": {"receivertitle": "货款", "innertype": "0"}}}}},
    {"type": "10000", "is_send": 0, "timestamp": 1717207380, "server_id": "1866000000000000004", "display_name": "",
     "avatar_src": "", "xml_dict": {}, "text": "你领取了王小二的红包"},
    {"type": "8589934592049", "is_send": 1, "timestamp": 1717293600, "server_id": "1866000000000000005",
     "display_name": ME, "avatar_src": "",
     "xml_dict": {"msg": {"appmsg": {"type": "2000", "title": "微信转账", "wcpayinfo": {
         "paysubtype": "1", "feedesc": "￥12.50", "transferid": "100005", "pay_memo": "运费补偿",
         "payer_username": OWNER, "receiver_username": "wxid_xw_2024"}}}},
     "text": "发起转账", "pay_subtype": 1, "pay_memo": "运费补偿", "fee_desc": "￥12.50"},
]
body = json.dumps(msgs, ensure_ascii=False, indent=4)
write(os.path.join(folder, "小王(客户).html.json"), body.encode("utf-8"))
# A cut html.json in another chat folder: the first two messages survive.
cut_folder = os.path.join(V3, "聊天记录/阿强(wxid_aqiang_77)")
two = json.dumps(msgs[:3], ensure_ascii=False, indent=4)
write(os.path.join(cut_folder, "阿强.html.json"), two[: two.index('"type": "-1"')].encode("utf-8"))

# A group TXT: members are names; the owner is known only from context hints.
write(os.path.join(V3, "聊天记录/宝妈群(24681357@chatroom)/宝妈群.txt"),
      (f"2024-06-03 09:00:00 {ME}\n今日团购：面膜\n\n"
       "2024-06-03 09:01:00 丽丽\n+1\n\n"
       "2024-06-03 09:02:00\n\"丽丽\" 拍了拍我\n\n"
       "2024-06-03 09:03:00 芳芳\n多少钱").encode("utf-8"))

# v3 contacts: raw remark in Type, sanitised name in Remark, label ids.
rows = [["UserName", "Alias", "Type", "Remark", "NickName", "smallHeadImgUrl", "bigHeadImgUrl", "label", "gender",
         "signature", "country/region", "province", "city"],
        ["wxid_xw_2024", "xw2024", "小王 客户", "小王_客户", "王小二", "", "", "1,5", "男", "", "", "", ""],
        [OWNER, "xiaomei", "", ME, ME, "", "", "", "女", "", "", "", ""],
        ["24681357@chatroom", "", "", "宝妈群", "宝妈群", "", "", "", "未知", "", "", "", ""],
        ["gh_0123456789ab", "", "", "某某快递", "某某快递", "", "", "", "未知", "", "", "", ""]]
write(os.path.join(V3, "contacts.csv"), ("\ufeff" + csv_bytes(rows)).encode("utf-8"))
print("ok")
