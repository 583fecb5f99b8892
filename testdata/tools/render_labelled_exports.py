#!/usr/bin/env python3
"""Renders testdata/labelled/friends.jsonl through the exporters' file formats.

The labelled friends (made by make_labelled.py) are distributed over the seven exporters Beizhu
reads and written byte for byte as those tools write them (shared/formats/FORMATS.md and its
samples): chatlog JSON + contact.json, PyWxDump 3.1 CSV + users.json, MemoTrace v2 per-chat CSV +
contacts.csv, MemoTrace v3 .html.json + contacts.csv, WeFlow chat JSON + contacts JSON, wechat-dump
TXT, WechatExporter index.txt + <Owner>_Contacts.csv. Transfers, red packets, stickers, voice and
system lines are rendered the way each exporter renders them (a transfer is recovered from the
labelled row whatever rendering it was written in), so the evidence a tool drops (MemoTrace v2 CSV
keeps only type and side of a transfer; chatlog empties markup system lines; wechat-dump drops
system lines) is dropped here too. Friends whose evidence a format cannot carry are not rendered
in it (e.g. an old remark in wechat-dump, a red-packet notice alone in chatlog).

Writes testdata/labelled/exports/<exporter>/..., EXPECTED.csv (one row per friend and exporter,
with the id that exporter identifies the friend by) and EXCLUDED.csv (groups, official accounts
and the owner, which must never be planned). Deterministic; run from the repository root:
  python3 testdata/tools/render_labelled_exports.py"""
import csv, io, json, os, re, shutil
from datetime import datetime, timedelta, timezone

