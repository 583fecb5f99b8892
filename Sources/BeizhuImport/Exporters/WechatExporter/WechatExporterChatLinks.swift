import Foundation

/// The chat list `<Owner>/index.html` as the TXT importer needs it: each chat folder's WeChat ID,
/// read by the chat-list importer (`WechatExporterChatList`). The map of the last list read is
/// cached, because every chat of an export asks for the same list.
final class WechatExporterChatLinks: @unchecked Sendable {
  static let shared = WechatExporterChatLinks()
  /// A chat list is one row per chat; anything larger is not one.
  static let maxSize = 64 << 20

  private let lock = NSLock()
  private var cachedPath: String?
  private var cached: [String: String] = [:]

  func aliases(listPath: String) -> [String: String] {
    lock.lock()
    defer { lock.unlock() }
    if cachedPath == listPath { return cached }
    cached = Self.read(listPath)
    cachedPath = listPath
    return cached
  }

  static func read(_ path: String) -> [String: String] {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxSize
    else { return [:] }
    return WechatExporterChatList.aliases(path: path)
  }
}
