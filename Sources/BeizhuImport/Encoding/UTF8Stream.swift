import BeizhuCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as a stream of valid UTF-8 chunks, whatever its encoding on disk.
///
/// The encoding is sniffed from the first chunk (FORMATS.md §17). Invalid bytes become U+FFFD
/// and are reported once per file with their line and byte offset; the stream goes on.
///
/// Past its first chunks a file is read and validated ahead on another thread, a few chunks at
/// most: the parser's core then only parses (reading and validating were ~6 % of an HTML import).
public final class UTF8Stream {
  public let path: String
  public let encoding: TextEncoding
  public let hadBOM: Bool

  private let decoder: UTF8ChunkDecoder
  private let onIssue: (Issue) -> Void
  private var first: [UInt8]?
  private var chunksRead = 0
  private var readAhead: ReadAhead?
  /// Chunks read on the caller's thread before reading ahead starts (small files never start it).
  private static let chunksBeforeReadAhead = 2

  /// Opens `path` and sniffs its encoding.
  public init(
    path: String, chunkSize: Int = FileByteSource.defaultChunkSize, onIssue: @escaping (Issue) -> Void
  ) throws(ImportError) {
    self.path = path
    self.onIssue = onIssue
    let source = try FileByteSource(path: path, chunkSize: chunkSize)
    var head = try source.next()
    // Sniff on at least a few KB so that one odd byte in a short first read does not decide.
    while head.count < 4096 {
      let more = try source.next()
      if more.isEmpty { break }
      head += more
    }
    let (encoding, bom) = TextEncoding.sniff(head)
    self.encoding = encoding
    hadBOM = bom > 0
    if bom > 0 { head.removeFirst(bom) }
    decoder = try UTF8ChunkDecoder(path: path, source: source, encoding: encoding, startOffset: Int64(bom))
    first = head
  }

  deinit { readAhead?.cancel() }

  /// The next chunk of valid UTF-8; empty at the end of the file.
  public func next() throws(ImportError) -> [UInt8] {
    if let readAhead {
      let (chunk, issues, error) = readAhead.take()
      issues.forEach(onIssue)
      if let error { throw error }
      return chunk
    }
    chunksRead += 1
    if chunksRead > Self.chunksBeforeReadAhead, !decoder.finished {
      let ahead = ReadAhead(decoder: decoder)
      readAhead = ahead
      return try next()
    }
    var issues: [Issue] = []
    defer { issues.forEach(onIssue) }
    if let pending = first {
      first = nil
      let output = try decoder.decode(pending, issues: &issues)
      if !output.isEmpty { return output }
    }
    return try decoder.next(issues: &issues)
  }
}

/// Turns raw chunks into valid UTF-8 (validating, or converting through iconv), locating the
/// first invalid sequence. Used by one thread at a time.
final class UTF8ChunkDecoder: @unchecked Sendable {
  let path: String
  let encoding: TextEncoding
  private let source: FileByteSource
  private var validator = UTF8Validator()
  private let converter: IconvConverter?
  private(set) var finished = false
  /// Newlines passed so far, to locate invalid bytes by line.
  private var linesBefore = 1
  /// Source offset of the first byte of the current raw chunk.
  private var rawOffset: Int64
  private var invalidSequences = 0

  init(path: String, source: FileByteSource, encoding: TextEncoding, startOffset: Int64) throws(ImportError) {
    self.path = path
    self.source = source
    self.encoding = encoding
    rawOffset = startOffset
    converter = encoding == .utf8 ? nil : try IconvConverter(from: encoding)
  }

  /// The next non-empty chunk of valid UTF-8; empty at the end of the file.
  func next(issues: inout [Issue]) throws(ImportError) -> [UInt8] {
    while !finished {
      var raw = try source.next()
      if converter == nil, !raw.isEmpty {
        // A read that cut a character is completed from the file (at most three bytes), so the
        // chunk is handed on whole instead of being copied behind the cut character.
        try source.append(UTF8Validator.missingBytes(atEndOf: raw), to: &raw)
      }
      let output = try decode(raw, issues: &issues)
      if !output.isEmpty { return output }
    }
    return []
  }

  /// Decodes one raw chunk (empty: the end of the file); the output may be empty when the chunk
  /// ends inside a character.
  func decode(_ raw: [UInt8], issues: inout [Issue]) throws(ImportError) -> [UInt8] {
    let isFinal = raw.isEmpty
    if isFinal { finished = true }
    let chunkStart = rawOffset
    rawOffset += Int64(raw.count)
    var output: [UInt8]
    if let converter {
      output = converter.convert(raw, isFinal: isFinal) { offset in
        report(byteOffset: chunkStart + Int64(offset), exactOffset: false, into: &issues)
      }
    } else {
      let linesAtStart = linesBefore
      output = validator.repair(raw, isFinal: isFinal) { offset in
        let line = linesAtStart + raw.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        report(byteOffset: chunkStart + Int64(offset), line: line, exactOffset: true, into: &issues)
      }
    }
    // Lines only locate the first invalid sequence; after it is reported they are not needed.
    if invalidSequences == 0 { linesBefore += output.withUnsafeBufferPointer(HTMLBytes.newlines) }
    return output
  }