ROOT = "testdata/labelled/exports"
TZ = timezone(timedelta(hours=8))
BASE = 1_717_207_200  # same start as the labelled set's own test
AUTO = "我通过了你的朋友验证请求，现在我们可以开始聊天了"
OWNER = {"wxid": "wxid_seller_lb", "alias": "xiaomei_skin", "nick": "小美护肤🌷"}
GROUP = {"wxid": "38811223344@chatroom", "nick": "小美护肤福利群"}
OFFICIAL = {"wxid": "gh_7a8b9c0d1e2f", "alias": "ZTO-Express", "nick": "中通快递"}
EXPORTERS = ["chatlog", "pywxdump", "memotrace", "memotrace3", "weflow", "wechatdump", "wechatexporter"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["小美", "丽丽", "阿杰", "芳芳", "婷婷", "娜娜", "静静", "晨晨", "小鹿", "佳佳", "欢欢", "小雪"]
DECOR = ["", "", "", "🌸", "", "ღ", "", "🍊", ""]


def fmt_local(t, micro=False):
    d = datetime.fromtimestamp(t, TZ)
    return d.strftime("%Y-%m-%d %H:%M:%S") + (".%06d" % ((t * 7919) % 1000 * 1000 or 1000) if micro else "")


def iso(t):
    return datetime.fromtimestamp(t, TZ).isoformat()


# ---------------------------------------------------------------------------------------------
# The labelled friends as abstract chats.

def load():
    friends = []
    with open("testdata/labelled/friends.jsonl", encoding="utf-8") as f:
        for n, line in enumerate(f):
            item = json.loads(line)
            num = int(item["id"][1:])
            nick = (DECOR[num % len(DECOR)] if DECOR[num % len(DECOR)] == "ღ" else "") + SURNAMES[num] + GIVEN[num % len(GIVEN)] \
                + (DECOR[num % len(DECOR)] if DECOR[num % len(DECOR)] not in ("", "ღ") else "")
            wxid = f"wxid_lb{num:02d}x" if num % 9 else f"lbfriend{num:02d}"  # some pre-2015 free-form ids
            alias = f"lb_alias{num:02d}" if num % 3 == 0 else ""
            prior = item.get("prior") or {}
            remark = ["", f"{nick}(健身房)", f"{SURNAMES[num]}姐 杭州", ""][num % 4]
            tags = []
            if prior.get("level"):
                remark = f"{prior['level']}K{SURNAMES[num]}{GIVEN[num % len(GIVEN)]}"
            if prior.get("isChannel"):
                remark = f"C{SURNAMES[num]}{GIVEN[num % len(GIVEN)]}"
                tags = ["传播渠道"]
            friend = {"id": item["id"], "num": num, "note": item["note"], "expect": item["expect"], "prior": prior,
                      "wxid": wxid, "alias": alias, "nick": nick, "remark": remark, "tags": tags, "msgs": []}
            t = BASE + num * 97  # distinct times across friends, same gaps as the labelled rows
            pending = None  # the last initiation, whose time a PyWxDump receipt repeats
            for k, row in enumerate(item["msgs"]):
                t += row[0] * 60
                side, text = row[1], row[2]
                kind = row[3] if len(row) > 3 else ("system" if side == "s" else "text")
                msg = {"t": t, "side": side, "kind": kind, "text": text, "svr": 1866000000000000000 + num * 100000 + k}
                if kind == "system":
                    # Notices name the friend by nickname (FORMATS.md §5.2, §5.6).
                    msg["text"] = re.sub(r"你领取了.+?的<", "你领取了" + nick + "的<", text)
                    msg["text"] = re.sub(r"你已添加了.+?，", "你已添加了" + nick + "，", msg["text"])
                    msg["text"] = re.sub(r'^"[^"]+" 拍了拍我', '"' + nick + '" 拍了拍我', msg["text"])
                if kind == "transfer" or text.startswith(("转账：", "已收款：")):
                    msg["kind"] = "transfer"
                    if len(row) > 4:
                        s = row[4]
                        payer = "friend" if s["payer"] == "wxid_L" else "me"
                        tr = {"sub": s["sub"], "fen": s["fen"], "payer": payer, "memo": ""}
                    else:
                        receipt = any(w in text for w in ("接收", "已收款", "转账收款")) or (not text and side == "m")
                        amount = re.search(r"(\d+)\.(\d\d)", text)
                        fen = int(amount.group(1)) * 100 + int(amount.group(2)) if amount else 19800
                        writer = "friend" if side == "f" else "me"
                        payer = writer if not receipt else ("me" if writer == "friend" else "friend")
                        memo = "拿货" if "拿货" in text else "套装"
                        tr = {"sub": 3 if receipt else 1, "fen": fen, "payer": payer, "memo": memo}
                    if tr["sub"] in (1, 7):
                        pending = t
                    tr["begin"] = pending or t
                    msg["tr"] = tr
                friend["msgs"].append(msg)
            friends.append(friend)
    return friends


def sanitize_mt(name):  # MemoTrace folder/name sanitising (FORMATS.md §6)
    return re.sub(r'[\\/:*?"<>|.\s]', "_", name)


def stem_wd(name):  # wechat-dump safe_filename (§12)
    return "".join(c for c in name if c.isalpha() or c.isdigit() or c == " ").rstrip()


def display(f):
    return f["remark"] or f["nick"]


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def receiver_of(tr):
    return "me" if tr["payer"] == "friend" else "friend"


def strip_tags(text):
    return re.sub(r"<[^>]*>", "", text)


def first_element_parses(text):
    # chatlog feeds system text to Go's xml.Unmarshal: a well-formed first element empties it (§9).
    m = re.match(r"\s*<([A-Za-z_][\w]*)([^<>]*?)(/?)>", text)
    if not m:
        return False
    attrs = m.group(2)
    if "&" in attrs and not re.search(r"&(amp|lt|gt|quot|apos);", attrs):
        return False
    return True


EMOJI_XML = ('<msg><emoji fromusername = "{f}" tousername = "{o}" type="2" idbuffer="media:0_0" md5="{md5}" len = "40124" '
             'productid="" androidmd5="{md5}" androidlen="40124" cdnurl = "http://wxapp.tc.qq.com/262/20304/stodownload?m={md5}'
             '&amp;filekey=3034020101&amp;hy=SZ&amp;storeid=323032&amp;bizid=1023" designerid = "" thumburl = "" width= "240" '
             'height= "240" desc= "" ></emoji> </msg>')
VOICE_XML = ('<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" voicelength="3000" length="6000" '
             'bufid="0" aeskey="" voiceurl="3052020100044b3049020100" voicemd5="" clientmsgid="41{svr}" fromusername="{f}" /></msg>')
REDPACKET_XML = ("<msg>\n<appmsg appid=\"\" sdkver=\"\">\n<des><![CDATA[我给你发了一个红包，赶紧去拆!]]></des>\n"
                 "<type><![CDATA[2001]]></type>\n<title><![CDATA[微信红包]]></title>\n<wcpayinfo>\n"
                 "<receivertitle><![CDATA[恭喜发财，大吉大利]]></receivertitle>\n<sendertitle><![CDATA[恭喜发财，大吉大利]]></sendertitle>\n"
                 "<sceneid><![CDATA[1002]]></sceneid>\n<innertype><![CDATA[0]]></innertype>\n</wcpayinfo>\n</appmsg>\n"
                 "<fromusername><![CDATA[{f}]]></fromusername>\n</msg>")


def md5ish(m):
    return "%032x" % (m["svr"] * 2654435761 % (1 << 128))


def wxid_of(f, who):
    return f["wxid"] if who == "friend" else OWNER["wxid"]


# ---------------------------------------------------------------------------------------------
# Which formats can carry which friend.

def traits(f):
    sides = {m["side"] for m in f["msgs"]}
    own = [m for m in f["msgs"] if m["side"] == "f"]
    notice_only = any("领取了" in m["text"] for m in f["msgs"]) and not any(m["kind"] == "redPacket" for m in f["msgs"])
    refund = any(m.get("tr", {}).get("payer") == "me" and m["tr"]["sub"] == 1 for m in f["msgs"])
    return {"has_f": bool(own), "has_s": "s" in sides, "empty": not f["msgs"], "notice_only": notice_only,
            "refund": refund, "prior": bool(f["prior"])}


def allowed(ex, f):
    tr = traits(f)
    if ex == "weflow":
        return True
    if tr["prior"] and ex not in ("pywxdump", "memotrace3"):
        return False
    if f["prior"].get("isChannel"):
        return False
    if ex == "wechatdump":  # no contact list, no system lines: the friend's own rows are all there is
        return tr["has_f"] and not tr["prior"] and not tr["notice_only"]
    if ex == "memotrace":  # the chat is known only from Sender on the friend's or system rows
        return (tr["has_f"] or tr["has_s"]) and not tr["refund"] and not tr["prior"]
    if ex == "chatlog":
        return not tr["notice_only"] and not tr["prior"]
    if ex == "pywxdump":  # users.json lists the senders only: the old remark needs the friend's rows
        return not tr["empty"] and (not tr["prior"] or tr["has_f"])
    if ex == "wechatexporter":
        return not tr["prior"]
    return True


PINNED = {"L01": ["chatlog"], "L02": ["pywxdump"], "L03": ["weflow"], "L04": ["wechatdump"], "L05": ["memotrace3"],
          "L06": ["wechatexporter"], "L07": ["memotrace"], "L10": ["memotrace3", "weflow"],
          "L15": ["weflow", "pywxdump"], "L80": ["weflow", "memotrace3"], "L71": ["weflow"], "L79": ["weflow"],
          "L73": ["memotrace3", "wechatexporter"], "L74": ["chatlog"], "L77": ["pywxdump"], "L76": ["memotrace"],
          "L78": ["chatlog"], "L75": ["wechatdump", "weflow"], "L28": ["memotrace3", "pywxdump"], "L50": ["pywxdump"]}


def assign(friends):
    out = {ex: [] for ex in EXPORTERS}
    for i, f in enumerate(friends):
        chosen = list(PINNED.get(f["id"], []))
        if not chosen:
            for j in range(len(EXPORTERS)):
                ex = EXPORTERS[(i + j) % len(EXPORTERS)]
                if allowed(ex, f):
                    chosen.append(ex)
                    break
            if i % 5 == 2:  # a subset in a second format, for cross-format agreement
                for j in range(1, len(EXPORTERS)):
                    ex = EXPORTERS[(i + 3 + j) % len(EXPORTERS)]
                    if ex not in chosen and allowed(ex, f):
                        chosen.append(ex)
                        break
        for ex in chosen:
            assert allowed(ex, f), (f["id"], ex)
            out[ex].append(f)
    return out


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def csv_text(rows, header=None, crlf=True, bom=False, quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=quoting)
    if header:
        w.writerow(header)
    for r in rows:
        w.writerow(r)
    return ("\ufeff" if bom else "") + buf.getvalue()


# ---------------------------------------------------------------------------------------------
# chatlog: chatlog/<talker>.json (Go json.Marshal) + contact.json.

def go_json(obj):
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_chatlog(friends):
    base = f"{ROOT}/chatlog"
    items = [{"userName": GROUP["wxid"], "alias": "", "remark": "", "nickName": GROUP["nick"], "isFriend": True},
             {"userName": OFFICIAL["wxid"], "alias": OFFICIAL["alias"], "remark": "", "nickName": OFFICIAL["nick"], "isFriend": True},
             {"userName": OWNER["wxid"], "alias": OWNER["alias"], "remark": "", "nickName": OWNER["nick"], "isFriend": True},
             {"userName": "wxid_lbmember99", "alias": "", "remark": "", "nickName": "群友阿花", "isFriend": False}]
    for f in friends:
        items.append({"userName": f["wxid"], "alias": f["alias"], "remark": f["remark"], "nickName": f["nick"], "isFriend": True})
    items.sort(key=lambda x: x["userName"].encode())
    write(f"{base}/contact.json", go_json({"items": items}))
    # chatroom.csv (fmt.Sprintf, no quoting, LF): the seller owns her group, the only place a
    # chatlog export names the owner (contact.json lists her unmarked, chats leave her sender empty).
    write(f"{base}/chatroom.csv", f"Name,Remark,NickName,Owner,UserCount\n{GROUP['wxid']},,{GROUP['nick']},{OWNER['wxid']},4\n")
    for f in friends:
        out = []
        for m in f["msgs"]:
            o = {"seq": m["t"] * 1000, "time": iso(m["t"]), "talker": f["wxid"], "talkerName": "", "isChatRoom": False}
            if m["side"] == "s":
                o.update(sender="系统消息", senderName="", isSelf=False, type=10000, subType=0,
                         content="" if first_element_parses(m["text"]) else m["text"])
            else:
                me = m["side"] == "m"
                o.update(sender="" if me else f["wxid"], senderName="" if me else display(f), isSelf=me)
                who = "me" if me else "friend"
                if m["kind"] == "transfer":
                    tr = m["tr"]
                    word = {1: "发送", 7: "发送", 3: "接收", 5: "接收", 4: "退还"}[tr["sub"]]
                    memo = f"({tr['memo']})" if tr["memo"] else ""
                    o.update(type=49, subType=2000, content=f"[转账|{word} ￥{yuan(tr['fen'])}]{memo}")
                elif m["kind"] == "redPacket":
                    o.update(type=49, subType=2001, content=REDPACKET_XML.replace("{f}", wxid_of(f, who)))
                elif m["kind"] == "emoji":
                    url = f"http://wxapp.tc.qq.com/262/20304/stodownload?m={md5ish(m)}&filekey=3034020101&hy=SZ&storeid=323032&bizid=1023"
                    o.update(type=47, subType=0, content=EMOJI_XML.format(f=wxid_of(f, who), o=OWNER["wxid"], md5=md5ish(m)),
                             contents={"cdnurl": url})
                elif m["kind"] == "voice":
                    o.update(type=34, subType=0, content=VOICE_XML.format(svr=m["svr"], f=wxid_of(f, who)),
                             contents={"voice": str(m["svr"])})
                else:
                    o.update(type=1, subType=0, content=m["text"])
            out.append(o)
        write(f"{base}/chatlog/{f['wxid']}.json", go_json(out))
    # A group chat in which two labelled friends talk: group words never count for them.
    if len(friends) >= 2:
        a, b = friends[0], friends[1]
        rows = []
        for k, (who, text) in enumerate([(a, "群里有人买过面膜吗"), (None, "欢迎新朋友"), (b, "我想要一盒，怎么买"), ("member", "已付款")]):
            t = BASE + 40 * 86400 + k * 60
            o = {"seq": t * 1000, "time": iso(t), "talker": GROUP["wxid"], "talkerName": GROUP["nick"], "isChatRoom": True}
            if who is None:
                o.update(sender="", senderName="", isSelf=True)
            elif who == "member":
                o.update(sender="wxid_lbmember99", senderName="群友阿花", isSelf=False)
            else:
                o.update(sender=who["wxid"], senderName=display(who), isSelf=False)
            o.update(type=1, subType=0, content=text)
            rows.append(o)
        write(f"{base}/chatlog/{GROUP['wxid']}.json", go_json(rows))
    return {f["id"]: f["wxid"] for f in friends}, [GROUP["wxid"], OFFICIAL["wxid"], OWNER["wxid"], "wxid_lbmember99"]


# ---------------------------------------------------------------------------------------------
# PyWxDump 3.1: export/<me>/csv/<wxid>/<wxid>_0_<N+1>.csv + users.json.

def extra_buf():
    keys = {"性别[1男2女]": 2, "个性签名": "", "国": "CN", "省": "", "市": "", "公司名称": "", "手机号": "", "企微属性": "",
            "朋友圈背景": "", "备注图片": "", "备注图片2": ""}
    for i in range(26):
        keys[str(i)] = ""
    return keys


def py_user(wxid, nick, remark, alias, labels):
    return {"wxid": wxid, "nickname": nick, "remark": remark, "account": alias, "describe": "",
            "headImgUrl": f"https://wx.qlogo.cn/mmhead/ver_1/{abs(hash_str(wxid)):032x}/0", "ExtraBuf": extra_buf(),
            "LabelIDList": labels, "extra": None}


def hash_str(s):
    h = 0
    for c in s.encode():
        h = (h * 131 + c) % (1 << 128)
    return h


def render_pywxdump(friends):
    base = f"{ROOT}/pywxdump/export/{OWNER['wxid']}/csv"
    header = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"]
    for f in friends:
        rows, users = [], {}
        for k, m in enumerate(f["msgs"], 1):
            me = m["side"] == "m"
            talker = OWNER["wxid"] if me else f["wxid"]
            if me:
                users[OWNER["wxid"]] = py_user(OWNER["wxid"], OWNER["nick"], "", OWNER["alias"], [])
            else:
                users[f["wxid"]] = py_user(f["wxid"], f["nick"], f["remark"], f["alias"], f["tags"])
            src = ""
            if m["side"] == "s":
                tn, msg = "系统通知", m["text"]
            elif m["kind"] == "transfer":
                tr = m["tr"]
                head = "已收款" if tr["sub"] == 3 else "转账"
                tn, msg = "转账", f"{head}：￥{yuan(tr['fen'])}\n转账说明：{tr['memo']}\n转账时间：{fmt_local(tr['begin'])}\n"
            elif m["kind"] == "redPacket":
                tn, msg = "未知", "未知"
            elif m["kind"] == "emoji":
                tn, msg = "动画表情", "表情"
                src = f"http://wxapp.tc.qq.com/262/20304/stodownload?m={md5ish(m)}&filekey=3034020101&hy=SZ&storeid=323032&bizid=1023"
            elif m["kind"] == "voice":
                tn, msg = "语音", "语音时长：3.00秒"
                d = datetime.fromtimestamp(m["t"], TZ).strftime("%Y-%m-%d_%H-%M-%S")
                src = f"{f['wxid']}/{d}_{1 if me else 0}_{m['svr']}.wav"
            else:
                tn, msg = "文本", m["text"]
            rows.append([k, str(m["svr"]), tn, 1 if me else 0, talker, f["wxid"], msg, src, fmt_local(m["t"])])
        n = len(rows)
        folder = f"{base}/{f['wxid']}"
        write(f"{folder}/{f['wxid']}_0_{n + 1}.csv", csv_text(rows, header))
        write(f"{folder}/users.json", json.dumps(users, ensure_ascii=False, indent=4))
    # A group with a labelled friend and a group-only member.
    if friends:
        a = friends[0]
        rows, users = [], {}
        for k, (who, text) in enumerate([(a, "有没有人拼单面膜"), ("member", "我要两盒，已付款"), ("me", "好的")], 1):
            t = BASE + 50 * 86400 + k * 60
            if who == "me":
                talker, snd = OWNER["wxid"], 1
                users[talker] = py_user(OWNER["wxid"], OWNER["nick"], "", OWNER["alias"], [])
            elif who == "member":
                talker, snd = "wxid_lbmember99", 0
                users[talker] = py_user(talker, "群友阿花", "", "", [])
                users[talker]["ExtraBuf"] = None
            else:
                talker, snd = a["wxid"], 0
                users[talker] = py_user(a["wxid"], a["nick"], a["remark"], a["alias"], a["tags"])
            rows.append([k, str(1866999000000000000 + k), "文本", snd, talker, GROUP["wxid"], text, "", fmt_local(t)])
        folder = f"{base}/{GROUP['wxid']}"
        write(f"{folder}/{GROUP['wxid']}_0_{len(rows) + 1}.csv", csv_text(rows, header))
        write(f"{folder}/users.json", json.dumps(users, ensure_ascii=False, indent=4))
    return {f["id"]: f["wxid"] for f in friends}, [GROUP["wxid"], OWNER["wxid"], "wxid_lbmember99"]


# ---------------------------------------------------------------------------------------------
# MemoTrace v2.0.5: contacts.csv + data/聊天记录/<R>/<R>_utf8.csv.

def render_memotrace(friends):
    base = f"{ROOT}/memotrace"
    header = ["UserName", "Alias", "Type", "Remark", "NickName", "PYInitial", "RemarkPYInitial", "smallHeadImgUrl",
              "bigHeadImgUrl", "label", "gender", "telephone", "signature", "country/region", "province", "city"]

    def row(wxid, alias, typ, remark, nick, tags):
        img = f"https://wx.qlogo.cn/mmhead/ver_1/{hash_str(wxid):032x}"
        label = tags[0] if len(tags) == 1 else "None"
        return [wxid, alias, typ, remark, nick, "", "", img + "/132", img + "/0", label, "女", "", "", "CN", "浙江", "杭州"]

    contacts = [row(f["wxid"], f["alias"], 3, f["remark"], f["nick"], f["tags"]) for f in reversed(friends)]
    contacts.append(row(GROUP["wxid"], "", 2, "", GROUP["nick"], []))
    contacts.append(row(OWNER["wxid"], OWNER["alias"], 3, "", OWNER["nick"], []))
    write(f"{base}/contacts.csv", csv_text(contacts, header, bom=True))
    chat_header = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
                   "Remark", "NickName", "Sender"]
    local = 1
    for f in friends:
        r = sanitize_mt(display(f))
        rows = []
        for m in f["msgs"]:
            me = m["side"] == "m"
            names = [OWNER["nick"], OWNER["nick"], OWNER["wxid"]] if me else [r, f["nick"], f["wxid"]]
            who = "me" if me else "friend"
            if m["side"] == "s":
                typ, sub, content = 10000, 0, m["text"]
            elif m["kind"] == "transfer":
                typ, sub, content = 49, 2000, ""
            elif m["kind"] == "redPacket":
                typ, sub, content = 49, 2001, ""
            elif m["kind"] == "emoji":
                typ, sub, content = 47, 0, EMOJI_XML.format(f=wxid_of(f, who), o=OWNER["wxid"], md5=md5ish(m))
            elif m["kind"] == "voice":
                typ, sub, content = 34, 0, VOICE_XML.format(svr=m["svr"], f=wxid_of(f, who))
            else:
                typ, sub, content = 1, 0, m["text"]
            rows.append([local, 1, typ, sub, 1 if me else 0, m["t"], 2 if me else 3, content, fmt_local(m["t"])] + names)
            local += 1
        write(f"{base}/data/聊天记录/{r}/{r}_utf8.csv", csv_text(rows, chat_header, bom=True))
    return {f["id"]: f["wxid"] for f in friends}, [GROUP["wxid"], OWNER["wxid"]]


