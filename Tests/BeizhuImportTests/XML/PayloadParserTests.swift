import BeizhuCore
import Testing

@testable import BeizhuImport

@Suite struct PayloadParserSampleTests {
  let parser = PayloadParser()

  func sample(_ name: String) throws -> Payload {
    try parser.parse(try PayloadFixtures.sample("payloads/" + name))
  }

  @Test func everySamplePayloadFileIsCovered() throws {
    let covered: Set = [
      "appmsg_2000_transfer_friend_pays_paysubtype1.xml",
      "appmsg_2000_transfer_seller_accepts_paysubtype3.xml",
      "appmsg_2000_transfer_seller_pays_refund_paysubtype1.xml", "appmsg_2001_redpacket_from_friend.xml",
      "appmsg_57_quote.xml", "appmsg_5_link.xml", "type10000_system_messages.txt",
      "type34_voice_strcontent.xml", "type3_image_strcontent.xml", "type47_emoji_strcontent.xml",
    ]
    #expect(Set(try PayloadFixtures.samplePayloadNames()) == covered)
  }

  @Test func friendPaysInitiation() throws {
    let payload = try sample("appmsg_2000_transfer_friend_pays_paysubtype1.xml")
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 1, amountFen: 19800, payer: "wxid_wangli1985", receiver: "wxid_lxy2023skin",
            transferID: "10000500012024301159142080", memo: "水乳套装")))
    #expect(payload.messageKind == .transfer)
    #expect(payload.displayText == "水乳套装")
  }

  @Test func sellerAcceptsReceipt() throws {
    let payload = try sample("appmsg_2000_transfer_seller_accepts_paysubtype3.xml")
    guard case .transfer(let transfer) = payload.content else {
      Issue.record("not a transfer: \(payload.content)")
      return
    }
    #expect(transfer.paySubtype == 3)
    #expect(transfer.isInitiation == false)
    #expect(transfer.amountFen == 19800)
    #expect(transfer.payer == "wxid_wangli1985")
    #expect(transfer.receiver == "wxid_lxy2023skin")
    #expect(transfer.transferID == "10000500012024595496216759")
  }

  @Test func sellerPaysRefund() throws {
    let payload = try sample("appmsg_2000_transfer_seller_pays_refund_paysubtype1.xml")
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 1, amountFen: 2000, payer: "wxid_lxy2023skin", receiver: "wxid_wangli1985",
            transferID: "10000500012024595496219999", memo: "运费补偿")))
  }

  @Test func redPacketFromFriend() throws {
    let payload = try sample("appmsg_2001_redpacket_from_friend.xml")
    #expect(
      payload.content
        == .redPacket(
          Payload.RedPacket(blessing: "恭喜发财，大吉大利", receiverTitle: "恭喜发财，大吉大利", senderTitle: "恭喜发财，大吉大利")))
    #expect(payload.fromUsername == "wxid_coco_orange")
    #expect(payload.messageKind == .redPacket)
  }

  @Test func quote() throws {
    let payload = try sample("appmsg_57_quote.xml")
    #expect(
      payload.content
        == .quote(
          Payload.Quote(
            text: "这个还有货吗？我想要两盒", quotedType: 1, quotedServerID: "4465895403173082483",
            quotedFrom: "wxid_lxy2023skin", quotedChat: nil, quotedDisplayName: "林小雨🌷",
            quotedContent: "【限时福利】补水面膜第二件半价，今晚12点截止！", quotedTime: 1_712_129_985)))
    #expect(payload.fromUsername == "wxid_xiaolu0321")
    #expect(payload.displayText == "这个还有货吗？我想要两盒")
  }

  @Test func link() throws {
    let payload = try sample("appmsg_5_link.xml")
    #expect(
      payload.content
        == .link(
          Payload.Link(
            title: "补水面膜使用教程｜敷完要不要洗脸？", description: "早晚各一次，15分钟揭下，轻拍至吸收",
            url: "https://mp.weixin.qq.com/s/AbCdEfGh123456", sourceName: "小雨美肤课堂")))
  }

  @Test func image() throws {
    let payload = try sample("type3_image_strcontent.xml")
    #expect(
      payload.content == .image(Payload.Image(md5: "1da6638fa88f6c1c5b5daa0ef5fa3aa1", length: 184_320)))
    #expect(payload.displayText == "")
  }

  @Test func voice() throws {
    let payload = try sample("type34_voice_strcontent.xml")
    #expect(payload.content == .voice(Payload.Voice(durationMilliseconds: 5200)))
  }

  @Test func emojiWithSpacesAroundEqualsAndEscapedAmpersands() throws {
    let payload = try sample("type47_emoji_strcontent.xml")
    #expect(
      payload.content
        == .emoji(
          Payload.Emoji(
            md5: "6b9505fa9083463c4c934d5842bc0afd",
            cdnURL:
              "http://wxapp.tc.qq.com/262/20304/stodownload?m=6b9505fa9083463c4c934d5842bc0afd&filekey=30340201010420301e020201060402535a04106b9505fa9083463c4c934d5842bc0afd&hy=SZ&storeid=323032&bizid=1023"
          )))
  }

  @Test func systemMessagesSample() throws {
    let lines = try PayloadFixtures.sample("payloads/type10000_system_messages.txt")
      .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    let notices = lines.map(SystemNotice.init(markup:))
    #expect(
      notices.map(\.text) == [
        "你已添加了王丽，现在可以开始聊天了。", "以上是打招呼的内容", "你领取了Coco 🍊的红包", "王丽领取了你的红包",
        "\"王丽\" 撤回了一条消息", "你撤回了一条消息 重新编辑", "\"王丽\" 拍了拍我",
        "对方开启了朋友验证，你还不是他（她）朋友。请先发送朋友验证请求，对方验证通过后，才能聊天。发送朋友验证",
      ])
    #expect(
      notices.map(\.event) == [
        .friendAdded(name: "王丽"), .greetingMarker, .redPacketOpenedByMe(from: "Coco 🍊"),
        .redPacketOpenedByOther(opener: "王丽"), .recalled(by: "王丽"), .recalledByMe, .pat, .deletedByFriend,
      ])
  }

  @Test func memoTrace3RedPacketDictFromSampleCSV() throws {
    let csv = try PayloadFixtures.sample("memotrace3/聊天记录/Coco(同事介绍)(wxid_coco_orange)/Coco(同事介绍).csv")
    let start = try #require(csv.firstRange(of: "-1\n{'msg'"))
    let end = try #require(csv[start.lowerBound...].firstRange(of: "}}\","))
    let cell = String(csv[start.lowerBound..<csv.index(end.lowerBound, offsetBy: 2)])
    let payload = try PayloadParser.parsePythonRepr(cell)
    #expect(
      payload.content
        == .redPacket(
          Payload.RedPacket(blessing: "恭喜发财，大吉大利", receiverTitle: "恭喜发财，大吉大利", senderTitle: "恭喜发财，大吉大利")))
    #expect(payload.fromUsername == "wxid_coco_orange")
    // The instance parser recognises the same text.
    #expect(try parser.parse(cell) == payload)
  }
}

