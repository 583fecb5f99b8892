/// What kind of account a contact is. Only `.friend` is classified; the rest are stored and
/// counted as excluded.
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
  case friend
  case group
  case officialAccount = "official"
  /// Someone met only in groups (`Contact.Type` 4): not a friend.
  case groupMember
  /// The export owner's own account.
  case owner = "self"

  /// The kind an id alone reveals, or `nil` when the id does not say.
  ///
  /// `…@chatroom` is a group and `gh_…` an official account on every WeChat version;
  /// anything else may be a friend, the owner or a group-only member.
  public static func fromID(_ id: String) -> ContactKind? {
    if id.hasSuffix("@chatroom") { return .group }
    if id.hasPrefix("gh_") { return .officialAccount }
    return nil
  }
}