# ---------------------------------------------------------------------------------------------
# MemoTrace v3: contacts.csv + 聊天记录/<R>(<wxid>)/<R>.html.json.

def render_memotrace3(friends):
    base = f"{ROOT}/memotrace3"
    header = ["UserName", "Alias", "Type", "Remark", "NickName", "smallHeadImgUrl", "bigHeadImgUrl", "label", "gender",
              "signature", "country/region", "province", "city"]

    def row(wxid, alias, remark, nick, labels):
        img = f"https://wx.qlogo.cn/mmhead/ver_1/{hash_str(wxid):032x}"
        return [wxid, alias, remark, sanitize_mt(remark or nick), nick, img + "/132", img + "/0", labels, "女", "", "", "", ""]

    contacts = [row(f["wxid"], f["alias"], f["remark"], f["nick"], "1" if f["num"] % 2 else "") for f in friends]
    contacts += [row(GROUP["wxid"], "", "", GROUP["nick"], ""), row(OFFICIAL["wxid"], OFFICIAL["alias"], "", OFFICIAL["nick"], ""),
                 row(OWNER["wxid"], OWNER["alias"], "", OWNER["nick"], "")]
    contacts.sort(key=lambda c: c[3])
    write(f"{base}/contacts.csv", csv_text(contacts, header, bom=True))
    for f in friends:
        if not f["msgs"]:
            continue  # a friend without messages is only in contacts.csv
        r = sanitize_mt(display(f))
        out = []
        for m in f["msgs"]:
            me = m["side"] == "m"
            who = "me" if me else "friend"
            avatar = f"https://wx.qlogo.cn/mmhead/ver_1/{hash_str(wxid_of(f, who)):032x}/132"
            o = {"type": "1", "is_send": 1 if me else 0, "timestamp": m["t"], "server_id": str(m["svr"]),
                 "display_name": OWNER["nick"] if me else r, "avatar_src": avatar, "xml_dict": {}}
            if m["side"] == "s":
                o.update(type="10000", display_name="", avatar_src="", text=m["text"])
            elif m["kind"] == "transfer":
                tr = m["tr"]
                o["type"] = "8589934592049"
                des = "已收款%s元" % yuan(tr["fen"]) if tr["sub"] == 3 else "收到转账%s元。如需收钱，请点此升级至最新版本" % yuan(tr["fen"])
                o["xml_dict"] = {"msg": {"appmsg": {"@appid": "", "@sdkver": "", "title": "微信转账", "des": des, "action": None,
                                                    "type": "2000", "content": None, "url": None, "lowurl": None, "extinfo": None,
                                                    "wcpayinfo": {"paysubtype": str(tr["sub"]), "feedesc": "￥" + yuan(tr["fen"]),
                                                                  "transcationid": str(m["svr"]), "transferid": str(tr["begin"]),
                                                                  "invalidtime": str(tr["begin"] + 86400),
                                                                  "begintransfertime": str(tr["begin"]), "effectivedate": "1",
                                                                  "pay_memo": tr["memo"],
                                                                  "receiver_username": wxid_of(f, receiver_of(tr)),
                                                                  "payer_username": wxid_of(f, tr["payer"])}}}}
                o.update(text={1: "发起转账", 3: "已收款", 4: "已退还", 5: "非实时转账收款", 7: "发起非实时转账"}[tr["sub"]],
                         pay_subtype=tr["sub"], pay_memo=tr["memo"], fee_desc="￥" + yuan(tr["fen"]))
            elif m["kind"] == "redPacket":
                o["type"] = "-1"
                o["xml_dict"] = {"msg": {"appmsg": {"@appid": "", "@sdkver": "", "des": "我给你发了一个红包，赶紧去拆!", "type": "2001",
                                                    "title": "微信红包", "wcpayinfo": {"receivertitle": "恭喜发财，大吉大利",
                                                                                   "sendertitle": "恭喜发财，大吉大利", "sceneid": "1002",
                                                                                   "innertype": "0"}},
                                         "fromusername": wxid_of(f, who)}}
            elif m["kind"] == "emoji":
                url = f"http://wxapp.tc.qq.com/262/20304/stodownload?m={md5ish(m)}&amp;filekey=3034020101&amp;hy=SZ"
                o["type"] = "47"
                o["xml_dict"] = {"msg": {"emoji": {"@fromusername": wxid_of(f, who), "@md5": md5ish(m), "@cdnurl": url.replace("&amp;", "&")}}}
                o.update(path=url, file_name="", file_size=0, file_type="png", thumb_path="", desc="")
            elif m["kind"] == "voice":
                d = datetime.fromtimestamp(m["t"], TZ)
                name = d.strftime("%Y%m%d_%H%M%S") + "_" + str(m["svr"])[:6] + "_" + str(o["is_send"])
                o["type"] = "34"
                o["xml_dict"] = {"msg": {"voicemsg": {"@voicelength": "3000", "@fromusername": wxid_of(f, who)}}}
                o.update(path=f"./voice/{d.strftime('%Y-%m')}/{name}.mp3", file_name=name, file_size=0, file_type="mp3",
                         voice_to_text="", duration="3000")
            else:
                o["text"] = m["text"]
            out.append(o)
        write(f"{base}/聊天记录/{r}({f['wxid']})/{r}.html.json", json.dumps(out, ensure_ascii=False, indent=4))
    return {f["id"]: f["wxid"] for f in friends}, [GROUP["wxid"], OFFICIAL["wxid"], OWNER["wxid"]]


