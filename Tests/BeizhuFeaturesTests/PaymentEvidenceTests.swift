import BeizhuCore
import BeizhuFeatures
import BeizhuTestSupport
import Testing

@Suite struct PaymentEvidenceTests {
  static let extractor: FeatureExtractor? = try? FeatureExtractor()
  let contact = Contact(id: "wxid_wangli1985", alias: "wangli_1985")

  func features(_ script: ChatScript) throws -> FriendFeatures {
    try #require(Self.extractor).features(for: contact, messages: script.messages)
  }

  /// The same friend-pays pair as each exporter renders it: one payment of ￥198 in.
  @Test(arguments: [
    ("[转账|发送 ￥198.00](水乳套装)", "[转账|接收 ￥198.00](水乳套装)", MessageKind.transfer),
    ("转账：￥198.00\n转账说明：水乳套装\n", "已收款：￥198.00\n转账说明：水乳套装\n", .other),
    ("[转账] (王姐-老客户 转账给 我) ￥198.00", "[转账收款] (王姐-老客户 转账给 我) ￥198.00", .transfer),
    ("[Money Transfer]\n收到转账198.00元。如需收钱，请点此升级至最新版本", "[Money Transfer]\n已收款198.00元", .transfer),
    ("【发起转账】:￥198.00\n备注: 水乳套装\n", "【已收款】:￥198.00\n", .transfer),
    ("￥198.00 - 转账\r\n水乳套装", "￥198.00 - 已收款", .transfer),
    ("", "", .transfer),
  ])
  func friendPaysOnceWhateverTheRendering(initiation: String, receipt: String, kind: MessageKind) throws {
    var chat = ChatScript()
    chat.friend("好的我要了")
    chat.add(.friend, initiation, kind: kind)
    chat.add(.me, receipt, kind: kind)
    let result = try features(chat)
    let transfers = result.payments.filter { $0.method == .transfer }
    #expect(transfers.count == 1)
    #expect(transfers.first?.direction == .toMe)
    #expect(result.paid)
    if !initiation.isEmpty { #expect(result.amountInFen == 19800) }
  }

  @Test func refundFromTheSellerIsNoPayment() throws {
    var chat = ChatScript()
    chat.friend("收到了，少了一瓶")
    chat.add(
      .me, "", kind: .transfer,
      transfer: Transfer(
        paySubtype: 1, amountFen: 2000, payer: "wxid_lxy2023skin", receiver: "wxid_wangli1985"))
    chat.add(
      .friend, "", kind: .transfer,
      transfer: Transfer(
        paySubtype: 3, amountFen: 2000, payer: "wxid_lxy2023skin", receiver: "wxid_wangli1985"))
    let result = try features(chat)
    #expect(!result.paid)
    #expect(result.payments.count == 1)
    #expect(result.payments.first?.direction == .toFriend)
    #expect(result.amountOutFen == 2000)
  }

  @Test func refundReadFromRawPayload() throws {
    var chat = ChatScript()
    chat.friend("好的")
    // An exporter may attribute the owner's transfer to the chat partner; payer_username decides.
    chat.add(
      .friend, "", kind: .transfer,
      payload:
        "<msg><appmsg><type>2000</type><wcpayinfo><paysubtype>1</paysubtype><feedesc><![CDATA[￥20.00]]></feedesc>"
        + "<pay_memo><![CDATA[运费补偿]]></pay_memo><receiver_username><![CDATA[wxid_wangli1985]]></receiver_username>"
        + "<payer_username><![CDATA[wxid_lxy2023skin]]></payer_username></wcpayinfo></appmsg></msg>")
    let result = try features(chat)
    #expect(!result.paid)
    #expect(result.payments.first?.amountFen == 2000)
  }

  @Test func returnedTransferIsNoPayment() throws {
    var chat = ChatScript()
    chat.friend("面膜我要了")
    chat.add(.friend, "[转账|发送 ￥99.00]", kind: .transfer)
    chat.add(.me, "[转账|退还 ￥99.00]", kind: .transfer)
    #expect(try !features(chat).paid)
  }

  @Test func redPacketForGoodsIsAPayment() throws {
    var chat = ChatScript()
    chat.friend("防晒霜帮我下单")
    chat.me("好的亲，一共358元")
    chat.friend("[红包]", kind: .redPacket)
    chat.system(
      "<img src=\"SystemMessages_HongbaoIcon.png\"/>  你领取了Coco 🍊的<_wc_custom_link_ color=\"#FD9931\" "
        + "href=\"weixin://weixinhongbao/opendetail?sendid=1&sign=68b2c7&ver=6\">红包</_wc_custom_link_>")
    let result = try features(chat)
    let packets = result.payments.filter { $0.method == .redPacket }
    #expect(packets.count == 1, "packet and its notice are one red packet")
    #expect(packets.first?.countsAsPayment == true)
    #expect(result.paid)
  }

  @Test func redPacketNoticeAloneCounts() throws {
    var chat = ChatScript()
    chat.friend("精华给我留一瓶")
    chat.add(.friend, "  你领取了Coco 🍊的红包", kind: .system)
    #expect(try features(chat).paid)
  }

  @Test func birthdayRedPacketIsAGift() throws {
    var chat = ChatScript()
    chat.me("生日快乐呀")
    chat.friend("[红包]", kind: .redPacket)
    chat.friend("谢谢你记得")
    let result = try features(chat)
    #expect(!result.paid)
    #expect(result.payments.count == 1)
    #expect(result.payments.first?.countsAsPayment == false)
  }

  @Test func ownersRedPacketOpenedByFriendIsMoneyOut() throws {
    var chat = ChatScript()
    chat.me("[红包]", kind: .redPacket)
    chat.add(.system, "王丽领取了你的红包", kind: .system)
    let result = try features(chat)
    #expect(!result.paid)
    #expect(result.payments.count == 1 && result.payments.first?.direction == .toFriend)
  }

  @Test func paymentInWordsNeedsAnOrderOrShipment() throws {
    var ordered = ChatScript()
    ordered.friend("套装帮我下单")
    ordered.friend("钱转你了")
    #expect(try features(ordered).paid)

    var bare = ChatScript()
    bare.friend("上次的钱转你了")
    #expect(try !features(bare).paid)

    var asked = ChatScript()
    asked.me("面膜下单了，付款了吗？")
    asked.friend("还没付款")
    #expect(try !features(asked).paid)
  }

  @Test func amounts() {
    #expect(PaymentEvidence.amountFen(in: "￥1,980.50") == 198_050)
    #expect(PaymentEvidence.amountFen(in: "¥ 20") == 2000)
    #expect(PaymentEvidence.amountFen(in: "已收款198.00元") == 19800)
    #expect(PaymentEvidence.amountFen(in: "没有金额") == nil)
  }
}
