#!/usr/bin/env python3
"""Writes testdata/labelled/friends.jsonl: synthetic friends with expected labels.

Each friend is built from scenario parts (life chat, ads, questions, intent, objections, payments
in several exporter renderings) with seeded random phrasing and timing. The expected level, role,
paid flag come from the scenario, and interactions are counted from the sessions as built, by the
definition in DESIGN.md (gap > 6 h splits; system lines and the auto-accept text are not the
friend's). Line format:
  {"id", "note", "expect": {"level", "role", "channel", "interactions", "paid"}, "prior": {...}?,
   "msgs": [[minutes_after_previous, side f|m|s, text, kind?, transfer?]]}
Run from the repository root: python3 testdata/tools/make_labelled.py"""
import json, random

R = random.Random(20240601)
AUTO = "我通过了你的朋友验证请求，现在我们可以开始聊天了"
ITEMS = ["面膜", "防晒霜", "修护精华", "水乳套装", "眼霜", "洗面奶", "口红", "身体乳"]
ADS = ["新品{i}到货啦，买二送一", "{i}活动价只要99元，包邮", "{i}限时特价，戳我下单", "老客户福利：{i}第二件半价"]
ASKS = ["{i}多少钱？", "{i}怎么用的", "这个{i}效果怎么样", "{i}适合敏感肌吗", "{i}保质期多久", "{i}有现货吗", "看你发的{i}，啥价"]
ANSWERS = ["{i}原价199，现在活动价159", "早晚各用一次，坚持一周就能看到变化", "很多老顾客反馈效果都不错", "有现货的，当天发"]
INTENT = ["好的我要了，帮我下单", "给我留两盒吧", "先帮我留一套", "怎么买呀", "发个链接给我", "那我来一盒", "要的要的，给我寄过来",
          "我下单了哈，记得给我留着"]
OBJ = ["太贵了吧", "有点贵，能便宜点吗", "这么贵啊", "真的有效吗？", "用了会不会过敏", "怕没效果，有点不敢买", "等发工资再说吧",
       "最近手头紧", "我考虑一下", "再看看吧", "不考虑了，谢谢", "暂时不需要"]
ACKS = [("收到", "text"), ("👍", "text"), ("[表情]", "emoji"), ("好的", "text"), ("[语音]", "voice")]
LIFE = [("最近忙啥呢", "瞎忙，你呢"), ("周末去哪玩了", "带孩子去公园了，累死"), ("新年快乐！", "新年快乐，万事如意"),
        ("看你朋友圈去旅游了，好羡慕", "哈哈下次一起"), ("吃饭了没", "刚吃完，你呢"), ("下雨了记得带伞", "好的谢谢提醒"),
        ("孩子上学了吗", "上了，终于清净了"), ("最近天气好冷", "是啊，多穿点"), ("周末一起爬山吗", "好呀，几点出发")]
DISTRUST = ["你是做微商的吧？微商都是骗人的", "我从来不买微商的东西", "不好意思，我不相信微商", "做微商的都是割韭菜吧"]
AGENT_ASK = ["想做代理，代理价多少", "怎么拿货？我想自己卖", "加盟要什么条件", "你们招代理吗？我想了解一下"]
GREET = ["你好，我是小李", "你好，王姐介绍的", "你好，想认识一下"]
RENDER = [  # (initiation, receipt, kind): friend pays 198
    ("[转账|发送 ￥198.00](套装)", "[转账|接收 ￥198.00](套装)", "transfer"),
    ("转账：￥198.00\n转账说明：套装\n", "已收款：￥198.00\n转账说明：套装\n", "other"),
    ("[转账] (客户 转账给 我) ￥198.00", "[转账收款] (客户 转账给 我) ￥198.00", "transfer"),
    ("[Money Transfer]\n收到转账198.00元。如需收钱，请点此升级至最新版本", "[Money Transfer]\n已收款198.00元", "transfer"),
    ("【发起转账】:￥198.00\n备注: 套装\n", "【已收款】:￥198.00\n", "transfer"),
    ("￥198.00 - 转账\r\n套装", "￥198.00 - 已收款", "transfer"),
    ("", "", "transfer"),
]
friends = []


def pick(xs):
    return R.choice(xs)


def item(t):
    return t.replace("{i}", pick(ITEMS))


def life():
    a, b = pick(LIFE)
    return [("m", a), ("f", b)]


def product_session(answered=True):
    i = pick(ITEMS)
    s = [("m", pick(ADS).replace("{i}", i))]
    if answered:
        s += [("f", pick(ASKS).replace("{i}", i)), ("m", pick(ANSWERS).replace("{i}", i))]
    return s