# ---------------------------------------------------------------------------------------------
# WeFlow: contacts_<time>.json + chats/<display name>.json.

def render_weflow(friends):
    base = f"{ROOT}/weflow"
    contacts = []
    for f in friends:
        contacts.append({"username": f["wxid"], "displayName": display(f), "remark": f["remark"], "nickname": f["nick"],
                         "alias": f["alias"], "labels": f["tags"], "description": "", "signature": "", "detailDescription": "",
                         "region": "浙江 杭州", "type": "friend"})
    contacts.append({"username": GROUP["wxid"], "displayName": GROUP["nick"], "remark": "", "nickname": GROUP["nick"], "alias": "",
                     "labels": [], "description": "", "signature": "", "detailDescription": "", "region": "", "type": "group"})
    contacts.append({"username": OFFICIAL["wxid"], "displayName": OFFICIAL["nick"], "remark": "", "nickname": OFFICIAL["nick"],
                     "alias": OFFICIAL["alias"], "labels": [], "description": "", "signature": "", "detailDescription": "",
                     "region": "", "type": "official"})
    write(f"{base}/contacts_2025-01-10T08-00-00.json",
          json.dumps({"exportedAt": "2025-01-10T08:00:00.000Z", "count": len(contacts), "contacts": contacts}, ensure_ascii=False, indent=2))
    for f in friends:
        if not f["msgs"]:
            continue
        msgs = []
        for k, m in enumerate(f["msgs"], 1):
            me = m["side"] == "m"
            who = "me" if me else "friend"
            o = {"localId": k, "createTime": m["t"], "formattedTime": fmt_local(m["t"])}
            if m["side"] == "s":
                typ, lt, content = "系统消息", 10000, strip_tags(m["text"]).strip()
            elif m["kind"] == "transfer":
                tr = m["tr"]
                name = lambda w: "我" if w == "me" else display(f)
                head = "[转账收款]" if tr["sub"] == 3 else "[转账]"
                typ, lt = "转账消息", 49
                content = f"{head} ({name(tr['payer'])} 转账给 {name(receiver_of(tr))}) ￥{yuan(tr['fen'])}"
            elif m["kind"] == "redPacket":
                typ, lt, content = "其他消息", 49, "[红包]"
            elif m["kind"] == "emoji":
                typ, lt, content = "动画表情", 47, "[动画表情]"
            elif m["kind"] == "voice":
                typ, lt, content = "语音消息", 34, "[语音]"
            else:
                typ, lt, content = "文本消息", 1, m["text"]
            # System rows are attributed to the friend (FORMATS.md §11).
            o.update(type=typ, localType=lt, content=content, isSend=1 if me else 0,
                     senderUsername=wxid_of(f, who), senderDisplayName=OWNER["nick"] if me else display(f), source="",
                     senderAvatarKey=wxid_of(f, who))
            msgs.append(o)
        doc = {"weflow": {"version": "1.0.0", "format": "json"},
               "session": {"accountId": f["wxid"], "nickname": f["nick"], "remark": f["remark"], "displayName": display(f),
                           "type": "私聊", "lastTimestamp": f["msgs"][-1]["t"], "messageCount": len(msgs)},
               "messages": msgs}
        write(f"{base}/chats/{display(f)}.json", json.dumps(doc, ensure_ascii=False, indent=2))
    return {f["id"]: f["wxid"] for f in friends}, [GROUP["wxid"], OFFICIAL["wxid"], OWNER["wxid"]]


