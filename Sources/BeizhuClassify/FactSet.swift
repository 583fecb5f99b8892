import BeizhuCore
import BeizhuFeatures
import Foundation

/// The named facts rules read, computed once per friend, each with its evidence in words.
///
/// Yes/no facts are 1 or 0. Intent, objection, distrust and agent intent come from the friend's
/// own words only; product talk and payments from either side.
public struct FactSet: Sendable, Hashable {
  public private(set) var values: [String: Int] = [:]
  /// Evidence lines per fact, each citing a message time.
  public private(set) var evidence: [String: [String]] = [:]

  /// Every fact name the engine provides.
  public static let known: Set<String> = [
    "paid", "productsDiscussed", "intent", "objection", "openObjection", "distrust", "agentIntent",
    "interactions", "messagesFromFriend", "messagesFromMe", "messages", "shipped", "payments",
    "amountInYuan", "refunds", "daysSinceLastContact", "daysSinceLastPayment", "sessions",
  ]

  static let labels: [String: String] = [
    "paid": "已付款", "productsDiscussed": "谈过产品", "intent": "购买意向", "objection": "异议",
    "openObjection": "未解决的异议", "distrust": "不信任微商", "agentIntent": "代理意向", "interactions": "互动次数",
    "messagesFromFriend": "好友消息数", "messagesFromMe": "我方消息数", "messages": "消息数", "shipped": "已发货",
    "payments": "付款次数", "amountInYuan": "付款金额（元）", "refunds": "我方转出次数",
    "daysSinceLastContact": "距上次联系天数", "daysSinceLastPayment": "距上次付款天数", "sessions": "会话数",
  ]

  static func label(_ name: String) -> String { labels[name] ?? name }

  public func value(_ name: String) -> Int { values[name] ?? 0 }

  public init(features: FriendFeatures, today: Day, timeZone: TimeZone = Day.defaultTimeZone) {
    let stamp = { (time: Int64) in TimeText.format(time, timeZone: timeZone) }
    func cite(_ items: [KeywordEvidence], limit: Int = 3) -> [String] {
      items.prefix(limit).map {
        "\(stamp($0.time)) \($0.side == .friend ? "好友" : "我")说「\($0.words.joined(separator: "、"))」"
      }
    }

    let counted = features.payments.filter { $0.direction == .toMe && $0.countsAsPayment && !$0.cancelled }
    set(
      "paid", counted.isEmpty ? 0 : 1,
      counted.map { payment in
        var line = "\(stamp(payment.time)) \(payment.note)"
        if let fen = payment.amountFen { line += " ￥\(TimeText.yuan(fen))" }
        return line
      })
    set("payments", counted.count, [])
    set("amountInYuan", Int(features.amountInFen / 100), [])
    let refunds = features.payments.filter { $0.direction == .toFriend && !$0.cancelled }
    set("refunds", refunds.count, refunds.map { "\(stamp($0.time)) \($0.note)" })
    for payment in features.payments where !(payment.direction == .toMe && payment.countsAsPayment) {
      // Money that did not count is still cited, so a reader sees why it was left out.
      evidence["paid", default: []].append("不计：\(stamp(payment.time)) \(payment.note)")
    }

    set("productsDiscussed", features.productsDiscussed ? 1 : 0, cite(features.productTalk))
    let intent = features.friendSaid(.intent)
    let objections = features.friendSaid(.objection)
    set("intent", intent.isEmpty ? 0 : 1, cite(intent))
    set("objection", objections.isEmpty ? 0 : 1, cite(objections))
    // An objection is settled by intent the friend voiced after it (a later message).
    let lastIntent = intent.map(\.time).max()
    let lastObjection = objections.map(\.time).max()
    let open = lastObjection.map { objection in lastIntent.map { $0 <= objection } ?? true } ?? false
    set("openObjection", open ? 1 : 0, open ? cite(Array(objections.suffix(2))) : [])
    let distrust = features.friendSaid(.distrust)
    set("distrust", distrust.isEmpty ? 0 : 1, cite(distrust))
    let agent = features.friendSaid(.agent)
    set("agentIntent", agent.isEmpty ? 0 : 1, cite(agent))

    let interactive = features.sessions.filter(\.isInteraction)
    set("interactions", features.interactions, interactive.prefix(5).map { "\(stamp($0.start)) 起的会话有好友发言" })
    set("sessions", features.sessions.count, [])
    set("messagesFromFriend", features.messagesFromFriend, [])
    set("messagesFromMe", features.messagesFromMe, [])
    set("messages", features.messageCount, [])
    set(
      "shipped", features.shipping.isEmpty ? 0 : 1,
      features.shipping.suffix(2).map {
        "\(stamp($0.time)) 发货：\(($0.words + $0.trackingNumbers).joined(separator: "、"))"
      })
    let lastContact = features.lastContact.map { Day(unixTime: $0, timeZone: timeZone).days(until: today) }
    set("daysSinceLastContact", lastContact ?? Int.max / 4, [])
    let lastPayment = counted.last.map { Day(unixTime: $0.time, timeZone: timeZone).days(until: today) }
    set("daysSinceLastPayment", lastPayment ?? Int.max / 4, [])
  }

  private mutating func set(_ name: String, _ value: Int, _ lines: [String]) {
    values[name] = value
    evidence[name, default: []] += lines
  }
}

/// Times and amounts as reasons print them.
enum TimeText {
  /// `2024-04-03 16:02` in `timeZone`.
  static func format(_ time: Int64, timeZone: TimeZone) -> String {
    let day = Day(unixTime: time, timeZone: timeZone)
    let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time))))
    let local = time + offset
    var seconds = local % 86_400
    if seconds < 0 { seconds += 86_400 }
    let hour = seconds / 3600
    let minute = seconds % 3600 / 60
    return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
  }

  /// `198.00` for 19800 fen.
  static func yuan(_ fen: Int64) -> String {
    let cents = abs(fen) % 100
    return "\(fen / 100).\(cents < 10 ? "0" : "")\(cents)"
  }
}
