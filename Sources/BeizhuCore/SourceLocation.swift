/// Where a record came from: the file, the 1-based line, and the byte offset.
///
/// Columns are counted in UTF-8 bytes from 1, as in swift-markdown's `SourceLocation`,
/// because importers scan bytes and never build a `String` just to find a column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  public var path: String
  /// 1-based line, or 0 when the format has no lines (one-line JSON).
  public var line: Int
  /// 1-based column in UTF-8 bytes, or 0 when unknown.
  public var column: Int
  /// 0-based byte offset into the file as stored (before any transcoding), or -1 when unknown.
  public var byteOffset: Int64

  public init(path: String, line: Int = 0, column: Int = 0, byteOffset: Int64 = -1) {
    self.path = path
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
  }

  /// `path:line:col`, or `path:@offset` when only the byte offset is known.
  public var description: String {
    if line > 0 {
      return column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }
    if byteOffset >= 0 { return "\(path):@\(byteOffset)" }
    return path
  }
}
