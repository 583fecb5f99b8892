/// One CSV record: its fields and where it starts.
public struct CSVRecord: Sendable, Hashable {
  public var fields: [String]
  /// 1-based line where the record starts.
  public var line: Int
  /// Byte offset of the record in the file, or -1 when the file was transcoded.
  public var byteOffset: Int64
  /// The file ended inside a quoted field: the record is incomplete.
  public var isTruncated: Bool

  public init(fields: [String], line: Int, byteOffset: Int64, isTruncated: Bool = false) {
    self.fields = fields
    self.line = line
    self.byteOffset = byteOffset
    self.isTruncated = isTruncated
  }

  /// The field at `index`, or `""` when the row is short (rows edited by hand can be).
  public subscript(safe index: Int?) -> String {
    guard let index, index >= 0, index < fields.count else { return "" }
    return fields[index]
  }
}