# ---------------------------------------------------------------------------------------------
# wechat-dump: <stem>.txt per chat, system lines dropped.

def render_wechatdump(friends):
    base = f"{ROOT}/wechatdump"
    ids = {}
    for f in friends:
        name = display(f)
        lines = []
        for m in f["msgs"]:
            if m["side"] == "s":
                continue
            me = m["side"] == "m"
            who = "me" if me else name
            if m["kind"] == "transfer":
                tr = m["tr"]
                des = "已收款%s元" % yuan(tr["fen"]) if tr["sub"] == 3 else "收到转账%s元。如需收钱，请点此升级至最新版本" % yuan(tr["fen"])
                typ, text = 419430449, "[Money Transfer]\n" + des
            elif m["kind"] == "redPacket":
                typ, text = 436207665, "[RED ENVELOPE]\n恭喜发财，大吉大利"
            elif m["kind"] == "emoji":
                typ, text = 47, "Emoji|img:" + md5ish(m)
            elif m["kind"] == "voice":
                typ, text = 34, "Voice|img:" + md5ish(m)[:24]
            else:
                typ, text = 1, m["text"]
            lines.append(f"{typ}|{who}:{fmt_local(m['t'], micro=True)}:{text}\n")
        stem = stem_wd(name)
        assert stem not in ids.values(), stem
        write(f"{base}/{stem}.txt", "".join(lines))
        ids[f["id"]] = stem
    # A group file: two members, one of them a labelled friend under the same raw name.
    if friends:
        a = friends[0]
        t = BASE + 60 * 86400
        write(f"{base}/{stem_wd(GROUP['nick'])}.txt",
              f"1|{display(a)}:{fmt_local(t, True)}:群里谁买过面膜\n1|wxid_lbmember99:{fmt_local(t + 60, True)}:我买了，钱转你了\n"
              f"1|me:{fmt_local(t + 120, True)}:谢谢大家\n")
    return ids, [stem_wd(GROUP["nick"]), "wxid_lbmember99"]


