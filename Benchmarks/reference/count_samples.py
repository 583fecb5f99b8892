#!/usr/bin/env python3
"""Reference counts for the sample exports, implemented from FORMATS.md (not from the Swift code).

Reads every exporter folder under samples/, parses every chat file it knows (§6–§12), classifies
each message as from the friend / from the owner / system (§5.6, §14), and merges the files of
one folder into one set of messages per chat (§18): a message shown by several files counts once.

Merge rule: every parsed message gets the key (chat id, unix second, side). Within one file
equal keys are distinct messages (counted with multiplicity); across the files of a folder the
count for a key is the MAXIMUM over the files, i.e. the multiset union. All files of one folder
render the same clock time for the same message, so this needs no exporter-specific ids, and a
message that only some files show (transfers omitted by MemoTrace TXT, red packets omitted by
MemoTrace HTML) still counts once. Naive local times are read as Asia/Shanghai (§16); system
lines without a time (WechatExporter) inherit the previous message's time, else the next one's.

Usage:
  count_samples.py [SAMPLES_DIR] [--out DIR]   writes messages_by_side.csv, groups.csv,
                                               contacts.csv and prints the per-file table.
Python is used here only as an independent reference; the product never runs it.
"""

from __future__ import annotations

import collections
import csv
import glob
import io
import json
import os
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991.
AUTO_ACCEPT = "我通过了你的朋友验证请求，现在我们可以开始聊天了"
FRIEND, ME, SYSTEM, MEMBER = "from_friend", "from_me", "system", "from_member"

# Texts that only WeChat writes (Type 10000); used where a format has no type (TXT exports).
SYSTEM_TEXT = re.compile(
    r"(你已添加了.*现在可以开始聊天了|以上是打招呼的内容|撤回了一条消息|拍了拍|领取了.*红包|"
    r"对方开启了朋友验证|邀请.*加入了群聊|加入了群聊|修改群名为|收到红包，请在手机上查看)"
)


