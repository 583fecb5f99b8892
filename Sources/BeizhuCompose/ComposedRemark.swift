import BeizhuCore

/// The new remark, tags and description for one friend, with the account of the old ones.
public struct ComposedRemark: Sendable, Hashable {
  /// Why a friend needs a human look before the plan is entered.
  public enum ReviewReason: String, Sendable, Hashable, Codable {
    /// The nickname had nothing usable; the alias or id stands in.
    case nameFallback
    /// Something of the old remark would be dropped.
    case droppedInformation
    /// The remark cannot fit the budget even with a one-character name.
    case overBudget
    /// The old remark said a better level than classification found.
    case levelDowngrade
  }

  public var id: String
  public var remark: String
  /// The name part as written in the remark (maybe shortened or extended to be unique).
  public var name: String
  public var level: Int
  public var role: Role
  public var revisit: RevisitDate?
  public var tags: [String]
  public var description: String
  /// Phone numbers as digits.
  public var phones: [String]
  public var accounting: Accounting
  public var normalizedName: NormalizedName
  public var legacy: LegacyRemark
  public var reviewReasons: [ReviewReason]
  /// The contact-list section WeChat will sort the remark into.
  public var section: String
  /// How many phone numbers in the population a search for the revisit code also finds.
  public var revisitSearchCollisions: Int
  /// Set when searching the revisit code would also list many strangers' phone numbers.
  public var revisitSearchWarning: Bool = false

  /// Whether the friend needs a human look.
  public var needsReview: Bool { !reviewReasons.isEmpty }
}
