#!/usr/bin/env python3
"""Writes nicknames.tsv and remarks.tsv: realistic seller data with the expected result known
by construction (a clean name wrapped in one class of mess expects the clean name back).
Re-run after editing the tables below: python3 testdata/compose/generate.py"""
import random, os

rng = random.Random(20250115)
here = os.path.dirname(os.path.abspath(__file__))

han = ["王丽", "小美", "阿杰", "陈晨", "赵阿姨", "林小雨", "张伟", "李娜", "刘洋", "吴敏", "孙悦", "甜甜",
       "小鹿", "晓燕", "欣怡", "子涵", "梓萱", "雨桐", "思琪", "佳怡", "浩然", "宇轩", "一诺", "王姐", "李哥",
       "老张", "婷婷", "芳芳", "丹丹", "阿强", "大伟", "周周", "糖糖", "果果", "静静", "慧慧", "丽丽", "小雪",
       "秋月", "春燕"]
latin = ["Coco", "Mia", "Lily", "Amy", "Cindy", "Kevin", "Tony", "Grace", "Vivian", "Jessica", "Luna", "Emma"]
kept = ["陈晨Chen", "Lily1990", "小美2号", "Mary Jane", "𠮷田", "𠮷祥", "阿卜杜·买买提", "Zoë", "さくら",
        "김민지", "Маша", "J.Lo", "Amy王", "王丽", "Coco"]
trad = [("陳曉明", "陈晓明"), ("張偉", "张伟"), ("劉芳", "刘芳"), ("黃麗華", "黄丽华"), ("頭髮很長", "头发很长"),
        ("鄭爽", "郑爽"), ("蘇蘇", "苏苏"), ("愛麗絲", "爱丽丝"), ("萬寶", "万宝"), ("東東", "东东"),
        ("葉子", "叶子"), ("馬麗", "马丽"), ("龍哥", "龙哥"), ("曉風", "晓风"), ("陳晨", "陈晨")]

def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if o in (0x3164, 0x2800, 0xFEFF, 0x2060) or 0x200B <= o <= 0x200F or 0x202A <= o <= 0x202E or o == 0x9:
            out.append("\\u{%X}" % o)
        else:
            out.append(ch)
    return "".join(out)

def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)

def circled_lower(s):
    return "".join(chr(0x24D0 + ord(c) - 97) if "a" <= c <= "z" else c for c in s)

def zalgo(s):
    return "".join(c + "\u0337\u0322\u0315" for c in s)

def phone():
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))

rows = []  # input, expected, reasons, review, phones
def add(inp, exp, reasons, review=False, phones=""):
    rows.append((esc(inp), exp, ",".join(sorted(reasons)), "1" if review else "0", phones))

emoji = ["🌸", "🍊", "🦌", "🌷", "❤️", "👩‍💻", "👍🏻", "🇨🇳", "🏳️‍🌈", "😊", "💕", "🌹", "✨", "🐰"]
for i, n in enumerate(han + latin):
    e = emoji[i % len(emoji)]
    add(n + e, n, ["emoji"])
    add(emoji[(i + 3) % len(emoji)] + n, n, ["emoji"])
ornaments = [("ღ", ""), ("", "ᝰ"), ("〆", ""), ("꧁༺", "༻꧂"), ("♡", "♡"), ("☆", ""), ("★", "★"), ("❀", "❀"),
             ("【", "】"), ("『", "』"), ("✿", ""), ("~", "~")]
for i, n in enumerate(han):
    a, b = ornaments[i % len(ornaments)]
    add(a + n + b, n, ["decoration"])
for a, b in [("甜甜", "小屋"), ("小美", "日记"), ("阿杰", "世界"), ("糖糖", "店")]:
    add(a + "の" + b, a + b, ["decoration"])
add("ღ甜甜の小屋🌸", "甜甜小屋", ["decoration", "emoji"])
invisible = ["\u3164", "\u200b", "\u202e", "\ufeff", "\u2800", "\u2060", "\u200d", "\u202a"]
for i, n in enumerate(han[:24]):
    inv = invisible[i % len(invisible)]
    add(inv + n if i % 2 else n + inv, n, ["invisible"])
for inv in ["\u3164", "\u2800", "\u200b\u200b", "\u3164\u3164\u3164"]:
    add(inv, "wxid_test", ["invisible", "fallback"], review=True)
for only in ["🌸🌸", "♡☆", "👍🏻"]:
    add(only, "wxid_test", ["emoji" if only[0] in "🌸👍" else "decoration", "fallback"], review=True)
