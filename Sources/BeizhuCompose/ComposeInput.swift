import BeizhuCore

/// One friend as the composer needs it: what the contact list says and what classification decided.
public struct ComposeInput: Sendable, Hashable {
  public var id: String
  public var alias: String
  public var nickname: String
  public var oldRemark: String
  public var oldTags: [String]
  public var oldDescription: String
  /// Free-form region (`浙江 杭州`), a fallback for the city.
  public var region: String
  /// The maturity level classification decided, 1–6.
  public var level: Int
  /// The role classification decided; `nil` takes the old remark's (then its words, then K).
  public var role: Role?
  /// The revisit date classification decided; `nil` keeps the old remark's.
  public var revisit: RevisitDate?
  /// The shipping address found in the chats, for the description.
  public var address: String
  /// Phone numbers found in the chats or the contact record.
  public var phones: [String]
  /// Further tags from classification (`意向:面膜`).
  public var extraTags: [String]
  /// A name the user pinned; wins over the old remark's and the nickname.
  public var pinnedName: String?

  public init(
    id: String, alias: String = "", nickname: String = "", oldRemark: String = "", oldTags: [String] = [],
    oldDescription: String = "", region: String = "", level: Int, role: Role? = nil,
    revisit: RevisitDate? = nil, address: String = "", phones: [String] = [], extraTags: [String] = [],
    pinnedName: String? = nil
  ) {
    self.id = id
    self.alias = alias
    self.nickname = nickname
    self.oldRemark = oldRemark
    self.oldTags = oldTags
    self.oldDescription = oldDescription
    self.region = region
    self.level = level
    self.role = role
    self.revisit = revisit
    self.address = address
    self.phones = phones
    self.extraTags = extraTags
    self.pinnedName = pinnedName
  }

  /// Takes the contact's own fields; the decisions come from classification.
  public init(contact: Contact, level: Int, role: Role? = nil, revisit: RevisitDate? = nil) {
    self.init(
      id: contact.id, alias: contact.alias, nickname: contact.nickname, oldRemark: contact.remark,
      oldTags: contact.tags, oldDescription: contact.description, region: contact.region, level: level,
      role: role, revisit: revisit, phones: contact.phones)
  }
}
