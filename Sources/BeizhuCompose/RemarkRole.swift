/// The role letter of the 微商 scheme.
public enum RemarkRole: String, Sendable, Hashable, Codable, CaseIterable {
  /// 客户, the default.
  case customer = "K"
  /// 代理.
  case agent = "D"
  /// 传播渠道, written in front of the level.
  case channel = "C"

  /// The tag WeChat users see for the role.
  public var tag: String {
    switch self {
    case .customer: return "客户"
    case .agent: return "代理"
    case .channel: return "传播渠道"
    }
  }
}