for n in latin + ["Mia123", "Lily1990"]:
    add(fullwidth(n), n, ["fullWidth"])
for n in ["mia", "coco", "lily", "amy", "luna", "emma"]:
    add(circled_lower(n), n, ["enclosedOrSuperscript"])
add("❀Ⓜ️ⓘⓐ❀", "Mia", ["enclosedOrSuperscript", "decoration"])
for n in han[:10]:
    add("①" + n, "1" + n, ["enclosedOrSuperscript"])
for n in latin[:8]:
    add(n + "²", n + "2", ["enclosedOrSuperscript"])
for n in han[10:16]:
    add("1️⃣" + n, "1" + n, ["emoji"])
for n in latin:
    add(zalgo(n), n, ["combiningMarks"])
for i, n in enumerate(han[:20]):
    handle = rng.choice(["mia", "meimei", "xiaomei", "tt", "beauty"]) + str(rng.randint(100, 9999))
    form = i % 5
    if form == 0: add(n + " V:" + handle, n, ["sellerAd"])
    elif form == 1: add(n + "vx" + handle, n, ["sellerAd"])
    elif form == 2: add("代购" + n, n, ["sellerAd"])
    elif form == 3: add(n + "韩国代购", n, ["sellerAd"])
    else: add(n + "微信" + handle, n, ["sellerAd"])
for n in latin[:6]:
    add("B²代购" + n, n, ["enclosedOrSuperscript", "sellerAd"])
for n in han[20:32]:
    p = phone()
    if rng.random() < 0.5:
        add(n + p, n, ["phoneNumber"], phones=p)
    else:
        add(n + " " + p[:3] + "-" + p[3:7] + "-" + p[7:], n, ["phoneNumber"], phones=p)
for t, s in trad:
    add(t, s, ["traditionalChinese"])
add("꧁༺陳曉明༻꧂", "陈晓明", ["decoration", "traditionalChinese"])
for n in kept + han[:8] + latin[:4]:
    add(n, n, [])
add("王 丽", "王丽", [])
add("  Coco  ", "Coco", [])

with open(os.path.join(here, "nicknames.tsv"), "w") as f:
    f.write("# nickname\texpected\treasons\treview\tphones\n")
    for r in rows:
        f.write("\t".join(r) + "\n")

# Remarks: remark, tags (| separated), expected pieces as kind=value separated by spaces.
names = ["王姐", "李哥", "赵阿姨", "小美", "阿杰", "陈晨", "张总", "刘姐", "周哥", "孙阿姨", "晓燕", "丹丹",
         "Coco", "Mia", "Lily"]
cities = ["杭州", "成都", "武汉", "南京", "深圳", "广州", "苏州", "长沙", "西安", "青岛", "厦门", "郑州"]
provs = ["浙江", "四川", "湖北", "江苏", "广东"]
status = ["老客户", "新客户", "回头客", "已购", "大客户"]
relation = ["同事介绍", "高中同学", "朋友介绍", "老乡", "闺蜜", "大学同学", "邻居"]
industry = ["健身房", "IT", "医生", "宝妈", "美容院", "律师", "会计"]
intent = ["想做代理", "有意向", "想拿货"]
rrows = []
def r(remark, pieces, tags=""):
    rrows.append((remark, tags, " ".join(pieces)))

def date():
    m = rng.randint(1, 12); d = rng.randint(1, 28)
    return m, d, "%d%02d" % (m, d)

for i in range(30):
    n = names[i % len(names)]; lv = rng.randint(1, 6); role = rng.choice("KD"); m, d, code = date()
    if i % 3 == 0:
        r("C%d%s%s" % (lv, n, code), ["channel=C", "level=%d" % lv, "name=" + n, "revisit=" + code])
    elif i % 3 == 1:
        r("%d%s%s%s" % (lv, role, n, code), ["level=%d" % lv, "role=" + role, "name=" + n, "revisit=" + code])
    else:
        r("%d%s%s" % (lv, role, n), ["level=%d" % lv, "role=" + role, "name=" + n])
for i in range(15):
    n = names[i % 12]; w = status[i % len(status)]
    sep = ["", "-", " ", "(", "，"][i % 5]
    r(n + sep + w + (")" if sep == "(" else ""), ["name=" + n, "status=" + w])
