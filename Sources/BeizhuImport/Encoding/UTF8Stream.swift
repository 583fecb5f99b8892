import BeizhuCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as a stream of valid UTF-8 chunks, whatever its encoding on disk.
///
/// The encoding is sniffed from the first chunk (FORMATS.md §17). Invalid bytes become U+FFFD
/// and are reported once per file with their line and byte offset; the stream goes on.
public final class UTF8Stream {
  public let path: String
  public private(set) var encoding: TextEncoding = .utf8
  public private(set) var hadBOM = false
  /// Invalid sequences replaced so far.
  public private(set) var invalidSequences = 0

  private let source: FileByteSource
  private var first: [UInt8]?
  private var validator = UTF8Validator()
  private var converter: IconvConverter?
  private var finished = false
  /// Newlines passed so far, to locate invalid bytes by line.
  private var linesBefore = 1
  /// Source offset of the first byte of the current raw chunk.
  private var rawOffset: Int64 = 0
  private let onIssue: (Issue) -> Void

  /// Opens `path` and sniffs its encoding.
  public init(
    path: String, chunkSize: Int = FileByteSource.defaultChunkSize, onIssue: @escaping (Issue) -> Void
  ) throws(ImportError) {
    self.path = path
    self.onIssue = onIssue
    source = try FileByteSource(path: path, chunkSize: chunkSize)
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
    rawOffset = Int64(bom)
    if bom > 0 { head.removeFirst(bom) }
    if encoding != .utf8 {
      converter = try IconvConverter(from: encoding)
    }
    first = head
  }

  /// The next chunk of valid UTF-8; empty at the end of the file.
  public func next() throws(ImportError) -> [UInt8] {
    while !finished {
      let raw: [UInt8]
      if let pending = first {
        raw = pending
        first = nil
      } else {
        raw = try source.next()
      }
      let isFinal = raw.isEmpty
      if isFinal { finished = true }
      let chunkStart = rawOffset
      rawOffset += Int64(raw.count)
      var output: [UInt8]
      if let converter {
        output = converter.convert(raw, isFinal: isFinal) { offset in
          report(byteOffset: chunkStart + Int64(offset), exactOffset: false)
        }
      } else {
        let linesAtStart = linesBefore
        output = validator.repair(raw, isFinal: isFinal) { offset in
          let line = linesAtStart + raw.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
          report(byteOffset: chunkStart + Int64(offset), line: line, exactOffset: true)
        }
      }
      // Lines only locate the first invalid sequence; after it is reported they are not needed.
      if invalidSequences == 0 { linesBefore += Self.newlines(in: output) }
      if !output.isEmpty { return output }
    }
    return []
  }

  /// Counts `\n` in a tight loop the compiler vectorizes (a `reduce` closure showed in profiles).
  static func newlines(in bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var count = 0
      for byte in buffer where byte == 0x0A { count += 1 }
      return count
    }
  }

  private func report(byteOffset: Int64, line: Int? = nil, exactOffset: Bool) {
    invalidSequences += 1
    // One located warning per file is enough to act on; the count goes in the summary.
    guard invalidSequences == 1 else { return }
    onIssue(
      Issue(
        .warning, .invalidEncoding,
        at: SourceLocation(path: path, line: line ?? linesBefore, byteOffset: exactOffset ? byteOffset : -1),
        "bytes that are not valid \(encoding.rawValue) were replaced by U+FFFD / 文件含有无效字节，已替换",
        hint: "re-save the file as UTF-8, or check that it is not truncated"))
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
