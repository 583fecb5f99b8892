#!/usr/bin/env python3
"""Generates large HTML chat exports for Benchmarks/html-import.sh (not a test).

Writes, under OUT:
  wechatexporter/<Owner>/<Chat>/index.html   WechatExporter DOM pages (div.msg in #msgs-div)
  memotrace/data/聊天记录/<R>/<R>.html        MemoTrace v2 pages (const chatMessages = [ JS literals ])
each about SIZE_MB / 2 MiB in total, in CHATS chats per style. Texts mix Chinese, emoji, raw `<`/`&`
(WechatExporter does not escape), `[捂脸]` wxemoji images, transfers, red packets and notices.
"""
import os
import random
import sys

OUT = sys.argv[1]
SIZE_MB = int(sys.argv[2]) if len(sys.argv) > 2 else 320
CHATS = int(sys.argv[3]) if len(sys.argv) > 3 else 4
rng = random.Random(42)
WORDS = ["防晒霜", "还有吗", "好的亲", "一共358元", "微信转我就行", "发货了哈", "注意查收", "👌", "🌸",
         "水乳套装", "老客户有优惠", "a < b & c", "真的有效吗", "考虑一下", "发个地址给我", "18800004321"]
BASE = 1712129121

def text():
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))

WX_HEAD = """<!doctype html>
<html>
\t<head>
\t\t<meta charset="utf-8">
\t\t<title>{chat} - 微信聊天记录</title>
\t\t<script type="text/javascript">
\t\t\twindow.moreWechatMsgs = [];
\t\t\tfunction loadMsgsForNextPage() {{ var s = '<div class="msg"></div>'; return s; }}
\t\t</script>
\t</head>
\t<body uid="" sid="">
\t\t<div class="header"><span class="sname">{chat}</span></div>
\t\t\t<div class="msgs" id="msgs-div">
"""
WX_TAIL = """
\t\t\t</div>
\t\t\t<div id="footer" class="footer"></div>
\t</body>
</html>
"""

def wx_message(i, t, friend):
    right = rng.random() < 0.45
    side = "right" if right else "left"
    wxid = "xiaoyu_meifu" if right else friend
    name = "林小雨🌷" if right else friend
    when = f"2024-{(t // 86400) % 12 + 1:02d}-{(t // 3600) % 28 + 1:02d} {(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d}"
    r = rng.random()
    if r < 0.03:
        return (f'\t\t\t\t<div class="msg chat-notice " msgid="{i}">\n\t\t\t\t\t<div class="content-box">\n'
                f'\t\t\t\t\t\t<span class="dont-break-out msg-text"><pre>  你领取了{friend}的红包</pre></span>\n'
                f'\t\t\t\t\t</div>\n\t\t\t\t</div>\n')
    if r < 0.06:
        body = ('<div><div><span class="dont-break-out msg-text"><pre>￥198.00 - 转账\r\n水乳套装</pre></span></div></div>'
                '<div class="appinfo"><img src="" class="transfer-icon" /><span class="app-name">微信转账</span></div>')
        mtype = 49
    else:
        body = (f'<div class="triangle"></div>\n\t\t\t\t\t\t<span class="dont-break-out msg-text"><pre>{text()}'
                f'<img src="Files/Emoji/x.png" class="wxemoji" rawemoji="[捂脸]">{text()}</pre></span>')
        mtype = 1
    return (f'\t\t\t\t<div class="msg chat {side} " msgid="{i}" msgtype="{mtype}">\n'
            f'\t\t\t\t\t<div class="avatar-box">\n\t\t\t\t\t\t<img src="Files/Portrait/{wxid}.jpg" class="avatar">\n\t\t\t\t\t</div>\n'
            f'\t\t\t\t\t<div class="nt-box"><span class="dspname {side}" wxId="{wxid}">{name}</span> {when}</div>\n'
            f'\t\t\t\t\t<div class="content-box">\n\t\t\t\t\t\t{body}\n\t\t\t\t\t</div>\n\t\t\t\t</div>\n')

MT_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
    <meta charset="UTF-8">
    <style>
.page .main-body {{ display: flex; }}
    </style>
    <title>{chat}</title>
</head>
<body>
<div class="page"><div class="content" id="chat-container">
    <div class="item item-center"><span>8:16</span></div>
    <div class="item item-left"><div class="bubble bubble-left">很抱歉，由于程序出现未知错误，您的聊天记录未能成功展示。</div></div>
    <div class="item item-right"><div class="bubble bubble-right">好的</div></div>
</div></div>
<script>
const chatMessages = [
"""
MT_TAIL = """
];
    const itemsPerPage = 100;
    function render() { const totalPages = Math.ceil(chatMessages.length / itemsPerPage); return '</div>'; }
</script>
</body>
</html>
"""

def mt_message(t, chat):
    send = rng.random() < 0.45
    name = "林小雨🌷" if send else chat
    avatar = "" if send else "https://wx.qlogo.cn/mmhead/ver_1/9b11e5817abe58f17edd8f82e4200fbe/132"
    r = rng.random()
    if r < 0.03:
        return f"{{ type:0, text: '  你领取了{chat}的红包',is_send:0,avatar_path:'',timestamp:{t},is_chatroom:0,displayname:''}},"
    if r < 0.06:
        return (f"{{ type:49,sub_type:2000,text:'水乳套装',is_send:{int(send)},avatar_path:'{avatar}',timestamp:{t},"
                f"is_chatroom:0,displayname:'{name}',paysubtype:1,pay_memo:'水乳套装',feedesc:'￥198.00',}},\n")
    body = text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "\\'")
    return (f"{{ type:1, text: '{body}\\n{text()}',is_send:{int(send)},avatar_path:'{avatar}',timestamp:{t},"
            f"is_chatroom:0,displayname:'{name}',MsgSvrID:{rng.randint(10**18, 9 * 10**18)}}},")

def write(path, head, tail, make, target):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        written = len(head.encode())
        i = 0
        t = BASE
        while written < target:
            batch = []
            for _ in range(2000):
                i += 1
                t += rng.randint(1, 600)
                batch.append(make(i, t))
            data = "".join(batch)
            f.write(data)
            written += len(data.encode())
        f.write(tail)

per_chat = SIZE_MB * 1024 * 1024 // 2 // CHATS
for n in range(CHATS):
    friend = f"friend_{n:03d}"
    write(f"{OUT}/wechatexporter/林小雨🌷/朋友{n:03d}/index.html", WX_HEAD.format(chat=f"朋友{n:03d}"), WX_TAIL,
          lambda i, t: wx_message(i, t, friend), per_chat)
    chat = f"客户{n:03d}"
    write(f"{OUT}/memotrace/data/聊天记录/{chat}/{chat}.html", MT_HEAD.format(chat=chat), MT_TAIL,
          lambda i, t: mt_message(t, chat), per_chat)
