import BeizhuCore
import Foundation

/// What detection sees of a file: its path and its first few KB, decoded.
public struct FileProbe: Sendable {
  public var path: String
  public var size: Int64
  public var encoding: TextEncoding
  public var hadBOM: Bool
  /// The first bytes of the file as UTF-8 (BOM removed, transcoded when needed).
  public var head: [UInt8]
  /// `head` as text; a multibyte character cut at the end becomes U+FFFD.
  public var headText: String
  /// The first line of the head, without its line ending. Every detector asks for it, so it is
  /// made once.
  public let firstLine: String

  public init(path: String, size: Int64, encoding: TextEncoding, hadBOM: Bool, head: [UInt8]) {
    self.path = path
    self.size = size
    self.encoding = encoding
    self.hadBOM = hadBOM
    self.head = head
    self.headText = String(decoding: head, as: UTF8.self)
    let end = head.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? head.endIndex
    firstLine = String(decoding: head[..<end], as: UTF8.self)
  }

  public var fileName: String { (path as NSString).lastPathComponent }
  public var fileExtension: String { (fileName as NSString).pathExtension.lowercased() }
  /// The file name without its extension.
  public var stem: String { (fileName as NSString).deletingPathExtension }
  /// Folder names from the file upwards, nearest first.
  public var parentFolders: [String] {
    Array((path as NSString).deletingLastPathComponent.split(separator: "/").reversed().map(String.init))
  }

  /// Whether the head holds `text`, compared as UTF-8 bytes. Detection runs on every file of a
  /// folder; Foundation's `contains` on the head text was half of importing small files.
  public func headContains(_ text: String) -> Bool {
    let needle = Array(text.utf8)
    guard let first = needle.first, needle.count <= head.count else { return needle.isEmpty }
    return head.withUnsafeBufferPointer { bytes in
      var index = 0
      let last = bytes.count - needle.count
      while index <= last {
        if bytes[index] == first {
          var matched = 1
          while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
          if matched == needle.count { return true }
        }
        index += 1
      }
      return false
    }
  }

  /// The head's first non-space byte.
  public var firstNonSpaceByte: UInt8? {
    head.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
  }

  /// Reads the first `limit` bytes of `path`, decoded to UTF-8.
  public static func read(path: String, limit: Int = 16_384) throws(ImportError) -> FileProbe {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let stream = try UTF8Stream(path: path, chunkSize: 4096) { _ in }
    var head: [UInt8] = []
    while head.count < limit {
      let chunk = try stream.next()
      if chunk.isEmpty { break }
      head += chunk
    }
    if head.count > limit { head.removeLast(head.count - limit) }
    return FileProbe(path: path, size: size, encoding: stream.encoding, hadBOM: stream.hadBOM, head: head)
  }
}
