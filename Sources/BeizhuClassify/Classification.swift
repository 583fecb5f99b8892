import BeizhuCore
import Foundation

/// What the old remark and tags already said, as the normalizer read them.
public struct PriorAssessment: Sendable, Hashable, Codable {
  public var level: Int?
  public var role: Role?
  /// The old remark or tags mark the friend as a channel (传播渠道).
  public var isChannel: Bool

  public init(level: Int? = nil, role: Role? = nil, isChannel: Bool = false) {
    self.level = level
    self.role = role
    self.isChannel = isChannel
  }
}

/// Values the user pinned for one friend (`--overrides FILE`); applied after the rules.
public struct Override: Sendable, Hashable, Codable {
  public var level: Int?
  public var role: Role?
  public var isChannel: Bool?
  public var revisit: Day?
  /// Tags added to the proposed ones.
  public var addTags: [String]?

  public init(
    level: Int? = nil, role: Role? = nil, isChannel: Bool? = nil, revisit: Day? = nil,
    addTags: [String]? = nil
  ) {
    self.level = level
    self.role = role
    self.isChannel = isChannel
    self.revisit = revisit
    self.addTags = addTags
  }
}

/// Options for one classification run.
public struct ClassifyOptions: Sendable, Hashable {
  /// The date revisits are computed against (`--today`).
  public var today: Day
  /// Let evidence move a friend to a worse level than the old remark says.
  public var allowDowngrade: Bool
  /// Friend ids (or aliases) the user lists as channels (传播渠道).
  public var channelIDs: Set<String>
  public var timeZone: TimeZone

  public init(
    today: Day, allowDowngrade: Bool = false, channelIDs: Set<String> = [],
    timeZone: TimeZone = Day.defaultTimeZone
  ) {
    self.today = today
    self.allowDowngrade = allowDowngrade
    self.channelIDs = channelIDs
    self.timeZone = timeZone
  }
}

/// One rule the engine tried, in order, and what came of it.
public struct RuleTrace: Sendable, Hashable, Codable {
  public var rule: String
  public var level: Int
  public var matched: Bool
  /// Why it matched or failed, in words.
  public var why: String
}

/// The scheme's verdict on one friend, with reasons a user can check.
public struct Classification: Sendable, Hashable, Codable {
  public var scheme: String
  public var level: Int
  public var levelName: String
  /// What to do next with this friend.
  public var next: String?
  public var role: Role
  /// Written in front of the remark (`C4阿杰`).
  public var isChannel: Bool
  public var revisit: Day?
  public var tags: [String]
  /// Readable Chinese lines, each citing evidence with its message time.
  public var reasons: [String]
  /// The level rules tried in order; the last one is the one that matched.
  public var decisionPath: [RuleTrace]
  public var interactions: Int
  public var productsDiscussed: Bool
  public var paid: Bool
  public var productsOfInterest: [String]
}
