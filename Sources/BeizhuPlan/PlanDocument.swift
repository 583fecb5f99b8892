import BeizhuCore

/// `beizhu plan --format json`: the stable, versioned document users' scripts read
/// (DESIGN.md, "The command line (contract)"). Keep its shape; add fields only.
public struct PlanDocument: Sendable, Codable, Equatable {
  public static let currentVersion = 1

  public var version: Int
  public var scheme: String
  /// `YYYY-MM-DD`, the day the plan was made for (`--today`).
  public var today: String
  public var contacts: [PlanEntry]
  public var summary: PlanSummary

  public init(scheme: String, today: String, contacts: [PlanEntry], excluded: Int) {
    version = Self.currentVersion
    self.scheme = scheme
    self.today = today
    self.contacts = contacts
    summary = PlanSummary(contacts: contacts, excluded: excluded)
  }
}

/// What happens to one friend.
public enum PlanStatus: String, Sendable, Codable, CaseIterable {
  /// The proposed remark or tags differ from the current ones.
  case change
  /// Nothing to re-enter.
  case unchanged
  /// A person should look first: something would be dropped, the name fell back to an id, or
  /// the remark does not fit.
  case review
}

/// One friend's old → proposed remark and tags, with the evidence.
public struct PlanEntry: Sendable, Codable, Equatable {
  public var id: String
  public var alias: String
  public var nickname: String
  public var oldRemark: String
  public var remark: String
  public var oldTags: [String]
  public var tags: [String]
  public var description: String
  public var phones: [String]
  public var level: Int
  public var role: String
  /// `YYYY-MM-DD`, or `nil` when no revisit is planned.
  public var revisit: String?
  public var interactions: Int
  public var messagesFromFriend: Int
  public var messagesFromMe: Int
  public var productsDiscussed: Bool
  public var paid: Bool
  public var status: PlanStatus
  /// Why: each reason cites its evidence (message time and words).
  public var reasons: [String]
  /// Pieces of the old remark, tags or description that have no place in the new ones, by name.
  public var dropped: [String]

  public init(
    id: String, alias: String, nickname: String, oldRemark: String, remark: String, oldTags: [String],
    tags: [String], description: String, phones: [String], level: Int, role: String, revisit: String?,
    interactions: Int, messagesFromFriend: Int, messagesFromMe: Int, productsDiscussed: Bool, paid: Bool,
    needsReview: Bool, reasons: [String], dropped: [String]
  ) {
    self.id = id
    self.alias = alias
    self.nickname = nickname
    self.oldRemark = oldRemark
    self.remark = remark
    self.oldTags = oldTags
    self.tags = tags
    self.description = description
    self.phones = phones
    self.level = level
    self.role = role
    self.revisit = revisit
    self.interactions = interactions
    self.messagesFromFriend = messagesFromFriend
    self.messagesFromMe = messagesFromMe
    self.productsDiscussed = productsDiscussed
    self.paid = paid
    self.reasons = reasons
    self.dropped = dropped
    if needsReview || !dropped.isEmpty {
      status = .review
    } else if remark == oldRemark && Set(tags) == Set(oldTags) {
      status = .unchanged
    } else {
      status = .change
    }
  }

  // The contract always carries every key, `revisit` as null when there is none.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(alias, forKey: .alias)
    try container.encode(nickname, forKey: .nickname)
    try container.encode(oldRemark, forKey: .oldRemark)
    try container.encode(remark, forKey: .remark)
    try container.encode(oldTags, forKey: .oldTags)
    try container.encode(tags, forKey: .tags)
    try container.encode(description, forKey: .description)
    try container.encode(phones, forKey: .phones)
    try container.encode(level, forKey: .level)
    try container.encode(role, forKey: .role)
    try container.encode(revisit, forKey: .revisit)
    try container.encode(interactions, forKey: .interactions)
    try container.encode(messagesFromFriend, forKey: .messagesFromFriend)
    try container.encode(messagesFromMe, forKey: .messagesFromMe)
    try container.encode(productsDiscussed, forKey: .productsDiscussed)
    try container.encode(paid, forKey: .paid)
    try container.encode(status, forKey: .status)
    try container.encode(reasons, forKey: .reasons)
    try container.encode(dropped, forKey: .dropped)
  }
}

/// Totals at the end of the plan document.
public struct PlanSummary: Sendable, Codable, Equatable {
  public var contacts: Int
  public var excluded: Int
  /// Friends per level, keyed `"1"` … `"6"` (every level present, zero included).
  public var byLevel: [String: Int]
  public var review: Int

  public init(contacts entries: [PlanEntry], excluded: Int) {
    contacts = entries.count
    self.excluded = excluded
    var byLevel: [String: Int] = [:]
    for level in 1...6 { byLevel[String(level)] = 0 }
    for entry in entries { byLevel[String(entry.level), default: 0] += 1 }
    self.byLevel = byLevel
    review = entries.count { $0.status == .review }
  }
}