# ---------------------------------------------------------------------------------------------
# WechatExporter text export: <Owner>_Contacts.csv + <Owner>/<Chat>/index.txt.

def chat_folder(name):
    return re.sub(r'[\\/:*?"<>|]', "", name)


def render_wechatexporter(friends):
    base = f"{ROOT}/wechatexporter"
    owner = OWNER["nick"]
    rows = []
    for f in friends:
        img = f"https://wx.qlogo.cn/mmhead/ver_1/{hash_str(f['wxid']):032x}/0"
        rows.append([f["alias"] or f["wxid"], display(f), img, "".join(" " for _ in f["tags"]) + " ".join(f["tags"])])
    rows.append([OWNER["alias"], owner, f"https://wx.qlogo.cn/mmhead/ver_1/{hash_str(OWNER['wxid']):032x}/0", ""])
    rows.sort(key=lambda r: r[1])
    write(f"{base}/{owner}_Contacts.csv", csv_text(rows, quoting=csv.QUOTE_ALL))
    for f in friends:
        if not f["msgs"]:
            continue
        chat = chat_folder(display(f))
        out = [f"{chat} - 微信聊天记录\n\n"]
        for m in f["msgs"]:
            if m["side"] == "s":
                text = strip_tags(m["text"])
                out.append(text + "\n")
                continue
            name = owner if m["side"] == "m" else display(f)
            head = f"{name} ({fmt_local(m['t'])}):"
            if m["kind"] == "transfer":
                tr = m["tr"]
                word = {1: "转账", 3: "已收款", 4: "已退还", 5: "已接收", 7: "转账"}[tr["sub"]]
                out.append(f"{head}微信转账 ￥{yuan(tr['fen'])} - {word}\r\n{tr['memo']}")  # no newline after (§10)
            elif m["kind"] == "redPacket":
                out.append(head + "[红包]\n")
            elif m["kind"] == "emoji":
                out.append(head + "[表情]\n")
            elif m["kind"] == "voice":
                out.append(head + '[语音 3"]\n')
            else:
                out.append(head + m["text"] + "\n")
        out.append("\n")
        write(f"{base}/{owner}/{chat}/index.txt", "".join(out))
    return {f["id"]: f["alias"] or f["wxid"] for f in friends}, [OWNER["alias"], GROUP["wxid"], OFFICIAL["alias"]]


