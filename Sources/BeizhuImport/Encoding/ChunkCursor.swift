/// Where a pull reader stands in a stream of UTF-8 chunks: the current chunk, the next byte in
/// it, and the stream offset of its first byte. Shared by the CSV and JSON readers.
struct ChunkCursor {
  var chunk: [UInt8] = []
  var position = 0
  /// Decoded-stream offset of `chunk[0]`.
  var chunkOffset: Int64 = 0
  var atEnd = false

  /// Moves to the next chunk; `false` at the end of the stream.
  mutating func refill(from source: some UTF8ChunkSource) throws(ImportError) -> Bool {
    if atEnd { return false }
    chunkOffset += Int64(chunk.count)
    chunk = try source.next()
    position = 0
    if chunk.isEmpty {
      atEnd = true
      return false
    }
    return true
  }
}
