import BeizhuCore
import BeizhuFeatures
import BeizhuTestSupport
import Testing

@Suite struct FeatureExtractorTests {
  static let extractor: FeatureExtractor? = try? FeatureExtractor()
  let contact = Contact(id: "wxid_friend", alias: "friend_alias", nickname: "小美")

  func features(_ script: ChatScript) throws -> FriendFeatures {
    try #require(Self.extractor).features(for: contact, messages: script.messages)
  }

  @Test func exactlySixHoursKeepsOneSession() throws {
    var chat = ChatScript()
    chat.friend("在吗")
    chat.me("在的", after: 6 * 3600)
    chat.friend("好的", after: 6 * 3600 + 1)
    let result = try features(chat)
    #expect(result.sessions.count == 2)
    #expect(result.sessions[0].messageCount == 2)
    #expect(result.interactions == 2)
  }

  @Test func sessionGapIsConfigurable() throws {
    var chat = ChatScript()
    chat.friend("在吗")
    chat.friend("你好", after: 3600 + 1)
    let extractor = try FeatureExtractor(options: FeatureOptions(sessionGap: 3600))
    #expect(extractor.features(for: contact, messages: chat.messages).sessions.count == 2)
  }

  @Test func noMessagesAtAll() throws {
    let result = try features(ChatScript())
    #expect(result.interactions == 0 && result.messageCount == 0 && !result.productsDiscussed && !result.paid)
    #expect(result.firstContact == nil && result.lastContact == nil)
  }

  @Test func systemAndAutoAcceptAreNotTheFriends() throws {
    var chat = ChatScript()
    chat.add(.friend, SystemText.autoAccept)
    chat.add(.friend, "你已添加了小美，现在可以开始聊天了。", kind: .system)
    chat.system("\"小美\" 拍了拍我")
    chat.add(.friend, "小美 撤回了一条消息")
    let result = try features(chat)
    #expect(result.interactions == 0)
    #expect(result.messagesFromFriend == 0)
    #expect(result.generatedMessages == 4)
  }

  @Test func greetingBeforeMarkerIsTheFriends() throws {
    var chat = ChatScript()
    chat.friend("你好，我是王姐介绍的")
    chat.system(SystemText.greetingMarker)
    chat.system("你已添加了阿杰，现在可以开始聊天了。")
    let result = try features(chat)
    #expect(result.interactions == 1)
    #expect(result.messagesFromFriend == 1)

    // Also when an exporter put the greeting on the system side.
    var odd = ChatScript()
    odd.add(.system, "你好，想了解一下", kind: .text)
    odd.system(SystemText.greetingMarker)
    #expect(try features(odd).interactions == 1)
  }

  @Test func broadcastOnlyIsNoDiscussion() throws {
    var chat = ChatScript()
    for day in 0..<5 {
      chat.me("新品面膜上市，买二送一，戳我下单", after: Int64(day) * 86_400 + 60)
    }
    let result = try features(chat)
    #expect(result.interactions == 0)
    #expect(!result.productsDiscussed)
    #expect(result.messagesFromMe == 5)
  }

  @Test func answeredAdIsADiscussion() throws {
    var chat = ChatScript()
    chat.me("新品面膜上市，买二送一")
    chat.friend("👍", kind: .emoji, after: 3 * 3600)
    let result = try features(chat)
    #expect(result.productsDiscussed)
    #expect(result.productsOfInterest == ["面膜"])
  }

  @Test func intentAndObjectionOnlyFromTheFriend() throws {
    var chat = ChatScript()
    chat.me("太贵了是吧？给你留一盒")
    chat.friend("嗯")
    let result = try features(chat)
    #expect(result.friendSaid(.intent).isEmpty)
    #expect(result.friendSaid(.objection).isEmpty)
  }

  @Test func phonesWithSeparators() {
    #expect(ContactDetails.phones(in: "电话138 0013 8000，备用 139-0000-1111") == ["13800138000", "13900001111"])
    #expect(ContactDetails.phones(in: "+86 13700005678") == ["13700005678"])
    #expect(ContactDetails.phones(in: "单号7563651837159 金额12345678901234").isEmpty)
    #expect(ContactDetails.phones(in: "12800001234 abc13800001234").isEmpty)
  }

  @Test func addressWithRecipientAndPhone() throws {
    var chat = ChatScript()
    chat.friend("收货地址：广东省深圳市南山区科技园南路16号 张先生 13700005678")
    chat.friend("上海市黄浦区南京东路100号3楼，李四，139 1234 5678")
    let result = try features(chat)
    #expect(result.addresses.count == 2)
    let first = try #require(result.addresses.first)
    #expect(first.province == "广东省" && first.city == "深圳市" && first.district == "南山区")
    #expect(first.street == "科技园南路16号")
    #expect(first.recipient == "张先生" && first.phone == "13700005678")
    #expect(result.addresses[1].recipient == "李四")
    #expect(result.addresses[1].district == "黄浦区")
    #expect(result.phones == ["13700005678", "13912345678"])
  }

  @Test func noAddressInLifeChat() throws {
    var chat = ChatScript()
    chat.friend("我下周去上海市玩")
    #expect(try features(chat).addresses.isEmpty)
  }

  @Test func shippingEventsAndTracking() throws {
    var chat = ChatScript()
    chat.friend("发货了吗？")
    chat.me("快递已经揽收了，单号7563651837159")
    chat.me("SF1234567890123")
    let result = try features(chat)
    #expect(result.shipping.count == 2)
    #expect(result.shipping[0].trackingNumbers == ["7563651837159"])
    #expect(result.shipping[1].trackingNumbers == ["SF1234567890123"])
  }

  @Test func longChatOverFiveThousandMessages() throws {
    var chat = ChatScript()
    for day in 0..<600 {
      chat.wait(86_400)
      for turn in 0..<9 {
        if turn % 2 == 0 { chat.me("今天天气不错", after: 120) } else { chat.friend("是啊，出去走走", after: 120) }
      }
      if day % 100 == 0 { chat.friend("这个面膜多少钱", after: 60) }
      if day == 599 { chat.friend("给我留两盒", after: 60) }
    }
    let result = try features(chat)
    #expect(chat.messages.count > 5000)
    #expect(result.sessions.count == 600)
    #expect(result.interactions == 600)
    #expect(result.messagesFromFriend == 600 * 4 + 6 + 1)
    #expect(result.productsDiscussed)
    #expect(result.friendSaid(.intent).count == 1)
  }
}
