import BeizhuCore
import Testing

@testable import BeizhuImport

@Suite struct PayloadEnrichTests {
  let parser = PayloadParser()
  let location = SourceLocation(path: "chat.csv", line: 7, column: 1)

  func message(kind: MessageKind, text: String, payload: String? = nil, side: MessageSide = .friend)
    -> Message
  {
    Message(
      chat: ChatRef(.id("wxid_buyer_02")), time: 1_712_131_324, side: side, kind: kind, text: text,
      payload: payload, source: location)
  }

  @Test func transferFromPayloadField() throws {
    let xml = try PayloadFixtures.sample("payloads/appmsg_2000_transfer_friend_pays_paysubtype1.xml")
    var msg = message(kind: .other, text: "", payload: xml)
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .transfer)
    #expect(msg.transfer?.amountFen == 19800)
    #expect(msg.transfer?.payer == "wxid_wangli1985")
    #expect(msg.text == "水乳套装")
  }

  @Test func transferFromTextKeepsImporterFieldsTheXMLLacks() throws {
    var msg = message(
      kind: .transfer,
      text: "<msg><appmsg><type>2000</type><wcpayinfo><paysubtype>3</paysubtype></wcpayinfo></appmsg></msg>")
    msg.transfer = Transfer(amountFen: 500, memo: "from the export")
    parser.enrich(&msg)
    #expect(msg.transfer == Transfer(paySubtype: 3, amountFen: 500, memo: "from the export"))
    #expect(msg.text == "")
  }

  @Test func redPacketFromMemoTraceDict() throws {
    var msg = message(
      kind: .other,
      text:
        "-1\n{'msg': {'appmsg': {'type': '2001', 'wcpayinfo': {'receivertitle': '货款'}}, 'fromusername': 'wxid_c'}}"
    )
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .redPacket)
    #expect(msg.text == "货款")
  }

  @Test func typedTextIsNeverReadAsXML() throws {
    let fake = try PayloadFixtures.sample("payloads/appmsg_2000_transfer_friend_pays_paysubtype1.xml")
    var msg = message(kind: .text, text: fake)
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .text)
    #expect(msg.transfer == nil)
    #expect(msg.text == fake)
  }

  @Test func systemMarkupIsStripped() {
    var msg = message(
      kind: .system,
      text:
        "<img src=\"SystemMessages_HongbaoIcon.png\"/>  你领取了Coco 🍊的<_wc_custom_link_ href=\"a?b=1&c=2\">红包</_wc_custom_link_>"
    )
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .system)
    #expect(msg.text == "你领取了Coco 🍊的红包")
  }

  @Test func sysmsgPatBecomesPat() throws {
    var msg = message(kind: .system, text: try PayloadFixtures.ours("sysmsg_pat.xml"))
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .pat)
  }

  @Test func groupPrefixFillsSender() throws {
    var msg = message(kind: .other, text: try PayloadFixtures.ours("transfer_wx4_group_prefix.xml"))
    msg.chat = ChatRef(.id("20398765432@chatroom"), isGroup: true)
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.sender == "wxid_grp_member7")
    #expect(msg.kind == .transfer)
    #expect(msg.transfer?.paySubtype == 7)
  }

  @Test func plainMessagesAreLeftAlone() {
    var msg = message(kind: .voice, text: "[语音]")
    let before = msg
    #expect(parser.enrich(&msg) == nil)
    #expect(msg == before)
  }

  @Test func brokenPayloadReportsAnIssueAndKeepsTheMessage() {
    var msg = message(kind: .image, text: "<msg><img md5=\"abc\" length=\"12\"></msg>")
    let error = parser.enrich(&msg)
    #expect(error?.code == .malformed)
    #expect(msg.kind == .image)
    let issue = error?.issue(at: msg.source)
    #expect(issue?.code == .malformedMarkup)
    #expect(issue?.location == location)
  }

  @Test func unknownXMLKeepsTheExportKind() {
    var msg = message(kind: .card, text: "<msg username=\"wxid_x\" nickname=\"名片\"/>")
    #expect(parser.enrich(&msg) == nil)
    #expect(msg.kind == .card)
  }
}
