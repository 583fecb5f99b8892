/// How a chat file names its conversation. Exports differ: some carry the wxid, some the
/// WeChat ID, some only a display name or a sanitised file name. The workspace resolves a
/// reference to one contact.
public struct ChatRef: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Key: Sendable, Hashable, Codable {
    /// The permanent id (`wxid_…`, `…@chatroom`).
    case id(String)
    /// The WeChat ID (Alias), or the wxid where an exporter shows that instead.
    case alias(String)
    /// A display name (remark or nickname, possibly sanitised for a file name).
    case name(String)
  }

  public var key: Key
  /// `true` for a group chat, `false` for a private chat, `nil` when the export does not say.
  public var isGroup: Bool?
  /// A name to show for the chat when nothing better is known.
  public var title: String

  public init(_ key: Key, isGroup: Bool? = nil, title: String = "") {
    self.key = key
    self.isGroup = isGroup
    self.title = title
  }

  /// A stable text form, used as the chat's key in the workspace: `id:…`, `alias:…`, `name:…`.
  public var storageKey: String {
    switch key {
    case .id(let value): "id:\(value)"
    case .alias(let value): "alias:\(value)"
    case .name(let value): "name:\(value)"
    }
  }

  public var description: String { storageKey }
}