RENDER = {"chatlog": render_chatlog, "pywxdump": render_pywxdump, "memotrace": render_memotrace,
          "memotrace3": render_memotrace3, "weflow": render_weflow, "wechatdump": render_wechatdump,
          "wechatexporter": render_wechatexporter}


def main():
    friends = load()
    shutil.rmtree(ROOT, ignore_errors=True)
    plan = assign(friends)
    expected = [["exporter", "contact_id", "friend", "expected_level", "role", "channel", "interactions", "paid", "products", "note"]]
    excluded = [["exporter", "contact_id"]]
    for ex in EXPORTERS:
        ids, excl = RENDER[ex](plan[ex])
        for f in plan[ex]:
            e = f["expect"]
            # Products discussed: levels 1-3 by DESIGN.md's definitions, except where the level comes only
            # from an old remark (the export shows life chat).
            products = e["level"] in (1, 2, 3) and not f["prior"].get("level")
            expected.append([ex, ids[f["id"]], f["id"], e["level"], e["role"], "yes" if e["channel"] else "no",
                             e["interactions"], "yes" if e["paid"] else "no", "yes" if products else "no", f["note"]])
        for x in excl:
            excluded.append([ex, x])
    write(f"{ROOT}/EXPECTED.csv", csv_text(expected))
    write(f"{ROOT}/EXCLUDED.csv", csv_text(excluded))
    counts = {ex: len(plan[ex]) for ex in EXPORTERS}
    print(len(friends), "friends,", len(expected) - 1, "renderings:", counts)


if __name__ == "__main__":
    main()
