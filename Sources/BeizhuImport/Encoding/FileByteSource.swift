#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks with plain POSIX `read`, so memory stays flat whatever the
/// file size and nothing is mapped or buffered whole.
public final class FileByteSource {
  public static let defaultChunkSize = 1 << 16

  private let descriptor: Int32
  private let chunkSize: Int
  /// Bytes handed out so far: the offset of the next chunk in the file.
  public private(set) var offset: Int64 = 0

  public init(path: String, chunkSize: Int = FileByteSource.defaultChunkSize) throws(ImportError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw ImportError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
    self.descriptor = fd
    self.chunkSize = max(16, chunkSize)
  }

  deinit { close(descriptor) }

  /// The next chunk, or an empty array at the end of the file.
  public func next() throws(ImportError) -> [UInt8] {
    var failure: Int32 = 0
    // Uninitialised (no zero fill), with room to complete a character cut by the read.
    var buffer = [UInt8](unsafeUninitializedCapacity: chunkSize + 3) { storage, initialized in
      while true {
        let count = read(descriptor, storage.baseAddress, chunkSize)
        if count < 0 && errno == EINTR { continue }
        if count < 0 { failure = errno }
        initialized = max(0, count)
        return
      }
    }
    if failure != 0 {
      throw ImportError.readFailed(offset: offset, reason: String(cString: strerror(failure)))
    }
    if buffer.count < chunkSize { buffer.reserveCapacity(buffer.count + 3) }
    offset += Int64(buffer.count)
    return buffer
  }

  /// Reads up to `count` more bytes onto the end of `buffer` (fewer at the end of the file).
  public func append(_ count: Int, to buffer: inout [UInt8]) throws(ImportError) {
    var wanted = count
    while wanted > 0 {
      var byte: UInt8 = 0
      let got = read(descriptor, &byte, 1)
      if got < 0 && errno == EINTR { continue }
      if got < 0 { throw ImportError.readFailed(offset: offset, reason: String(cString: strerror(errno))) }
      if got == 0 { return }
      buffer.append(byte)
      offset += 1
      wanted -= 1
    }
  }
}
