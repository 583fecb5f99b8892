import BeizhuClassify
import BeizhuCore
import BeizhuFeatures
import BeizhuTestSupport
import Foundation
import Testing

@Suite struct ClassifierTests {
  static let extractor: FeatureExtractor? = try? FeatureExtractor()
  static let scheme: Scheme? = try? Scheme.load(named: "weishang")
  let contact = Contact(id: "wxid_friend", alias: "xiaomei")
  /// ChatScript starts on 2024-06-01; today is 2024-06-10.
  let options = ClassifyOptions(today: Day(year: 2024, month: 6, day: 10))

  func classify(
    _ chat: ChatScript, prior: PriorAssessment? = nil, override: Override? = nil,
    options: ClassifyOptions? = nil
  ) throws -> Classification {
    let features = try #require(Self.extractor).features(for: contact, messages: chat.messages)
    return Classifier(scheme: try #require(Self.scheme))
      .classify(
        features, contact: contact, prior: prior, override: override, options: options ?? self.options)
  }

  @Test func distrustBeforeLevelFour() throws {
    var chat = ChatScript()
    for _ in 0..<4 {
      chat.me("最近忙啥呢", after: 86_400)
      chat.friend("瞎忙")
    }
    chat.friend("你是做微商的吧？微商都是骗人的")
    let result = try classify(chat)
    #expect(result.level == 5)
    #expect(result.decisionPath.map(\.rule) == ["paid", "intent", "discussed", "distrust"])
    #expect(result.decisionPath.last?.matched == true)
    #expect(result.reasons.contains { $0.contains("微商都是骗") && $0.contains("2024-06-05") })
  }

  @Test func agentIntentMakesRoleD() throws {
    var chat = ChatScript()
    chat.friend("想做代理，代理价多少")
    chat.me("拿货满20盒五折")
    chat.friend("行，我先拿一批")
    let result = try classify(chat)
    #expect(result.role == .agent)
    #expect(result.level == 2)
    #expect(result.tags.contains("代理") && result.tags.contains("2类"))
  }

  @Test func notExpensiveIsNoObjection() throws {
    var chat = ChatScript()
    chat.me("面膜活动价99")
    chat.friend("不贵，给我留一盒")
    #expect(try classify(chat).level == 2)
  }

  @Test func notConsideringIsARefusal() throws {
    var chat = ChatScript()
    chat.me("面膜活动价99")
    chat.friend("给我留一盒")
    chat.friend("算了，不考虑了")
    let result = try classify(chat)
    #expect(result.level == 3)
    #expect(result.decisionPath[1].matched == false)
  }

  @Test func traditionalObjectionChat() throws {
    var chat = ChatScript()
    chat.friend("面膜多少錢？")
    chat.me("159")
    chat.friend("太貴了，我再考慮一下")
    let result = try classify(chat)
    #expect(result.level == 3)
    #expect(result.productsOfInterest == ["面膜"])
    #expect(result.tags == ["3类", "客户", "意向:面膜"])
  }

  @Test func everyLevelIsReachable() throws {
    var levels: Set<Int> = []
    var paid = ChatScript()
    paid.friend("面膜帮我下单")
    paid.add(.friend, "[转账|发送 ￥99.00]", kind: .transfer)
    levels.insert(try classify(paid).level)
    var intent = ChatScript()
    intent.friend("面膜给我留两盒")
    levels.insert(try classify(intent).level)
    var talk = ChatScript()
    talk.friend("面膜多少钱")
    levels.insert(try classify(talk).level)
    var regular = ChatScript()
    for _ in 0..<3 { regular.friend("早呀", after: 86_400) }
    levels.insert(try classify(regular).level)
    var few = ChatScript()
    few.friend("早呀")
    levels.insert(try classify(few).level)
    levels.insert(try classify(ChatScript()).level)
    #expect(levels == [1, 2, 3, 4, 5, 6])
  }

  @Test func oldLevelIsKeptUnlessDowngradeAllowed() throws {
    var chat = ChatScript()
    chat.friend("早呀")
    let kept = try classify(chat, prior: PriorAssessment(level: 1))
    #expect(kept.level == 1)
    #expect(kept.reasons.contains { $0.contains("旧备注为 1 类") })
    var downgrade = options
    downgrade.allowDowngrade = true
    #expect(try classify(chat, prior: PriorAssessment(level: 1), options: downgrade).level == 5)
    // Evidence may always improve the level.
    #expect(try classify(chat, prior: PriorAssessment(level: 6)).level == 5)
  }

  @Test func channelFromPriorOrUserList() throws {
    var chat = ChatScript()
    chat.friend("早呀")
    #expect(try classify(chat, prior: PriorAssessment(isChannel: true)).isChannel)
    var listed = options
    listed.channelIDs = ["xiaomei"]
    let result = try classify(chat, options: listed)
    #expect(result.isChannel && result.role == .customer)
    #expect(result.tags.contains("传播渠道"))
    #expect(try !classify(chat).isChannel)
  }

  @Test func overridesWinAndSayWhy() throws {
    var chat = ChatScript()
    chat.friend("早呀")
    let result = try classify(
      chat,
      override: Override(
        level: 2, role: .agent, revisit: Day(year: 2024, month: 8, day: 11), addTags: ["VIP"]))
    #expect(result.level == 2 && result.role == .agent)
    #expect(result.revisit == Day(year: 2024, month: 8, day: 11))
    #expect(result.tags == ["2类", "代理", "VIP"])
    #expect(result.reasons.filter { $0.contains("pinned by overrides") }.count == 3)
  }

  @Test func revisitAfterShipment() throws {
    var chat = ChatScript()
    chat.friend("面膜帮我下单")
    chat.add(.friend, "[转账|发送 ￥99.00]", kind: .transfer)
    chat.me("已发货，单号7563651837159", after: 7 * 86_400)  // 2024-06-08
    let result = try classify(chat)
    #expect(result.level == 1)
    #expect(result.revisit == Day(year: 2024, month: 6, day: 11))
  }

  @Test func revisitNeverBeforeToday() throws {
    var chat = ChatScript()
    chat.friend("面膜多少钱")  // 2024-06-01, level 3 every 7 days
    let result = try classify(chat, options: ClassifyOptions(today: Day(year: 2024, month: 7, day: 1)))
    let revisit = try #require(result.revisit)
    #expect(revisit >= Day(year: 2024, month: 7, day: 1))
    #expect(Day(year: 2024, month: 6, day: 1).days(until: revisit) % 7 == 0)
    #expect(try classify(ChatScript()).revisit == options.today)
  }

  @Test func refundFromSellerDoesNotMakeLevelOne() throws {
    var chat = ChatScript()
    chat.friend("面膜多少钱")
    chat.add(
      .me, "", kind: .transfer,
      transfer: Transfer(paySubtype: 1, amountFen: 2000, payer: "wxid_me", receiver: "wxid_friend"))
    let result = try classify(chat)
    #expect(result.level == 3 && !result.paid)
  }

  @Test func schemeFromAFileAndBadSchemes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "beizhu-scheme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let custom = """
      {"version": 1, "id": "two", "name": "两级", "template": "{level}{name}", "lexicons": [],
       "levels": [{"id": "talked", "level": 1, "name": "聊过", "when": {"fact": "interactions", "atLeast": 1}},
                  {"id": "rest", "level": 2, "name": "其他", "when": {"always": true}}],
       "roles": [], "tags": {"level": "L{level}"}, "cadenceDays": {"1": 10}}
      """
    let good = directory.appendingPathComponent("two.json")
    try Data(custom.utf8).write(to: good)
    let scheme = try Scheme(contentsOf: good)
    var chat = ChatScript()
    chat.friend("早")
    let features = try #require(Self.extractor).features(for: contact, messages: chat.messages)
    let result = Classifier(scheme: scheme).classify(features, contact: contact, options: options)
    #expect(result.level == 1 && result.tags == ["L1"])

    let typo = directory.appendingPathComponent("typo.json")
    try Data(custom.replacingOccurrences(of: "\"interactions\"", with: "\"interaction\"").utf8).write(
      to: typo)
    #expect(throws: SchemeError.self) { try Scheme(contentsOf: typo) }
    #expect(throws: SchemeError.unknownPreset(id: "nope", known: Scheme.presets)) {
      try Scheme.load(named: "nope")
    }
  }
}
