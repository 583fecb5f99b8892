import Testing

@testable import BeizhuImport

@Suite struct SystemNoticeTests {
  @Test(arguments: [
    (
      "<img src=\"SystemMessages_HongbaoIcon.png\"/>  你领取了Coco 🍊的<_wc_custom_link_ href=\"x?a=1&sign=..&ver=6\">红包</_wc_custom_link_>",
      "你领取了Coco 🍊的红包"
    ),
    ("a < b and c > d", "a < b and c > d"),
    ("1<2", "1<2"),
    ("<a href='x>y'>link</a> text", "link text"),
    ("unclosed <a href=\"x", "unclosed <a href=\"x"),
    ("Tom &amp; Jerry &lt;3 &#26159; &#x4E0D; &bogus; & done", "Tom & Jerry <3 是 不 &bogus; & done"),
    ("  \n plain \t ", "plain"),
    ("<!-- note -->visible<?pi x?>", "visible"),
    ("<revokemsg>你撤回了一条消息</revokemsg>", "你撤回了一条消息"),
  ])
  func strips(markup: String, text: String) {
    #expect(SystemMarkup.plainText(markup) == text)
  }

  @Test(arguments: [
    ("你领取了ღ甜甜の小屋🌸的红包", SystemNotice.Event.redPacketOpenedByMe(from: "ღ甜甜の小屋🌸")),
    ("你领取了小王的红包的红包", .redPacketOpenedByMe(from: "小王的红包")),
    ("你领取了自己发的红包", .other),
    ("Coco 🍊领取了你的红包，你的红包已被领完", .redPacketOpenedByOther(opener: "Coco 🍊")),
    ("你已添加了阿杰，现在可以开始聊天了。", .friendAdded(name: "阿杰")),
    ("以上是打招呼的内容", .greetingMarker),
    ("我通过了你的朋友验证请求，现在我们可以开始聊天了", .autoAccept),
    ("“小鹿🦌” 撤回了一条消息", .recalled(by: "小鹿🦌")),
    ("你撤回了一条消息", .recalledByMe),
    ("我拍了拍\"王丽\"的肩膀", .pat),
    ("对方开启了朋友验证，你还不是他（她）朋友。", .deletedByFriend),
    ("消息已发出，但被对方拒收了。", .rejectedByFriend),
    ("\"王丽\"邀请\"阿杰\"加入了群聊", .other),
    ("", .other),
  ])
  func classifies(text: String, event: SystemNotice.Event) {
    #expect(SystemNotice(text: text).event == event)
  }
}