@Suite struct PayloadParserOwnFixtureTests {
  let parser = PayloadParser()

  func ours(_ name: String) throws -> Payload { try parser.parse(try PayloadFixtures.ours(name)) }

  @Test func halfWidthYenWithoutCDATA() throws {
    let payload = try ours("transfer_yen_halfwidth_no_cdata.xml")
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 3, amountFen: 129_950, payer: "wxid_buyer_02", receiver: "wxid_seller_01",
            transferID: "10000500012024700000000001", memo: "面膜&精华 两盒")))
  }

  @Test func weChat4GroupPrefix() throws {
    let payload = try ours("transfer_wx4_group_prefix.xml")
    #expect(payload.groupSender == "wxid_grp_member7")
    #expect(payload.fromUsername == "wxid_grp_member7")
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 7, amountFen: 50, payer: "wxid_grp_member7", receiver: "wxid_seller_01",
            transferID: "1000050001202480000000777", memo: nil)))
  }

  @Test func returnedRefundFallsBackToTransactionID() throws {
    let payload = try ours("transfer_refund_by_seller_returned_paysubtype4.xml")
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 4, amountFen: 8800, payer: "wxid_seller_01", receiver: "wxid_buyer_02",
            transferID: "10000500012024900000000042", memo: "退款：少发一盒")))
  }

  @Test func redPacketBlessingFromSenderTitle() throws {
    let payload = try ours("redpacket_blessing_goods_no_cdata.xml")
    #expect(
      payload.content
        == .redPacket(Payload.RedPacket(blessing: "货款", receiverTitle: "", senderTitle: "货款")))
    #expect(payload.fromUsername == "wxid_buyer_02")
  }

  @Test func sysmsgRevoke() throws {
    let payload = try ours("sysmsg_revoke.xml")
    #expect(payload.content == .recall(SystemNotice(text: "\"阿May\" 撤回了一条消息")))
    if case .recall(let notice) = payload.content { #expect(notice.event == .recalled(by: "阿May")) }
    #expect(payload.messageKind == .system)
  }

  @Test func bareRevokemsg() throws {
    let payload = try parser.parse("<revokemsg>你撤回了一条消息</revokemsg>")
    #expect(payload.content == .recall(SystemNotice(text: "你撤回了一条消息")))
    if case .recall(let notice) = payload.content { #expect(notice.event == .recalledByMe) }
  }

  @Test func sysmsgPat() throws {
    let payload = try ours("sysmsg_pat.xml")
    #expect(
      payload.content
        == .pat(
          Payload.Pat(text: "\"${wxid_buyer_02}\" 拍了拍我", from: "wxid_buyer_02", patted: "wxid_seller_01")))
    #expect(payload.messageKind == .pat)
  }

  @Test func voipInviteWithSecondRootIsACall() throws {
    #expect(try ours("voip_invite_two_roots.xml").content == .call(Payload.Call(text: "")))
  }

  @Test func voipBubble() throws {
    #expect(try ours("voip_bubble.xml").content == .call(Payload.Call(text: "通话时长 00:31")))
  }

  @Test func location() throws {
    #expect(
      try ours("location.xml").content
        == .location(
          Payload.Location(
            latitude: "30.274084", longitude: "120.155070", label: "浙江省杭州市西湖区文三路 & 学院路口", poiName: "西湖文化广场")))
  }

  @Test func video() throws {
    #expect(
      try ours("video.xml").content
        == .video(
          Payload.Video(md5: "0123456789abcdef0123456789abcdef", length: 2_345_678, durationSeconds: 15)))
  }

  @Test func file() throws {
    let payload = try ours("file_appmsg6.xml")
    #expect(
      payload.content
        == .file(Payload.FileAttachment(title: "2024秋季价目表.xlsx", size: 48213, fileExtension: "xlsx")))
    #expect(payload.messageKind == .file)
  }

  @Test func mergedForwardIgnoresNestedRecordXML() throws {
    let payload = try ours("merged_forward_19.xml")
    #expect(payload.content == .mergedForward(title: "群聊的聊天记录", description: "阿May: 这个多少钱\n小雨: 198一套"))
    #expect(payload.messageKind == .mergedForward)
  }

  @Test func otherAppTypeKeepsItsNumber() throws {
    let payload = try ours("miniprogram_33.xml")
    #expect(
      payload.content
        == .appMessage(
          Payload.AppMessage(
            type: 33, title: "小雨美肤商城", description: "",
            url: "https://mp.weixin.qq.com/mp/waerrpage?appid=wx1234567890abcdef&type=upgrade")))
    #expect(payload.messageKind == .miniProgram)
  }

  @Test func memoTrace3TransferDict() throws {
    let payload = try parser.parse(try PayloadFixtures.ours("memotrace3_transfer_dict.txt"))
    #expect(
      payload.content
        == .transfer(
          Transfer(
            paySubtype: 1, amountFen: 5880, payer: "wxid_buyer_02", receiver: "wxid_seller_01",
            transferID: "10000500012024301159140001", memo: "Mia's 面膜\n两盒")))
    #expect(payload.fromUsername == "wxid_buyer_02")
  }

  @Test func unknownWellFormedXML() throws {
    #expect(try parser.parse("<msg><foo a='1'/></msg>").content == .unknown(root: "msg"))
    #expect(try parser.parse("<?xml version='1.0'?><rss><channel/></rss>").content == .unknown(root: "rss"))
  }

  @Test func notAPayload() {
    for text in ["", "   ", "你好", "wxid_abc: hello", "<b>bold</b>", "-1\n未知", "{'a' 1}"] {
      #expect(throws: PayloadError.self) { try parser.parse(text) }
    }
  }

  @Test func parserIsReusableAcrossDocumentsAndFailures() throws {
    let good = try PayloadFixtures.sample("payloads/appmsg_2000_transfer_friend_pays_paysubtype1.xml")
    let first = try parser.parse(good)
    for broken in ["<msg><appmsg><title>x</appmsg>", "<msg>", "<msg><a></b></msg>"] {
      #expect(throws: PayloadError.self) { try parser.parse(broken) }
      #expect(try parser.parse(good) == first)
    }
  }

  @Test func encodingDeclarationIsIgnored() throws {
    // The text is already UTF-8 whatever the declaration claims.
    let payload = try parser.parse(
      "<?xml version=\"1.0\" encoding=\"GBK\"?><msg><appmsg><title>价目表</title><type>6</type></appmsg></msg>")
    #expect(payload.content == .file(Payload.FileAttachment(title: "价目表")))
  }
}
