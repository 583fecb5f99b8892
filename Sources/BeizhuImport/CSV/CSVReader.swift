/// A streaming CSV reader over UTF-8 bytes: one record in memory at a time.
///
/// Reads the dialects the exporters and spreadsheets write (FORMATS.md §17): minimal or full
/// quoting, `""` escapes, line breaks inside quoted fields, and `\n`, `\r\n`, `\r\r\n` or a lone
/// `\r` as record ends. A quote inside an unquoted field is kept literally, as Python's reader does.
///
/// - Complexity: O(n) in the file size; memory bounded by the largest record.
public final class CSVReader {
  private let stream: UTF8Stream
  private let delimiter: UInt8
  private let offsetBase: Int64
  private var cursor = Cursor()

  /// Where the reader is. `next()` works on a local copy and stores it back: read through the
  /// class, every byte's access to the chunk and position paid a dynamic exclusivity check.
  private struct Cursor {
    var stream = ChunkCursor()
    /// 1-based line of the next unread byte.
    var line = 1
    /// Fields of the last record: the next one reserves as many (growing the array field by
    /// field reallocated it four or five times per record).
    var lastFieldCount = 0
    /// Bytes of a field that spans chunks or holds `""`; reused from record to record.
    var field: [UInt8] = []

    var chunk: [UInt8] { stream.chunk }
    var position: Int {
      get { stream.position }
      set { stream.position = newValue }
    }
    var chunkOffset: Int64 { stream.chunkOffset }

    mutating func refill(from source: UTF8Stream) throws(ImportError) -> Bool {
      try stream.refill(from: source)
    }
  }

  public init(stream: UTF8Stream, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.stream = stream
    self.delimiter = delimiter
    offsetBase = stream.hadBOM ? 3 : 0
  }

  /// The next record, or `nil` at the end of the file. Blank lines are skipped.
  public func next() throws(ImportError) -> CSVRecord? {
    // Taken out, so the local copy's buffers are not shared (no copy when `field` grows).
    var cursor = self.cursor
    self.cursor = Cursor()
    defer { self.cursor = cursor }
    return try Self.next(&cursor, stream: stream, delimiter: delimiter, offsetBase: offsetBase)
  }

  private static func next(_ cursor: inout Cursor, stream: UTF8Stream, delimiter: UInt8, offsetBase: Int64)
    throws(ImportError) -> CSVRecord?
  {
    let quote = UInt8(ascii: "\"")
    let cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")
    var fields: [String] = []
    fields.reserveCapacity(cursor.lastFieldCount)
    cursor.field.removeAll(keepingCapacity: true)
    // A field that lies whole in the chunk is made straight from it, without copying its bytes
    // into `field` first (nearly every field).
    var direct: String?
    var inQuotes = false
    var fieldWasQuoted = false
    var quoteJustClosed = false
    var started = false
    var startLine = cursor.line
    var startOffset: Int64 = 0

    func finishField() {
      fields.append(direct ?? String(decoding: cursor.field, as: UTF8.self))
      direct = nil
      cursor.field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
      quoteJustClosed = false
    }

    /// More bytes for a field already made directly: continue it in `field`.
    func spill() {
      guard let text = direct else { return }
      cursor.field.append(contentsOf: text.utf8)
      direct = nil
    }

    func record(isTruncated: Bool = false) -> CSVRecord {
      cursor.lastFieldCount = fields.count
      return CSVRecord(fields: fields, line: startLine, byteOffset: startOffset, isTruncated: isTruncated)
    }

    while true {
      if cursor.position >= cursor.chunk.count {
        guard try cursor.refill(from: stream) else { break }
      }
      let byte = cursor.chunk[cursor.position]
      if !started {
        // Skip blank lines between records.
        if byte == lf || byte == cr {
          if byte == lf {
            cursor.line += 1
          } else if !(cursor.position + 1 < cursor.chunk.count && cursor.chunk[cursor.position + 1] == lf) {
            cursor.line += 1
          }
          cursor.position += 1
          continue
        }
        started = true
        startLine = cursor.line
        startOffset =
          stream.encoding == .utf8 ? offsetBase + cursor.chunkOffset + Int64(cursor.position) : -1
      }
      if inQuotes {
        // The quoted text up to the next quote, a run at a time (a byte per call showed in
        // profiles: message text is most of a CSV).
        let start = cursor.position
        var end = start
        var newlines = 0
        let count = cursor.chunk.count
        while end < count, cursor.chunk[end] != quote {
          if cursor.chunk[end] == lf { newlines += 1 }
          end += 1
        }
        cursor.line += newlines
        // Whole in this chunk and not followed by a `""`: the field's text as it lies.
        if cursor.field.isEmpty, direct == nil, end + 1 < count, cursor.chunk[end + 1] != quote {
          direct = String(decoding: cursor.chunk[start..<end], as: UTF8.self)
        } else {
          spill()
          cursor.field.append(contentsOf: cursor.chunk[start..<end])
        }
        cursor.position = end
        if end < count {
          cursor.position += 1
          inQuotes = false
          quoteJustClosed = true
        }
        continue
      }
      cursor.position += 1
      if quoteJustClosed && byte == quote {
        // `""` inside a quoted field is one quote.
        spill()
        cursor.field.append(quote)
        inQuotes = true
        quoteJustClosed = false
        continue
      }
      switch byte {
      case delimiter:
        finishField()
      case quote where cursor.field.isEmpty && direct == nil && !fieldWasQuoted:
        inQuotes = true
        fieldWasQuoted = true
      case lf:
        cursor.line += 1
        finishField()
        return record()
      case cr:
        // `\r\n`, `\r\r\n` and a lone `\r` all end the record.
        if cursor.position >= cursor.chunk.count { _ = try cursor.refill(from: stream) }
        while cursor.position < cursor.chunk.count && cursor.chunk[cursor.position] == cr {
          cursor.position += 1
          if cursor.position >= cursor.chunk.count { _ = try cursor.refill(from: stream) }
        }
        if cursor.position < cursor.chunk.count && cursor.chunk[cursor.position] == lf {
          cursor.position += 1
        }
        cursor.line += 1
        finishField()
        return record()
      default:
        quoteJustClosed = false
        // The rest of an unquoted run: inside a field a quote is literal.
        let count = cursor.chunk.count
        var end = cursor.position
        while end < count {
          let next = cursor.chunk[end]
          if next == delimiter || next == lf || next == cr { break }
          end += 1
        }
        if cursor.field.isEmpty, direct == nil, !fieldWasQuoted, end < count {
          direct = String(decoding: cursor.chunk[(cursor.position - 1)..<end], as: UTF8.self)
        } else {
          spill()
          cursor.field.append(byte)
          cursor.field.append(contentsOf: cursor.chunk[cursor.position..<end])
        }
        cursor.position = end
      }
    }
    guard started else { return nil }
    let truncated = inQuotes
    finishField()
    return record(isTruncated: truncated)
  }
}
