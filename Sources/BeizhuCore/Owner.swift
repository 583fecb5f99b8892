/// What an export reveals about its owner (the seller): ids and names that mark the owner's
/// own contact row and own messages.
public struct OwnerHint: Sendable, Hashable, Codable {
  public var id: String?
  public var alias: String?
  public var names: [String]

  public init(id: String? = nil, alias: String? = nil, names: [String] = []) {
    self.id = id
    self.alias = alias
    self.names = names
  }
}
