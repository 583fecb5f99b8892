#!/usr/bin/env python3
"""Derives the msg-N.js files and the hostile pages from wechatexporter/店主/客户甲/index.html.

Run from this folder after editing that page. msg-N.js is written as WechatExporter's release
build does (jsoncpp: every non-ASCII character \\uXXXX-escaped, surrogate pairs for emoji).
"""
import json, os, re

page = open("wechatexporter/店主/客户甲/index.html", encoding="utf-8", newline="").read()
body = page.split('id="msgs-div">\n', 1)[1].split('\t\t\t</div>\n\t\t\t<br />', 1)[0]
parts = [p for p in re.split(r'(?m)^(?=\t\t\t\t<div class="msg )', body) if p.strip()]
assert len(parts) == 10, len(parts)

def js(items):
    return ("    (function() {\n        var msgArray = " + json.dumps(items, ensure_ascii=True)
            + ";\n        for (var idx = 0; idx < msgArray.length; idx++)\n        {\n"
            "          window.moreWechatMsgs.push(msgArray[idx]);\n        }\n\n        msgArray = null;\n"
            "        loadMsgsForNextPage();\n    })();\n")

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w", encoding="utf-8", newline="").write(text)

# A synchronous export: the page DOM and msg-1.js hold the same messages.
write("wechatexporter/店主/客户甲/Files/Data/msg-1.js", js(parts))
# An on-scroll export of the same messages: empty DOM, split over msg-1/2/10.js (numeric order
# must win over name order, where msg-10.js sorts before msg-2.js).
empty = page.replace(body, "\n").replace("客户甲 - 微信聊天记录", "客户乙 - 微信聊天记录")
write("wechatexporter/店主/客户乙/index.html", empty)
write("wechatexporter/店主/客户乙/Files/Data/msg-1.js", js(parts[:4]))
write("wechatexporter/店主/客户乙/Files/Data/msg-2.js", js(parts[4:7]))
write("wechatexporter/店主/客户乙/Files/Data/msg-10.js", js(parts[7:]))

def hostile(name, doctype, text):
    write(f"hostile/{name}/店主/客户甲/index.html",
          page.replace("<!doctype html>", doctype).replace("包邮的亲", text))

hostile("xxe_file", '<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>', "包邮的亲&xxe;")
hostile("xxe_http", '<!DOCTYPE html SYSTEM "http://127.0.0.1:9/evil.dtd" [\n'
        '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">\n%remote;\n'
        '<!ENTITY net SYSTEM "http://127.0.0.1:9/secret">\n]>', "包邮的亲&net;")
lol = '<!DOCTYPE html [\n<!ENTITY lol "lol">\n' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)) + "]>"
hostile("billion_laughs", lol, "包邮的亲&lol9;")
