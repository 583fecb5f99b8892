import BeizhuCore
import BeizhuPlan

/// What the re-entry files need beyond the plan document: where each friend sits in the
/// contact list, the scheme's level names and next actions, and when each friend last talked.
public struct PlanContext: Sendable, Equatable {
  /// Per friend id.
  public var friends: [String: FriendContext]
  /// The scheme's name for each level (`1` → `成交客户`).
  public var levelNames: [Int: String]
  /// What each level should get next (shown in the agenda).
  public var nextActions: [Int: String]

  public init(friends: [String: FriendContext], levelNames: [Int: String], nextActions: [Int: String]) {
    self.friends = friends
    self.levelNames = levelNames
    self.nextActions = nextActions
  }

  /// The friend's context, or one derived from the entry alone.
  public func friend(_ entry: PlanEntry) -> FriendContext {
    friends[entry.id] ?? FriendContext(section: "#", sortKey: "# " + entry.currentName, lastContact: nil)
  }

  /// Entries in WeChat's contact-list order of their *current* names (sections A–Z, `#`
  /// last), so the user walks the list top to bottom while re-entering.
  public func contactListOrder(_ entries: [PlanEntry]) -> [PlanEntry] {
    entries.map { (entry: $0, context: friend($0)) }.sorted { lhs, rhs in
      let left = (lhs.context.section == "#" ? 1 : 0, lhs.context.section, lhs.context.sortKey, lhs.entry.id)
      let right = (rhs.context.section == "#" ? 1 : 0, rhs.context.section, rhs.context.sortKey, rhs.entry.id)
      return left < right
    }.map(\.entry)
  }
}

/// One friend's place in the contact list and last contact.
public struct FriendContext: Sendable, Equatable {
  /// The contact-list section of the current name: `A`–`Z` or `#`.
  public var section: String
  /// The pinyin key the contact list sorts the current name by.
  public var sortKey: String
  /// `YYYY-MM-DD` of the last message either way, `nil` when they never talked since being added.
  public var lastContact: String?
  /// The description (描述) the friend has now, for the undo file.
  public var oldDescription: String

  public init(section: String, sortKey: String, lastContact: String?, oldDescription: String = "") {
    self.section = section
    self.sortKey = sortKey
    self.lastContact = lastContact
    self.oldDescription = oldDescription
  }
}

extension PlanEntry {
  /// The name the friend shows under in WeChat now: the old remark, else the nickname (else
  /// the WeChat ID or id, when the export had no name).
  public var currentName: String {
    [oldRemark, nickname, alias, id].first { !$0.isEmpty } ?? id
  }
}

/// How long since a friend last talked, for the report's recency chart.
public enum Recency: String, CaseIterable, Sendable {
  case underAMonth, oneToSixMonths, overSixMonths, never

  /// Under 30 days, 30–182 days, more, or no message since being added.
  public init(lastContact: String?, today: String) {
    guard let last = lastContact.flatMap(Day.init(iso:)), let day = Day(iso: today) else {
      self = .never
      return
    }
    let days = last.days(until: day)
    self = days < 30 ? .underAMonth : days <= 182 ? .oneToSixMonths : .overSixMonths
  }

  public var title: String {
    switch self {
    case .underAMonth: "一个月内 under a month"
    case .oneToSixMonths: "1–6 个月 1–6 months"
    case .overSixMonths: "半年以上 over 6 months"
    case .never: "加好友后没聊过 never"
    }
  }
}
