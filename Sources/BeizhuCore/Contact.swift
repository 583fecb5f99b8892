/// A WeChat contact as an export describes it.
///
/// Fields an export does not have are empty; the workspace merges what several exports say
/// about the same `id`.
public struct Contact: Sendable, Hashable, Codable {
  /// The permanent id (`wxid_…`, an old free-form id, `…@chatroom`, `gh_…`), or what the export
  /// identifies the contact by when it has no id (WechatExporter's Alias, wechat-dump's file stem).
  public var id: String
  /// The user-visible WeChat ID (微信号), often empty.
  public var alias: String
  /// The contact's own nickname.
  public var nickname: String
  /// The remark (备注名) the owner set.
  public var remark: String
  /// Tag (标签) names.
  public var tags: [String]
  /// The description (描述) the owner wrote.
  public var description: String
  public var phones: [String]
  /// Free-form region, e.g. `浙江 杭州`.
  public var region: String
  /// `nil` when the source does not say; the workspace decides from ids and chats.
  public var kind: ContactKind?
  /// Other names the exports use for this contact (sanitised folder names, display names).
  public var otherNames: [String]

  public init(
    id: String, alias: String = "", nickname: String = "", remark: String = "", tags: [String] = [],
    description: String = "", phones: [String] = [], region: String = "", kind: ContactKind? = nil,
    otherNames: [String] = []
  ) {
    self.id = id
    self.alias = alias
    self.nickname = nickname
    self.remark = remark
    self.tags = tags
    self.description = description
    self.phones = phones
    self.region = region
    self.kind = kind
    self.otherNames = otherNames
  }

  /// The name WeChat shows: the remark, else the nickname, else the alias, else the id.
  public var displayName: String {
    if !remark.isEmpty { return remark }
    if !nickname.isEmpty { return nickname }
    if !alias.isEmpty { return alias }
    return id
  }
}
