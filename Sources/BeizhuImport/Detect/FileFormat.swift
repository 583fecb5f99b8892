/// The exporters Beizhu reads (FORMATS.md §2).
public enum Exporter: String, Sendable, Hashable, Codable, CaseIterable {
  case memotrace, memotrace3, pywxdump, chatlog, wechatexporter, weflow, wechatdump

  /// The name users know the tool by.
  public var displayName: String {
    switch self {
    case .memotrace: "MemoTrace 留痕 v2"
    case .memotrace3: "MemoTrace 2025 (v3)"
    case .pywxdump: "PyWxDump"
    case .chatlog: "chatlog"
    case .wechatexporter: "WechatExporter"
    case .weflow: "WeFlow"
    case .wechatdump: "wechat-dump"
    }
  }
}

/// One file format of one exporter, e.g. `chatlog.chat-json`.
public struct FileFormat: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Role: String, Sendable, Hashable, Codable {
    /// A contact list.
    case contacts
    /// Messages of one or more chats.
    case chat
    /// Side information (labels, sessions, chat rooms, owner) that helps other files.
    case auxiliary
  }

  public var exporter: Exporter
  /// Short name within the exporter: `contacts-csv`, `chat-json` …
  public var name: String
  public var role: Role

  public init(_ exporter: Exporter, _ name: String, role: Role) {
    self.exporter = exporter
    self.name = name
    self.role = role
  }

  public var description: String { "\(exporter.rawValue).\(name)" }

  /// Files are imported in this order so that contact lists and owner flags are known before the
  /// chats that refer to them by name.
  public var importPriority: Int {
    switch role {
    case .contacts: 0
    case .auxiliary: 1
    case .chat: 2
    }
  }
}