def add(note, sessions, level, role="K", paid=False, prior=None, channel=False, gaps=None):
    msgs, interactions = [], 0
    for n, session in enumerate(sessions):
        for k, m in enumerate(session):
            side, text = m[0], m[1]
            kind = m[2] if len(m) > 2 else None
            if k == 0:
                gap = R.randint(1, 40) * 1440 + R.randint(0, 600) if n else R.randint(0, 60)
            else:
                gap = gaps[n] if gaps and n < len(gaps) and gaps[n] is not None else R.randint(1, 90)
            row = [gap, side, text]
            if kind:
                row.append(kind)
            if len(m) > 3:
                row.append(m[3])
            msgs.append(row)
    # Interactions by the definition: a silence over 360 minutes splits; the friend's own words count.
    own = False
    for k, row in enumerate(msgs):
        if k and row[0] > 360:
            interactions += own
            own = False
        kind = row[3] if len(row) > 3 else None
        if row[1] == "f" and kind != "system" and row[2] != AUTO:
            own = True
    interactions += own
    expect = {"level": level, "role": role, "channel": channel, "interactions": interactions, "paid": paid}
    entry = {"id": f"L{len(friends) + 1:02d}", "note": note, "expect": expect, "msgs": msgs}
    if prior:
        entry["prior"] = prior
    friends.append(entry)


# Level 1: paid.
for init, receipt, kind in RENDER:
    s1 = product_session() + [("f", pick(INTENT)), ("m", "好的亲，一共198元"), ("f", init, kind), ("m", receipt, kind)]
    add("transfer in, rendering " + (init[:8] or "empty (MemoTrace v2 CSV)"), [s1] + [life() for _ in range(R.randint(0, 2))],
        1, paid=True)
s1 = product_session() + [("f", pick(INTENT)), ("f", "", "transfer", {"sub": 1, "fen": 35800, "payer": "wxid_L", "receiver": "wxid_seller"}),
                          ("m", "", "transfer", {"sub": 3, "fen": 35800, "payer": "wxid_L", "receiver": "wxid_seller"})]
add("structured transfer with payer", [s1], 1, paid=True)
for notice_only in (False, True, False):
    s1 = [("m", AUTO if False else "你好呀"), ("f", item("{i}还有吗")), ("m", "有的"), ("f", pick(INTENT))]
    if not notice_only:
        s1.append(("f", "[红包]", "redPacket"))
    s1.append(("s", '<img src="SystemMessages_HongbaoIcon.png"/>  你领取了小美的<_wc_custom_link_ color="#FD9931" href="weixin://x?a=1&b=2">红包</_wc_custom_link_>', "system"))
    add("red packet for goods" + (" (notice only)" if notice_only else ""), [s1, life()], 1, paid=True)
for _ in range(2):
    s1 = product_session() + [("f", pick(INTENT)), ("f", pick(["钱转你了，记得发货", "已付款，麻烦尽快发", "付好了哈"]))]
    s2 = [("m", "已发货，中通快递单号" + str(R.randint(10**12, 10**13 - 1))), ("f", "好的")]
    add("payment in words + shipment", [s1, s2], 1, paid=True)
add("繁體 paid in words", [[("f", "面膜多少錢？"), ("m", "159一盒"), ("f", "給我留兩盒"), ("f", "錢轉你了")],
                          [("m", "已發貨，順豐單號SF1234567890123"), ("f", "收到")]], 1, paid=True)
add("old remark says 1, export shows only life chat", [life(), life()], 1, prior={"level": 1})
s1 = product_session() + [("f", "我想做代理，先拿一批"), ("f", "[转账|发送 ￥2000.00](拿货)", "transfer"), ("m", "[转账|接收 ￥2000.00](拿货)", "transfer")]
add("agent pays for stock", [s1], 1, role="D", paid=True)

# Level 2: intent, no open objection.
for _ in range(6):
    add("product talk + intent", [product_session() + [("f", pick(INTENT))]] + [life() for _ in range(R.randint(0, 2))], 2)
add("不贵 + intent", [product_session() + [("f", "不贵啊，挺划算的"), ("f", "给我留一盒")]], 2)
add("objection then later intent", [product_session() + [("f", "有点贵")], [("m", "这周活动价，便宜了30"), ("f", "那好吧，给我留两盒")]], 2)
add("繁體 intent", [[("f", "這個面膜怎麼用"), ("m", "早晚各一次"), ("f", "好的，給我留兩盒")]], 2)
add("agent with stock intent", [[("f", pick(AGENT_ASK)), ("m", "代理不收加盟费，拿货满20盒就是代理价"), ("f", "挺好的，下个月我拿一批")]], 2, role="D")
add("agent with stock intent 2", [[("f", "代理价能给几折"), ("m", "五折"), ("f", "行，我先拿一些试试")], life()], 2, role="D")
add("refund from seller, had intent", [product_session() + [("f", pick(INTENT))],
                                       [("m", "", "transfer", {"sub": 1, "fen": 2000, "payer": "wxid_seller", "receiver": "wxid_L"}), ("f", "谢谢")]], 2)

