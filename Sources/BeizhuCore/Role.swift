/// The role letter of a friend (DESIGN.md): customer, agent (reseller) or channel (spreads the
/// word, written in front of the level).
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
  /// 客户, the default.
  case customer = "K"
  /// 代理.
  case agent = "D"
  /// 传播渠道.
  case channel = "C"

  /// The tag WeChat users see for the role.
  public var tag: String {
    switch self {
    case .customer: "客户"
    case .agent: "代理"
    case .channel: "传播渠道"
    }
  }
}
