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
  private var chunk: [UInt8] = []
  private var position = 0
  private var atEnd = false
  /// 1-based line of the next unread byte.
  private var line = 1
  /// Decoded-stream offset of `chunk[0]`.
  private var chunkOffset: Int64 = 0
  private let offsetBase: Int64

  public init(stream: UTF8Stream, delimiter: UInt8 = UInt8(ascii: ",")) {
    self.stream = stream
    self.delimiter = delimiter
    offsetBase = stream.hadBOM ? 3 : 0
  }

  private func refill() throws(ImportError) -> Bool {
    if atEnd { return false }
    chunkOffset += Int64(chunk.count)
    chunk = try stream.next()
    position = 0
    if chunk.isEmpty {
      atEnd = true
      return false
    }
    return true
  }

  /// The next record, or `nil` at the end of the file. Blank lines are skipped.
  public func next() throws(ImportError) -> CSVRecord? {
    let quote = UInt8(ascii: "\"")
    let cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")
    var fields: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var fieldWasQuoted = false
    var quoteJustClosed = false
    var started = false
    var startLine = line
    var startOffset: Int64 = 0

    func finishField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
      quoteJustClosed = false
    }

    while true {
      if position >= chunk.count {
        guard try refill() else { break }
      }
      let byte = chunk[position]
      if !started {
        // Skip blank lines between records.
        if byte == lf || byte == cr {
          if byte == lf {
            line += 1
          } else if !(position + 1 < chunk.count && chunk[position + 1] == lf) {
            line += 1
          }
          position += 1
          continue
        }
        started = true
        startLine = line
        startOffset = stream.encoding == .utf8 ? offsetBase + chunkOffset + Int64(position) : -1
      }
      position += 1
      if inQuotes {
        if byte == quote {
          inQuotes = false
          quoteJustClosed = true
        } else {
          if byte == lf { line += 1 }
          field.append(byte)
        }
        continue
      }
      if quoteJustClosed && byte == quote {
        // `""` inside a quoted field is one quote.
        field.append(quote)
        inQuotes = true
        quoteJustClosed = false
        continue
      }
      switch byte {
      case delimiter:
        finishField()
      case quote where field.isEmpty && !fieldWasQuoted:
        inQuotes = true
        fieldWasQuoted = true
      case lf:
        line += 1
        finishField()
        return CSVRecord(fields: fields, line: startLine, byteOffset: startOffset)
      case cr:
        // `\r\n`, `\r\r\n` and a lone `\r` all end the record.
        if position >= chunk.count { _ = try refill() }
        while position < chunk.count && chunk[position] == cr {
          position += 1
          if position >= chunk.count { _ = try refill() }
        }
        if position < chunk.count && chunk[position] == lf { position += 1 }
        line += 1
        finishField()
        return CSVRecord(fields: fields, line: startLine, byteOffset: startOffset)
      default:
        quoteJustClosed = false
        field.append(byte)
      }
    }
    guard started else { return nil }
    let truncated = inQuotes
    finishField()
    return CSVRecord(fields: fields, line: startLine, byteOffset: startOffset, isTruncated: truncated)
  }
}