  private func report(byteOffset: Int64, line: Int? = nil, exactOffset: Bool, into issues: inout [Issue]) {
    invalidSequences += 1
    // One located warning per file is enough to act on.
    guard invalidSequences == 1 else { return }
    issues.append(
      Issue(
        .warning, .invalidEncoding,
        at: SourceLocation(path: path, line: line ?? linesBefore, byteOffset: exactOffset ? byteOffset : -1),
        "bytes that are not valid \(encoding.rawValue) were replaced by U+FFFD / 文件含有无效字节，已替换",
        hint: "re-save the file as UTF-8, or check that it is not truncated"))
  }
}

/// Decodes chunks on a background thread into a small bounded queue, in order.
final class ReadAhead: @unchecked Sendable {
  private struct Item {
    var chunk: [UInt8]
    var issues: [Issue]
    var error: ImportError?
  }
  private let condition = NSCondition()
  private var items: [Item] = []
  private var cancelled = false
  private var ended = false
  /// Chunks decoded ahead at most (memory stays a few hundred KB).
  private static let capacity = 4

  init(decoder: UTF8ChunkDecoder) {
    let thread = Thread { [self] in run(decoder) }
    thread.name = "beizhu.read-ahead"
    thread.start()
  }

  private func run(_ decoder: UTF8ChunkDecoder) {
    while true {
      var issues: [Issue] = []
      var item: Item
      do {
        let chunk = try decoder.next(issues: &issues)
        item = Item(chunk: chunk, issues: issues, error: nil)
      } catch {
        item = Item(chunk: [], issues: issues, error: error)
      }
      condition.lock()
      while items.count >= Self.capacity, !cancelled { condition.wait() }
      if cancelled {
        condition.unlock()
        return
      }
      items.append(item)
      condition.broadcast()
      condition.unlock()
      if item.chunk.isEmpty { return }
    }
  }

  /// The next decoded chunk (waits for it); empty at the end, repeatedly.
  func take() -> (chunk: [UInt8], issues: [Issue], error: ImportError?) {
    condition.lock()
    defer { condition.unlock() }
    if ended { return ([], [], nil) }
    while items.isEmpty { condition.wait() }
    let item = items.removeFirst()
    if item.chunk.isEmpty { ended = true }
    condition.broadcast()
    return (item.chunk, item.issues, item.error)
  }

  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

/// Streaming conversion to UTF-8 through the C library's iconv (glibc on Linux, libiconv on macOS).
final class IconvConverter {
  private let handle: iconv_t
  private var pending: [UInt8] = []
  private let unitSize: Int

  init(from encoding: TextEncoding) throws(ImportError) {
    let handle = iconv_open("UTF-8", encoding.rawValue)
    guard let handle, handle != iconv_t(bitPattern: -1) else {
      throw ImportError.unsupportedEncoding(encoding.rawValue)
    }
    self.handle = handle
    unitSize = encoding == .gb18030 ? 1 : 2
  }

  deinit { iconv_close(handle) }

  func convert(_ input: [UInt8], isFinal: Bool, onInvalid: (Int) -> Void) -> [UInt8] {
    var bytes = pending
    bytes.append(contentsOf: input)
    pending.removeAll()
    var output = [UInt8]()
    output.reserveCapacity(bytes.count * 2)
    var outBuffer = [UInt8](repeating: 0, count: max(64, bytes.count * 2))
    var position = 0
    while position < bytes.count {
      var inLeft = bytes.count - position
      var outLeft = outBuffer.count
      let (result, code, consumed, produced) = bytes.withUnsafeMutableBufferPointer { inPtr in
        outBuffer.withUnsafeMutableBufferPointer { outPtr in
          guard let inBase = inPtr.baseAddress, let outBase = outPtr.baseAddress else {
            return (0, Int32(0), 0, 0)
          }
          var inCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + position)
            .assumingMemoryBound(to: CChar.self)
          var outCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
            .assumingMemoryBound(to: CChar.self)
          let startIn = inLeft
          let startOut = outLeft
          let result = iconv(handle, &inCursor, &inLeft, &outCursor, &outLeft)
          let code = result == -1 ? errno : 0
          return (result, code, startIn - inLeft, startOut - outLeft)
        }
      }
      output.append(contentsOf: outBuffer[0..<produced])
      position += consumed
      if result != -1 { break }
      switch code {
      case E2BIG:
        if produced == 0 { outBuffer = [UInt8](repeating: 0, count: outBuffer.count * 2) }
      case EINVAL:
        // Incomplete sequence at the end of this chunk.
        if isFinal {
          onInvalid(position)
          output.append(contentsOf: [0xEF, 0xBF, 0xBD])
          position = bytes.count
        } else {
          pending = Array(bytes[position...])
          position = bytes.count
        }
      default:
        onInvalid(position)
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        position += unitSize
      }
    }
    return output
  }
}