# Level 3: product talk, objection or no intent.
for text in OBJ:
    add("objection: " + text, [product_session() + [("f", text)]] + [life() for _ in range(R.randint(0, 1))], 3)
for ack, kind in ACKS:
    add("ad answered with " + ack, [[("m", item(pick(ADS))), ("f", ack, kind)]], 3)
add("intent then refusal", [product_session() + [("f", "给我留一盒")], [("m", "还要吗？"), ("f", "算了吧，不要了")]], 3)
add("繁體 objection", [[("f", "面膜多少錢？"), ("m", "159一盒"), ("f", "太貴了，能便宜點嗎")], [("m", "最近好嗎"), ("f", "還行")]], 3)
add("繁體 hesitation", [[("m", "新品精華到貨"), ("f", "效果怎麼樣"), ("m", "很好"), ("f", "我再考慮一下")]], 3)
add("question is no refusal", [[("m", item(pick(ADS))), ("f", "这个面膜不需要卸妆吗？")]], 3)
add("refund from seller after objection", [product_session() + [("f", "太贵了")],
                                           [("m", "", "transfer", {"sub": 1, "fen": 2000, "payer": "wxid_seller", "receiver": "wxid_L"}), ("f", "谢谢")]], 3)
add("agent with price objection", [[("f", "想做代理，代理价多少"), ("m", "拿货满20盒五折"), ("f", "加盟费太贵了")]], 3, role="D")
add("greeting asks price", [[("f", "你好，想问下面膜多少钱"), ("s", "以上是打招呼的内容", "system"), ("s", "你已添加了小美，现在可以开始聊天了。", "system")]], 3)
add("distrust but answered ad", [[("m", item(pick(ADS))), ("f", "微商都是骗人的")]], 3)

# Level 5 from distrust, whatever the count.
for n in (1, 3, 4):
    sessions = [life() for _ in range(n)]
    sessions[-1] = [("m", "最近开始做点小生意，有空看看我朋友圈"), ("f", pick(DISTRUST))]
    add(f"distrust with {n} interactions", sessions, 5)

# Level 4: three or more interactions, no products.
for n in (3, 4, 5, 6):
    add(f"life chat x{n}", [life() for _ in range(n)], 4)
add("life chat with gift red packet", [life(), [("m", "生日快乐呀"), ("f", "[红包]", "redPacket"), ("f", "谢谢你记得")], life()], 4)
add("stickers and voice only", [[("m", "早"), ("f", "[表情]", "emoji")], [("m", "在吗"), ("f", "[语音]", "voice")], [("m", "晚安"), ("f", "[表情]", "emoji")]], 4)
add("6 h boundary keeps one session", [[("f", "在吗"), ("m", "在的"), ("f", "明天见")], life(), life()], 4, gaps=[360])
add("just over 6 h splits: two interactions", [[("f", "在吗"), ("m", "在的"), ("f", "明天见")]], 5, gaps=[361])

# Level 5: one or two interactions.
for n in (1, 2, 2):
    add(f"life chat x{n}", [life() for _ in range(n)], 5)
add("greeting only", [[("f", pick(GREET)), ("s", "以上是打招呼的内容", "system"), ("s", "你已添加了小李，现在可以开始聊天了。", "system")]], 5)
add("greeting + one chat", [[("f", pick(GREET)), ("s", "以上是打招呼的内容", "system")], life()], 5)
add("agent question, no product talk", [[("f", "你们招代理吗？我想了解一下"), ("m", "招的")]], 5, role="D")
add("channel from old tags", [life()], 5, prior={"isChannel": True}, channel=True)
add("auto-accept then one chat", [[("f", AUTO), ("m", "你好")], life()], 5)

# Level 6: no interaction.
add("no messages", [], 6)
add("broadcast only", [[("m", item(pick(ADS)))] for _ in range(5)], 6)
add("auto-accept only", [[("f", AUTO)]], 6)
add("system only", [[("s", "你已添加了甜甜，现在可以开始聊天了。", "system")]], 6)
add("auto-accept + broadcasts", [[("f", AUTO), ("m", "你好，我是做护肤的小雨")], [("m", item(pick(ADS)))], [("m", item(pick(ADS)))]], 6)
add("pat only", [[("s", "\"甜甜\" 拍了拍我", "system")]], 6)
add("channel, no chat", [], 6, prior={"isChannel": True}, channel=True)

# Old level kept against a worse export.
add("old remark 2, now a few life chats", [life()], 2, prior={"level": 2})

with open("testdata/labelled/friends.jsonl", "w", encoding="utf-8") as out:
    for f in friends:
        out.write(json.dumps(f, ensure_ascii=False) + "\n")
print(len(friends), "friends")
