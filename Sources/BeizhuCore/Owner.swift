/// What an export reveals about its owner (the seller): ids and names that mark the owner's
/// own contact row and own messages.
public struct OwnerHint: Sendable, Hashable, Codable {
  public var id: String?
  public var alias: String?
  public var names: [String]
  /// A guess (chatlog's group owner, say) applies only to a contact that has no private chat and
  /// no remark — so a wrong guess can never hide a real friend who talks with the owner.
  public var isGuess: Bool

  public init(id: String? = nil, alias: String? = nil, names: [String] = [], isGuess: Bool = false) {
    self.id = id
    self.alias = alias
    self.names = names
    self.isGuess = isGuess
  }
}