for i in range(14):
    n = names[i % len(names)]; w = relation[i % len(relation)]
    r(n + "(" + w + ")" if i % 2 else w + n, ["name=" + n, "relation=" + w] if i % 2 else ["relation=" + w, "name=" + n])
for i in range(14):
    n = names[i % len(names)]; w = industry[i % len(industry)]
    r(n + " " + w, ["name=" + n, "industry=" + w])
for i in range(9):
    n = names[i % 12]; w = intent[i % len(intent)]
    r(n + w if i % 2 else n + "(" + w + ")", ["name=" + n, "intent=" + w])
for i in range(14):
    c = cities[i % len(cities)]; n = names[i % 12]; p = phone(); cls = "YNMO"[i % 4]; ind = industry[i % len(industry)]
    r("%s/%s/%s %s %s" % (c, n, ind, cls, p), ["city=" + c, "name=" + n, "industry=" + ind, "insuranceClass=" + cls, "phone=" + p])
r("北京/王强/IT Y 13800138000", ["city=北京", "name=王强", "industry=IT", "insuranceClass=Y", "phone=13800138000"])
for i in range(24):
    m, d, code = date(); n = names[i % 12]
    form = i % 6
    text = ["%d.%d" % (m, d), "%d/%d" % (m, d), "%02d%02d" % (m, d), "%d月%d日" % (m, d), "%d-%d回访" % (m, d), "%d月%d号回访" % (m, d)][form]
    if i % 2:
        r(text, ["revisit=" + code])
    else:
        r(n + " " + text, ["name=" + n, "revisit=" + code])
r("8.11回访", ["revisit=811"])
for i in range(10):
    g = "ABCDE"[i % 5]; n = names[i % 12]
    r(("%s类 %s" % (g, n)) if i % 2 else ("%s %s" % (n, g)), (["grade=" + g, "name=" + n] if i % 2 else ["name=" + n, "grade=" + g]))
for i in range(8):
    n = names[i % 12]
    r(n + " VIP" if i % 2 else "VIP" + n, ["name=" + n, "vip=VIP"] if i % 2 else ["vip=VIP", "name=" + n])
for i in range(12):
    n = names[i % 12]; c = cities[i % len(cities)]
    r(c + n if i % 2 else n + " " + c, ["city=" + c, "name=" + n] if i % 2 else ["name=" + n, "city=" + c])
for i in range(5):
    n = names[i]; pv = provs[i]
    r(pv + " " + n, ["province=" + pv, "name=" + n])
for i in range(10):
    n = names[i % 12]; p = phone()
    r(n + " " + p, ["name=" + n, "phone=" + p])
for i in range(6):
    n = names[i]; lv = rng.randint(1, 6)
    r(n, ["name=" + n, "level=%d" % lv], tags="%d类" % lv)
for i in range(6):
    n = names[i]; t = ["客户", "同学", "意向", "代理", "闺蜜群", "面膜"][i]
    r(n, ["name=" + n, "tag=" + t], tags=t)
# Hand-written free forms.
r("王姐老客户", ["name=王姐", "status=老客户"])
r("阿杰 健身房", ["name=阿杰", "industry=健身房"])
r("赵阿姨想做代理", ["name=赵阿姨", "intent=想做代理"])
r("王姐-老客户", ["name=王姐", "status=老客户"])
r("Coco(同事介绍)", ["name=Coco", "relation=同事介绍"])
r("赵阿姨(想做代理)", ["name=赵阿姨", "intent=想做代理"])
r("高中同学陈晨", ["relation=高中同学", "name=陈晨"])
r("李朝阳", ["name=李朝阳"])
r("王姐🌸", ["name=王姐", "decoration=🌸"])
r("小美 爱喝奶茶不喜欢甜的", ["name=小美", "freeText=爱喝奶茶不喜欢甜的"])
r("3类 刘姐 复购", ["level=3", "name=刘姐", "status=复购"])
r("1K小美F811", ["level=1", "role=K", "name=小美", "disambiguator=F", "revisit=811"])
r("1K811", ["level=1", "role=K", "revisit=811"])
r("111回访", ["revisit=111"])
r("2024.8.11 复购 小美", ["revisit=811", "status=复购", "name=小美"])
r("网红 Lily", ["relation=网红", "name=Lily"])

with open(os.path.join(here, "remarks.tsv"), "w") as f:
    f.write("# remark\ttags\texpected pieces (kind=value)\n")
    for row in rrows:
        f.write("\t".join(row) + "\n")
print(len(rows), "nicknames,", len(rrows), "remarks")
