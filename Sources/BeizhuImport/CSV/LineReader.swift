/// Reads a text file line by line over UTF-8 bytes, for the TXT exports.
///
/// `\n`, `\r\n` and a lone `\r` end a line; the line ending is not part of the text.
public final class LineReader {
  public struct Line: Sendable {
    public var text: String
    /// 1-based line number.
    public var number: Int
    /// Byte offset of the line, or -1 when the file was transcoded.
    public var byteOffset: Int64
  }

  private let stream: UTF8Stream
  private var chunk: [UInt8] = []
  private var position = 0
  private var chunkOffset: Int64 = 0
  private var atEnd = false
  private var number = 0
  private let offsetBase: Int64

  public init(stream: UTF8Stream) {
    self.stream = stream
    offsetBase = stream.hadBOM ? 3 : 0
  }

  /// The next line, or `nil` at the end of the file.
  public func next() throws(ImportError) -> Line? {
    var bytes: [UInt8] = []
    var started = false
    var startOffset: Int64 = -1
    while true {
      if position >= chunk.count {
        if atEnd { break }
        chunkOffset += Int64(chunk.count)
        chunk = try stream.next()
        position = 0
        if chunk.isEmpty {
          atEnd = true
          break
        }
      }
      if !started {
        started = true
        startOffset = stream.encoding == .utf8 ? offsetBase + chunkOffset + Int64(position) : -1
      }
      // Scan to the next line break inside this chunk without per-byte appends.
      var end = position
      while end < chunk.count && chunk[end] != 0x0A && chunk[end] != 0x0D { end += 1 }
      bytes.append(contentsOf: chunk[position..<end])
      if end == chunk.count {
        position = end
        continue
      }
      let terminator = chunk[end]
      position = end + 1
      if terminator == 0x0D {
        if position >= chunk.count && !atEnd {
          chunkOffset += Int64(chunk.count)
          chunk = try stream.next()
          position = 0
          if chunk.isEmpty { atEnd = true }
        }
        if position < chunk.count && chunk[position] == 0x0A { position += 1 }
      }
      number += 1
      return Line(text: String(decoding: bytes, as: UTF8.self), number: number, byteOffset: startOffset)
    }
    guard started, !bytes.isEmpty else { return nil }
    number += 1
    return Line(text: String(decoding: bytes, as: UTF8.self), number: number, byteOffset: startOffset)
  }
}