def local_ts(text: str) -> int:
    """Unix seconds for a naive local `Y-M-D H:M[:S][.ffffff]` or `Y/M/D H:M` time."""
    m = re.match(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", text)
    if not m:
        raise ValueError(f"not a time: {text!r}")
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    return int(datetime(y, mo, d, h, mi, s, tzinfo=TZ).timestamp())


def is_auto_accept(text: str) -> bool:
    return text.strip() == AUTO_ACCEPT


def read_text(path: str) -> str:
    """Decode with the sniffing rule of §17: BOM, else strict UTF-8, else GB18030."""
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_csv(path: str) -> list[dict]:
    text = read_text(path).replace("\r\r\n", "\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def sanitize_memotrace(name: str) -> str:
    """MemoTrace folder / name sanitising (§6): `\\/:*?"<>|`, whitespace and `.` become `_`."""
    return "".join("_" if (c in '\\/:*?"<>|.' or c.isspace()) else c for c in name)


def sanitize_wechatdump(name: str) -> str:
    """wechat-dump file stem (§12): keep alphanumerics and spaces, strip trailing spaces."""
    return "".join(c for c in name if c.isalpha() or c.isdigit() or c == " ").rstrip(" ")


class Collector:
    """Messages per (folder, chat), kept per file for the union and the per-file table."""

    def __init__(self) -> None:
        # exporter -> chat -> file -> Counter[(ts, side)]
        self.data: dict = collections.defaultdict(lambda: collections.defaultdict(dict))
        self.is_group: dict = {}

    def add_file(self, exporter: str, chat: str, path: str, msgs: list[tuple[int, str]], group: bool) -> None:
        counter = self.data[exporter][chat].setdefault(path, collections.Counter())
        for ts, side in msgs:
            if group and side == FRIEND:
                side = MEMBER
            counter[(ts, side)] += 1
        self.is_group[(exporter, chat)] = group

    def union(self, exporter: str, chat: str) -> collections.Counter:
        total: collections.Counter = collections.Counter()
        for counter in self.data[exporter].get(chat, {}).values():
            for key, n in counter.items():
                total[key] = max(total[key], n)
        return total

    @staticmethod
    def by_side(counter: collections.Counter) -> collections.Counter:
        sides: collections.Counter = collections.Counter()
        for (_, side), n in counter.items():
            sides[side] += n
        return sides


def inherit_times(items: list[tuple[int | None, str]]) -> list[tuple[int, str]]:
    """System lines without a time take the previous message's time, else the next one's."""
    out: list[tuple[int, str]] = []
    last = None
    pending = 0
    for ts, side in items:
        if ts is None:
            if last is None:
                pending += 1
                continue
            ts = last
        else:
            for _ in range(pending):
                out.append((ts, SYSTEM))
            pending = 0
            last = ts
        out.append((ts, side))
    # a chat made only of untimed notices: no time to inherit, key them at 0
    out.extend((0, SYSTEM) for _ in range(pending))
    return out


# ---------------------------------------------------------------- MemoTrace v2 (§6)

def memotrace(root: str, col: Collector) -> None:
    ex = "memotrace"
    contacts = read_csv(os.path.join(root, "contacts.csv"))
    folder_to_id = {}
    talker_by_names = {}
    for c in contacts:
        folder_to_id[sanitize_memotrace(c["Remark"] or c["NickName"])] = c["UserName"]
        talker_by_names[(c["Remark"], c["NickName"])] = c["UserName"]
    owner_name = None
    for path in sorted(glob.glob(os.path.join(root, "data/聊天记录/*/*_utf8.csv"))):
        folder = os.path.basename(os.path.dirname(path))
        chat = folder_to_id.get(folder, folder)
        rows = read_csv(path)
        msgs = []
        for r in rows:
            msgs.append((int(r["CreateTime"]), v2_side(r["Type"], r["IsSender"] == "1", r["StrContent"])))
            if r["IsSender"] == "1":
                owner_name = r["Remark"]
        col.add_file(ex, chat, path, msgs, chat.endswith("@chatroom"))
    # messages.csv: chat only through (Remark, NickName); Sender `我` = owner.
    path = os.path.join(root, "messages.csv")
    per_chat = collections.defaultdict(list)
    for r in read_csv(path):
        chat = talker_by_names.get((r["Remark"], r["NickName"]), f"?{r['Remark']}/{r['NickName']}")
        per_chat[chat].append((int(r["CreateTime"]), v2_side(r["Type"], r["Sender"] == "我", r["StrContent"])))
    for chat, msgs in per_chat.items():
        col.add_file(ex, chat, path, msgs, chat.endswith("@chatroom"))
    for path in sorted(glob.glob(os.path.join(root, "data/聊天记录/*/*.html"))):
        folder = os.path.basename(os.path.dirname(path))
        chat = folder_to_id.get(folder, folder)
        col.add_file(ex, chat, path, memotrace_html(path), chat.endswith("@chatroom"))
    for path in sorted(glob.glob(os.path.join(root, "data/聊天记录/*/*.txt"))):
        if path.endswith("_chat.txt"):
            continue
        folder = os.path.basename(os.path.dirname(path))
        chat = folder_to_id.get(folder, folder)
        col.add_file(ex, chat, path, memotrace_txt(path, owner_name), chat.endswith("@chatroom"))


def v2_side(msg_type: str, is_sender: bool, text: str) -> str:
    if msg_type in ("10000", "10002"):
        return SYSTEM
    if is_sender:
        return ME
    return SYSTEM if is_auto_accept(text) else FRIEND


def memotrace_html(path: str) -> list[tuple[int, str]]:
    """Tokenise the `const chatMessages = [ {k:v,…}, … ];` object literals (never evaluate)."""
    s = open(path, encoding="utf-8").read()
    start = s.index("const chatMessages = [") + len("const chatMessages = [")
    i, n = start, len(s)
    msgs = []
    obj: dict = {}
    depth = 0
    key = None
    while i < n:
        c = s[i]
        if depth == 0 and c == "]":
            break
        if c == "{":
            depth, obj, key = 1, {}, None
            i += 1
            continue
        if c == "}":
            depth = 0
            text = obj.get("text", "")
            if obj.get("type") == "0":
                side = SYSTEM
            elif obj.get("is_send") == "1":
                side = ME
            else:
                side = SYSTEM if is_auto_accept(text) else FRIEND
            msgs.append((int(obj["timestamp"]), side))
            i += 1
            continue
        if depth == 0 or c in " \t\r\n,":
            i += 1
            continue
        if c in "'\"":
            j = i + 1
            buf = []
            while s[j] != c:
                if s[j] == "\\":
                    j += 1
                    buf.append({"n": "\n", "t": "\t"}.get(s[j], s[j]))
                else:
                    buf.append(s[j])
                j += 1
            value = "".join(buf)
            i = j + 1
        else:
            m = re.compile(r"[^,:}\s]+").match(s, i)
            value = m.group(0)
            i = m.end()
        # skip spaces, then `:` means this token was a key
        while s[i] in " \t":
            i += 1
        if key is None and s[i] == ":":
            key = value.strip("'\"")
            i += 1
        else:
            if key is not None:
                obj[key] = value
            key = None
    return msgs


def memotrace_txt(path: str, owner_name: str | None) -> list[tuple[int, str]]:
    lines = open(path, encoding="utf-8").read().split("\n")
    head = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.*)$")
    msgs = []
    i = 0
    while i < len(lines):
        m = head.match(lines[i])
        if not m:
            i += 1
            continue
        ts, name = local_ts(m.group(1)), m.group(2)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt == "":
            msgs.append((ts, SYSTEM))  # system line: content on the header line, then a blank line
        elif name == owner_name:
            msgs.append((ts, ME))
        else:
            msgs.append((ts, SYSTEM if is_auto_accept(nxt) else FRIEND))
        i += 1
    return msgs


# ---------------------------------------------------------------- MemoTrace v3 (§7)

def memotrace3(root: str, col: Collector) -> None:
    ex = "memotrace3"
    owner_names = set()
    for path in glob.glob(os.path.join(root, "聊天记录/*/*.html.json")):
        for m in json.load(open(path, encoding="utf-8")):
            if str(m.get("is_send")) == "1" and m.get("display_name"):
                owner_names.add(m["display_name"])
    for d in sorted(glob.glob(os.path.join(root, "聊天记录/*/"))):
        folder = os.path.basename(d.rstrip("/"))
        m = re.search(r"\(([^()]*)\)$", folder)
        chat = m.group(1) if m else folder
        group = chat.endswith("@chatroom")
        for path in sorted(glob.glob(os.path.join(d, "*.html.json"))):
            msgs = []
            for o in json.load(open(path, encoding="utf-8")):
                t = int(o["type"]) & 0xFFFFFFFF if o["type"] != "-1" else -1
                if t in (10000, 10002):
                    side = SYSTEM
                elif str(o["is_send"]) == "1":
                    side = ME
                else:
                    side = SYSTEM if is_auto_accept(o.get("text", "")) else FRIEND
                msgs.append((int(o["timestamp"]), side))
            col.add_file(ex, chat, path, msgs, group)
        for path in sorted(glob.glob(os.path.join(d, "*.csv"))):
            if os.path.basename(path) == "contacts.csv":
                continue
            msgs = []
            for r in read_csv(path):
                if r["类型"] == "系统消息":
                    side = SYSTEM
                elif r["发送人"] in owner_names:
                    side = ME
                else:
                    side = SYSTEM if is_auto_accept(r["内容"]) else FRIEND
                msgs.append((local_ts(r["时间"]), side))
            col.add_file(ex, chat, path, msgs, group)
        for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
            text = open(path, encoding="utf-8").read()
            blocks = re.split(r"(?m)^(?=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: .*)?$)", text)
            msgs = []
            for b in blocks:
                m = re.match(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: ([^\n]*))?\n?(.*)", b, re.S)
                if not m:
                    continue
                ts, name, body = local_ts(m.group(1)), m.group(2), m.group(3)
                if not name:
                    side = SYSTEM  # system blocks: only the time on the header line
                elif name in owner_names:
                    side = ME
                else:
                    side = SYSTEM if is_auto_accept(body.strip()) else FRIEND
                msgs.append((ts, side))
            col.add_file(ex, chat, path, msgs, group)


# ---------------------------------------------------------------- PyWxDump (§8)

PYWX_SYSTEM = {"系统通知", "消息撤回", "拍一拍", "邀请加群"}


def pywx_side(r: dict) -> str:
    if r["type_name"] in PYWX_SYSTEM:
        return SYSTEM
    if str(r["is_sender"]) == "1":
        return ME
    return SYSTEM if is_auto_accept(r.get("msg", "")) else FRIEND


def pywxdump(root: str, col: Collector) -> None:
    ex = "pywxdump"
    for d in sorted(glob.glob(os.path.join(root, "export/*/csv/*/"))):
        chat = os.path.basename(d.rstrip("/"))
        msgs = []
        pages = sorted(glob.glob(os.path.join(d, "*.csv")), key=lambda p: int(re.findall(r"_(\d+)_\d+\.csv$", p)[0]))
        for path in pages:  # all pages of a chat folder are one chat (§18)
            for r in read_csv(path):
                if "content" in r and "msg" not in r:  # 2.4.8–3.0.x layout
                    r["msg"] = json.loads(r["content"]).get("msg", "")
                msgs.append((local_ts(r["CreateTime"]), pywx_side(r)))
        col.add_file(ex, chat, d + "*.csv", msgs, chat.endswith("@chatroom"))
    for path in sorted(glob.glob(os.path.join(root, "export/*/json/*/*.json"))):
        if os.path.basename(path) == "users.json":
            continue
        chat = os.path.basename(os.path.dirname(path))
        rows = json.load(open(path, encoding="utf-8"))
        col.add_file(ex, chat, path, [(local_ts(r["CreateTime"]), pywx_side(r)) for r in rows], chat.endswith("@chatroom"))
    for path in sorted(glob.glob(os.path.join(root, "export/*/html/*/data.js"))):
        chat = os.path.basename(os.path.dirname(path))
        s = open(path, encoding="utf-8").read()
        m = re.search(r"^const local_msg_list = (\[.*\]) ?$", s, re.M)
        rows = json.loads(m.group(1))
        col.add_file(ex, chat, path, [(local_ts(r["CreateTime"]), pywx_side(r)) for r in rows], chat.endswith("@chatroom"))


# ---------------------------------------------------------------- chatlog (§9)

def chatlog(root: str, col: Collector) -> None:
    ex = "chatlog"
    years = {}
    for path in sorted(glob.glob(os.path.join(root, "chatlog/*.json"))):
        rows = json.load(open(path, encoding="utf-8"))
        chat = os.path.basename(path)[: -len(".json")]
        msgs = []
        for r in rows:
            ts = int(datetime.fromisoformat(r["time"]).timestamp())
            years.setdefault(chat, datetime.fromtimestamp(ts, TZ).year)
            if r["type"] in (10000, 10002):
                side = SYSTEM
            elif r["isSelf"]:
                side = ME
            else:
                side = SYSTEM if is_auto_accept(r["content"]) else FRIEND
            msgs.append((ts, side))
        col.add_file(ex, chat, path, msgs, bool(rows and rows[0]["isChatRoom"]) or chat.endswith("@chatroom"))
    for path in sorted(glob.glob(os.path.join(root, "chatlog/*.csv"))):
        m = re.match(r"(.+)_(\d{4})-\d{2}-\d{2}_(\d{4})-\d{2}-\d{2}\.csv$", os.path.basename(path))
        chat = m.group(1)
        if m.group(2) == m.group(3):
            years.setdefault(chat, int(m.group(2)))
        msgs = []
        for r in read_csv(path):
            if r["Sender"] == "系统消息":
                side = SYSTEM
            elif r["Sender"] == "" and r["SenderName"] == "":
                side = ME
            else:
                side = SYSTEM if is_auto_accept(r["Content"]) else FRIEND
            msgs.append((local_ts(r["Time"]), side))
        col.add_file(ex, chat, path, msgs, chat.endswith("@chatroom"))
    head = re.compile(r"^(我|系统消息|.*\([^()]*\)) (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\d{2}-\d{2} \d{2}:\d{2}:\d{2})$")
    for path in sorted(glob.glob(os.path.join(root, "chatlog/*.txt"))):
        chat = os.path.basename(path)[: -len(".txt")]
        lines = open(path, encoding="utf-8").read().split("\n")
        msgs = []
        for i, line in enumerate(lines):
            m = head.match(line)
            if not m:
                continue
            t = m.group(2)
            if len(t) == 14:  # MM-DD HH:MM:SS: the year comes from the chat's JSON / CSV (§9)
                t = f"{years[chat]}-{t}"
            body = lines[i + 1] if i + 1 < len(lines) else ""
            who = m.group(1)
            side = ME if who == "我" else SYSTEM if who == "系统消息" else (SYSTEM if is_auto_accept(body) else FRIEND)
            msgs.append((local_ts(t), side))
        col.add_file(ex, chat, path, msgs, chat.endswith("@chatroom"))


# ---------------------------------------------------------------- WechatExporter (§10)

def wechatexporter(root: str, col: Collector) -> None:
    ex = "wechatexporter"
    for contacts_path in sorted(glob.glob(os.path.join(root, "*_Contacts.csv"))):
        owner = os.path.basename(contacts_path)[: -len("_Contacts.csv")]
        rows = list(csv.reader(io.StringIO(read_text(contacts_path), newline="")))
        name_to_id = {r[1]: r[0] for r in rows}
        owner_dir = os.path.join(root, owner)
        for d in sorted(glob.glob(os.path.join(owner_dir, "*/"))):
            folder = os.path.basename(d.rstrip("/"))
            chat = name_to_id.get(folder)
            page = os.path.join(d, "index.html")
            snippets_dom: list[str] = []
            if os.path.exists(page):
                s = open(page, encoding="utf-8").read()
                snippets_dom = split_msg_divs(s)
                if chat is None:
                    m = re.search(r'class="dspname left" wxId="([^"]+)"', s)
                    chat = m.group(1) if m else folder
            snippets_js: list[str] = []
            js_files = sorted(glob.glob(os.path.join(d, "Files/Data/msg-*.js")), key=lambda p: int(re.findall(r"msg-(\d+)\.js", p)[0]))
            for js in js_files:
                t = open(js, encoding="utf-8").read()
                m = re.search(r"var msgArray = (\[.*?\]);\s*\n", t, re.S)
                if m:
                    for snippet in json.loads(m.group(1)):
                        snippets_js.extend(split_msg_divs(snippet))
            chat = chat or folder
            group = chat.endswith("@chatroom")
            if snippets_dom:
                col.add_file(ex, chat, page, we_html_msgs(snippets_dom), group)
            if snippets_js:
                col.add_file(ex, chat, os.path.join(d, "Files/Data/msg-*.js"), we_html_msgs(snippets_js), group)
            txt = os.path.join(d, "index.txt")
            if os.path.exists(txt):
                col.add_file(ex, chat, txt, we_txt_msgs(txt, owner), group)


def split_msg_divs(s: str) -> list[str]:
    starts = [m.start() for m in re.finditer(r'<div class="msg ', s)]
    return [s[a:b] for a, b in zip(starts, starts[1:] + [len(s)])]


def we_html_msgs(snippets: list[str]) -> list[tuple[int, str]]:
    items: list[tuple[int | None, str]] = []
    for sn in snippets:
        cls = re.match(r'<div class="msg ([^"]*)"', sn).group(1).split()
        if "chat-notice" in cls:
            items.append((None, SYSTEM))
            continue
        t = re.search(r"</span> (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})</div>", sn)
        ts = local_ts(t.group(1))
        pre = re.search(r"<pre>(.*?)</pre>", sn, re.S)
        if "right" in cls:
            items.append((ts, ME))
        else:
            items.append((ts, SYSTEM if pre and is_auto_accept(pre.group(1)) else FRIEND))
    return inherit_times(items)


def we_txt_msgs(path: str, owner: str) -> list[tuple[int, str]]:
    text = read_text(path)
    lines = text.split("\n")[2:]  # title line and blank line
    start = re.compile(r" \((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\):")
    items: list[tuple[int | None, str]] = []
    for line in lines:
        line = line.rstrip("\r")
        m = start.search(line)
        if not m:
            # a bare line is a system line only if it is a WeChat system text; otherwise it
            # continues the previous message (multi-line text or a transfer memo).
            if line and SYSTEM_TEXT.search(line):
                items.append((None, SYSTEM))
            continue
        prefix = line[: m.start()]  # name, possibly glued to the previous transfer's memo
        body = line[m.end():]
        ts = local_ts(m.group(1))
        if prefix.endswith(owner):
            items.append((ts, ME))
        else:
            items.append((ts, SYSTEM if is_auto_accept(body) else FRIEND))
    return inherit_times(items)


# ---------------------------------------------------------------- WeFlow (§11)

def weflow(root: str, col: Collector) -> None:
    ex = "weflow"
    for path in sorted(glob.glob(os.path.join(root, "chats/*.json"))):
        d = json.load(open(path, encoding="utf-8"))
        chat = d["session"]["accountId"]
        msgs = []
        for m in d["messages"]:
            t = int(m["localType"]) & 0xFFFFFFFF
            if t in (10000, 10002) or m["type"] == "系统消息":
                side = SYSTEM
            elif int(m["isSend"]) == 1:
                side = ME
            else:
                side = SYSTEM if is_auto_accept(m["content"]) else FRIEND
            msgs.append((int(m["createTime"]), side))
        col.add_file(ex, chat, path, msgs, d["session"].get("type") == "群聊" or chat.endswith("@chatroom"))


# ---------------------------------------------------------------- wechat-dump (§12)

DUMP_HEAD = re.compile(r"^(-?\d+)\|(.*?):(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{6})?):(.*)$")


def wechatdump_parse(path: str) -> list[tuple[int, str, str]]:
    out = []
    for line in read_text(path).split("\n"):
        m = DUMP_HEAD.match(line)
        if m:
            out.append((local_ts(m.group(3)), m.group(2), m.group(4)))
    return out


def wechatdump(root: str, col: Collector) -> None:
    ex = "wechatdump"
    for path in sorted(glob.glob(os.path.join(root, "*.txt"))):
        stem = os.path.basename(path)[: -len(".txt")]
        rows = wechatdump_parse(path)
        others = {name for _, name, _ in rows if name != "me"}
        # group: several names, or a name that does not sanitise to the file stem (§12)
        group = len(others) > 1 or any(sanitize_wechatdump(n) != stem for n in others)
        msgs = []
        for ts, name, text in rows:
            if name == "me":
                msgs.append((ts, ME))
            else:
                msgs.append((ts, SYSTEM if is_auto_accept(text) else FRIEND))
        col.add_file(ex, stem, path, msgs, group)


# ---------------------------------------------------------------- contacts (§15)

def split_tags(s: str, sep: str) -> list[str]:
    return [t.strip() for t in s.split(sep) if t.strip()]


def kind_of(cid: str, owner: str | None, friend: bool = True) -> str:
    if cid.endswith("@chatroom"):
        return "group"
    if cid.startswith("gh_"):
        return "official"
    if owner and cid == owner:
        return "self"
    return "friend" if friend else "groupMember"


def contacts(samples: str, col: Collector) -> list[dict]:
    out: list[dict] = []

    def add(ex, cid, kind, alias="", nickname="", remark="", tags=None, source="", display=None, wxid=None):
        if display is None:
            display = remark or nickname
        if wxid is None:
            wxid = cid
        out.append(dict(exporter=ex, contact_id=cid, kind=kind, wxid=wxid, alias=alias, nickname=nickname, remark=remark,
                        display_name=display,
                        tags="|".join(tags) if tags is not None else "", tags_known="yes" if tags is not None else "no",
                        source=source))

    # MemoTrace v2: owner = Sender of IsSender=1 rows; label `None` = no or several labels.
    root = os.path.join(samples, "memotrace")
    owner = None
    members = {}
    for p in glob.glob(os.path.join(root, "data/聊天记录/*/*_utf8.csv")):
        for r in read_csv(p):
            if r["IsSender"] == "1":
                owner = r["Sender"]
            members.setdefault(r["Sender"], r)
    seen = set()
    for c in read_csv(os.path.join(root, "contacts.csv")):
        label = c["label"]
        tags = None if label == "None" else split_tags(label, ",")
        add("memotrace", c["UserName"], kind_of(c["UserName"], owner), c["Alias"], c["NickName"], c["Remark"], tags, "contacts.csv")
        seen.add(c["UserName"])
    for wxid, r in sorted(members.items()):
        if wxid not in seen:
            add("memotrace", wxid, "groupMember", "", r["NickName"], "", None, "group chat CSV Sender column", display=r["Remark"])

    # MemoTrace v3: Type = raw remark, label = ids -> names via PyWxDump's labels dict.
    root = os.path.join(samples, "memotrace3")
    labels = json.load(open(os.path.join(samples, "pywxdump/api/user_labels_dict.json"), encoding="utf-8"))["body"]
    owner3 = None
    for p in glob.glob(os.path.join(root, "聊天记录/*/*.html.json")):
        for m in json.load(open(p, encoding="utf-8")):
            if str(m.get("is_send")) == "1":
                owner3 = m["display_name"]
    for c in read_csv(os.path.join(root, "contacts.csv")):
        ids = split_tags(c["label"], ",")
        tags = [labels.get(i, i) for i in ids]
        is_self = c["Remark"] == owner3 and not c["Type"] and not c["UserName"].endswith("@chatroom") and not c["UserName"].startswith("gh_")
        kind = "self" if is_self else kind_of(c["UserName"], None)
        add("memotrace3", c["UserName"], kind, c["Alias"], c["NickName"], c["Type"], tags, "contacts.csv (Type=raw remark, label ids mapped)")

    # PyWxDump: API user_list; owner = export/<me>/; group-only member = only in group users.json.
    root = os.path.join(samples, "pywxdump")
    me = os.path.basename(glob.glob(os.path.join(root, "export/*"))[0])
    users = json.load(open(os.path.join(root, "api/user_list.json"), encoding="utf-8"))["body"]
    private_senders = set()
    for p in glob.glob(os.path.join(root, "export/*/csv/*/users.json")):
        if not os.path.basename(os.path.dirname(p)).endswith("@chatroom"):
            private_senders |= set(json.load(open(p, encoding="utf-8")))
    for wxid, u in users.items():
        kind = kind_of(wxid, me, friend=wxid in private_senders or not group_only(users, wxid))
        add("pywxdump", wxid, kind, u["account"], u["nickname"], u["remark"], list(u["LabelIDList"]), "api/user_list.json")

    # chatlog: contact.json is authoritative (isFriend); contact.csv rows re-split from the left.
    root = os.path.join(samples, "chatlog")
    items = json.load(open(os.path.join(root, "contact.json"), encoding="utf-8"))["items"]
    owner_cl = chatlog_owner(root)
    for it in items:
        kind = kind_of(it["userName"], owner_cl, friend=it["isFriend"])
        add("chatlog", it["userName"], kind, it["alias"], it["nickName"], it["remark"], None, "contact.json (+contact.csv)")

    # WechatExporter: no header, Alias else wxid, tags with leading spaces trimmed.
    root = os.path.join(samples, "wechatexporter")
    for p in glob.glob(os.path.join(root, "*_Contacts.csv")):
        owner_name = os.path.basename(p)[: -len("_Contacts.csv")]
        # the chat list pairs each chat folder with Portrait/<usrName>.jpg: the real wxid
        chat_list = open(os.path.join(root, owner_name, "index.html"), encoding="utf-8").read()
        wxid_by_name = {}
        for m in re.finditer(r'<img src="Portrait/([^"]+)\.jpg"[^>]*>.*?<a href="[^"]*">([^<]*?)(?: （微信号：[^）]*）)?</a>', chat_list, re.S):
            wxid_by_name[m.group(2)] = m.group(1)
        for r in csv.reader(io.StringIO(read_text(p), newline="")):
            kind = "self" if r[1] == owner_name else kind_of(r[0], None)
            wxid = wxid_by_name.get(r[1], "")
            if kind == "self":  # the owner's wxid is on the avatars of right-hand bubbles
                for page in glob.glob(os.path.join(root, owner_name, "*", "index.html")):
                    m = re.search(r'<div class="msg chat right[^>]*>\s*<div class="avatar-box">\s*<img src="Files/Portrait/([^"]+)\.jpg"',
                                  open(page, encoding="utf-8").read())
                    if m:
                        wxid = m.group(1)
                        break
            alias = r[0] if wxid and wxid != r[0] else ("" if wxid else "?")
            add("wechatexporter", r[0], kind, alias, "", "", split_tags(r[3], " "),
                "_Contacts.csv (+ chat list index.html for the wxid)", display=r[1], wxid=wxid)

    # WeFlow: ` | ` joined labels; the owner only appears in chat files (isSend=1).
    root = os.path.join(samples, "weflow")
    typ = {"好友": "friend", "群聊": "group", "公众号": "official"}
    for p in glob.glob(os.path.join(root, "contacts_*.csv")):
        for c in read_csv(p):
            add("weflow", c["用户名"], typ.get(c["类型"], "other"), c["微信号"], c["昵称"], c["备注"], split_tags(c["标签"], " | "), os.path.basename(p))
    for p in glob.glob(os.path.join(root, "chats/*.json")):
        for m in json.load(open(p, encoding="utf-8"))["messages"]:
            if int(m["isSend"]) == 1:
                if not any(o["exporter"] == "weflow" and o["contact_id"] == m["senderUsername"] for o in out):
                    add("weflow", m["senderUsername"], "self", "", "", "", None, "chat JSON isSend=1 rows", display=m["senderDisplayName"])
                break

    # wechat-dump: file stems; raw remark-or-nickname; bare wxids in group files.
    root = os.path.join(samples, "wechatdump")
    for p in sorted(glob.glob(os.path.join(root, "*.txt"))):
        stem = os.path.basename(p)[: -len(".txt")]
        if col.is_group.get(("wechatdump", stem)):
            add("wechatdump", stem, "group", "", "", "", None, "file stem (group by its sender names)", wxid="")
            for _, name, _ in wechatdump_parse(p):
                if re.fullmatch(r"wxid_[0-9a-z_]+", name) and not any(o["exporter"] == "wechatdump" and o["contact_id"] == name for o in out):
                    add("wechatdump", name, "groupMember", "", "", "", None, "bare wxid sender in the group file", display="")
        else:
            names = {n for _, n, _ in wechatdump_parse(p) if n != "me"}
            display = names.pop() if len(names) == 1 else ""
            add("wechatdump", stem, "friend", "", "", "", None, "file stem; display_name = the raw remark-or-nickname on its lines",
                display=display, wxid="")
    return out


def group_only(users: dict, wxid: str) -> bool:
    """A wxid listed only as a group member (no ExtraBuf and a member of some group's roomWxids)."""
    for u in users.values():
        extra = u.get("extra") or {}
        if wxid in (extra.get("roomWxids") or []) and users[wxid].get("ExtraBuf") is None:
            return True
    return False


def chatlog_owner(root: str) -> str | None:
    room = read_csv(os.path.join(root, "chatroom.csv"))
    return room[0]["Owner"] if room else None


# ---------------------------------------------------------------- main

def main() -> None:
    argv = sys.argv[1:]
    out_dir = None
    if "--out" in argv:
        i = argv.index("--out")
        out_dir = argv[i + 1]
        del argv[i : i + 2]
    args = argv
    here = os.path.dirname(os.path.abspath(__file__))
    samples = args[0] if args else os.path.normpath(os.path.join(here, "../../../shared/formats/samples"))
    col = Collector()
    for name, fn in [("memotrace", memotrace), ("memotrace3", memotrace3), ("pywxdump", pywxdump), ("chatlog", chatlog),
                     ("wechatexporter", wechatexporter), ("weflow", weflow), ("wechatdump", wechatdump)]:
        fn(os.path.join(samples, name), col)

    print("exporter\tchat\tfile\tfriend/member\tme\tsystem")
    for ex, chats in col.data.items():
        for chat, files in sorted(chats.items()):
            for path, counter in files.items():
                s = Collector.by_side(counter)
                print(f"{ex}\t{chat}\t{os.path.relpath(path, samples)}\t{s[FRIEND] + s[MEMBER]}\t{s[ME]}\t{s[SYSTEM]}")

    labels = list(csv.DictReader(open(os.path.join(samples, "labels.csv"), encoding="utf-8", newline="")))
    rows = []
    for lab in labels:
        ex, cid = lab["exporter"], lab["contact_id"]
        s = Collector.by_side(col.union(ex, cid))
        rows.append([ex, ex, cid, s[FRIEND], s[ME], s[SYSTEM], s[FRIEND] + s[ME] + s[SYSTEM]])
    order = ["memotrace", "memotrace3", "pywxdump", "chatlog", "wechatexporter", "weflow", "wechatdump"]
    rows.sort(key=lambda r: (order.index(r[0]), r[2]))
    groups = []
    for (ex, chat), g in sorted(col.is_group.items(), key=lambda kv: order.index(kv[0][0])):
        if g:
            s = Collector.by_side(col.union(ex, chat))
            groups.append([ex, chat, s[MEMBER], s[ME], s[SYSTEM]])
    cons = contacts(samples, col)

    def emit(name, header, data):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)
        if out_dir:
            with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="") as f:
                f.write(buf.getvalue())
        print(f"\n# {name}\n{buf.getvalue()}", end="")

    emit("messages_by_side.csv", ["exporter", "folder", "contact_id", "from_friend", "from_me", "system", "total"], rows)
    emit("groups.csv", ["exporter", "group_id", "from_members", "from_me", "system"], groups)
    keys = ["exporter", "contact_id", "kind", "wxid", "alias", "nickname", "remark", "display_name", "tags", "tags_known", "source"]
    emit("contacts.csv", keys, [[c[k] for k in keys] for c in cons])


if __name__ == "__main__":
    main()
