import Foundation

/// The chat list `<Owner>/index.html`: maps each chat folder to the chat's WeChat ID (Alias),
/// from `<a href="<percent-encoded Chat>/index.html"><Chat> （微信号：<alias>）</a>`.
///
/// A plain byte scan, no HTML parser: only these links matter. The map of the last list read
/// is cached, because every chat of an export asks for the same list.
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
      let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxSize,
      let data = FileManager.default.contents(atPath: path)
    else { return [:] }
    return parse(String(decoding: data, as: UTF8.self))
  }

  static func parse(_ html: String) -> [String: String] {
    var aliases: [String: String] = [:]
    var rest = Substring(html)
    let open = "<a href=\""
    while let link = rest.range(of: open) {
      rest = rest[link.upperBound...]
      guard let hrefEnd = rest.firstIndex(of: "\"") else { break }
      let href = rest[..<hrefEnd]
      guard rest[hrefEnd...].hasPrefix("\">"), href.hasSuffix("/index.html") else { continue }
      let folder = String(href.dropLast("/index.html".count))
      let textStart = rest.index(hrefEnd, offsetBy: 2)
      guard let close = rest[textStart...].range(of: "</a>") else { break }
      let text = rest[textStart..<close.lowerBound]
      rest = rest[close.upperBound...]
      guard let marker = text.range(of: "（微信号："), let end = text[marker.upperBound...].firstIndex(of: "）")
      else { continue }
      let alias = String(text[marker.upperBound..<end])
      if let decoded = folder.removingPercentEncoding, !alias.isEmpty { aliases[decoded] = alias }
    }
    return aliases
  }
}
