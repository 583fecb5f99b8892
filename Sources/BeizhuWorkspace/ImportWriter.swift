import BeizhuCore
import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// Stores one import run's records: contacts merged as they come, messages in batched
/// transactions, each file recorded with its hash and counts.
///
/// Writing overlaps with parsing: batches go to a serial writer queue while the importer reads
/// on; at most two batches are in flight, so memory stays bounded and both cores work.
public final class ImportWriter: @unchecked Sendable {
  /// Messages buffered before one transaction writes them.
  public static let batchSize = 5_000

  private let workspace: Workspace
  private let queue = DispatchQueue(label: "beizhu.workspace-writer")
  private let slots = DispatchSemaphore(value: 2)
  private let lock = NSLock()
  /// The first write failure; later batches are skipped and the next call throws it.
  private var failure: WorkspaceError?
  private var pending: [Message] = []
  private var currentFileID: Int64?
  /// Used on the writer queue only.
  private var chatIDs: [String: Int64] = [:]
  /// The text of the row being inserted (writer queue only).
  private let rowText = RowTextBuffer()
  /// Per chat (writer queue only): the second being read and how often each identity occurred
  /// in it, so identical messages within one second stay distinct. Reset when the second
  /// changes: memory stays flat.
  private var ordinals: [String: (second: Int64, counts: [UInt64: Int])] = [:]
  /// The chat whose ordinals are being counted, held outside ``ordinals``.
  private var ordinalsKey: String?
  private var ordinalsSecond: Int64 = 0
  private var ordinalsCounts: [UInt64: Int] = [:]
  private var stored = 0
  /// The last chat seen on the writer queue and its storage key: messages come in long runs
  /// from one chat, and building and hashing the key for each (String hashing normalizes) showed
  /// in profiles.
  private var lastChat: (key: ChatRef.Key, storageKey: String)?

  /// `chat.storageKey`, remembered for the run of messages from the same chat.
  private func storageKey(of chat: ChatRef) -> String {
    if let lastChat, lastChat.key == chat.key { return lastChat.storageKey }
    let key = chat.storageKey
    lastChat = (chat.key, key)
    return key
  }

  init(workspace: Workspace) { self.workspace = workspace }

  /// New messages stored for the current file (duplicates of earlier imports are not new).
  public var newMessages: Int {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  /// Starts a file: records it and returns its id.
  public func beginFile(path: String, size: Int64, sha256: String, format: String?, encoding: String?)
    throws(WorkspaceError)
  {
    try drain()
    lock.lock()
    stored = 0
    lock.unlock()
    ordinals.removeAll()
    ordinalsKey = nil
    ordinalsCounts = [:]
    currentFileID = try workspace.write { db in
      try db.execute(
        sql: """
          INSERT INTO importedFile(path, size, sha256, format, encoding, status, importedAt)
          VALUES (?, ?, ?, ?, ?, 'importing', ?)
          """,
        arguments: [path, size, sha256, format, encoding, Int64(Date().timeIntervalSince1970)])
      return db.lastInsertedRowID
    }
  }

  /// Ends the current file with its final counts; `sha256` replaces the one given at the start
  /// when it was computed while the file was read.
  public func endFile(status: String, contacts: Int, messages: Int, skipped: Int, sha256: String? = nil)
    throws(WorkspaceError)
  {
    try drain()
    guard let fileID = currentFileID else { return }
    let newCount = newMessages
    try workspace.write { db in
      try db.execute(
        sql: """
          UPDATE importedFile SET status = ?, contacts = ?, messages = ?, newMessages = ?, skipped = ?,
            sha256 = COALESCE(?, sha256)
          WHERE id = ?
          """,
        arguments: [status, contacts, messages, newCount, skipped, sha256, fileID])
    }
    currentFileID = nil
  }

  /// Takes one record from an importer.
  public func add(_ record: ImportRecord) throws(WorkspaceError) {
    switch record {
    case .contact(let contact, _):
      try submit { db in try ContactStore.upsert(contact, db: db) }
    case .owner(let hint):
      let workspace = self.workspace
      try submit { db in try workspace.addOwnerHint(hint, db: db) }
    case .message(let message):
      pending.append(message)
      if pending.count >= Self.batchSize { try flush() }
    case .issue:
      break
    }
  }

  /// Sends buffered messages to the writer queue.
  public func flush() throws(WorkspaceError) {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    let fileID = currentFileID
    try checkFailure()
    let identities: [Identity]?
    if slots.wait(timeout: .now()) == .timedOut {
      // The writer is behind (CSV and message-dense pages parse faster than SQLite stores): hash
      // the texts here instead of waiting idle for it.
      identities = Self.identities(of: batch)
      slots.wait()
    } else {
      identities = nil
    }
    // Every message references a chat row made or found in the same transaction and the file
    // row `beginFile` made: SQLite's check of both per message is skipped.
    try submit(checkingForeignKeys: false, holdingSlot: true) { [self] db in
      // Side and fingerprint go in a parallel array: wrapping each message in a new value
      // copied (retained) all its strings, a tenth of this thread's time.
      let prepared = prepare(batch, identities: identities ?? Self.identities(of: batch))
      let inserted = try insert(batch, prepared: prepared, fileID: fileID, db: db)
      lock.lock()
      stored += inserted
      lock.unlock()
    }
  }

  /// Waits until everything sent has been written; throws the first failure.
  public func drain() throws(WorkspaceError) {
    try flush()
    queue.sync {}
    try checkFailure()
  }

  private func checkFailure() throws(WorkspaceError) {
    lock.lock()
    let failure = self.failure
    lock.unlock()
    if let failure { throw failure }
  }

  /// Runs `body` in a write transaction on the writer queue, without waiting for it; with
  /// `checkingForeignKeys` false, SQLite skips the reference checks (see ``insert``).
  /// `holdingSlot`: the caller has already taken one of the two places in the queue.
  private func submit(
    checkingForeignKeys: Bool = true, holdingSlot: Bool = false,
    _ body: @escaping @Sendable (Database) throws -> Void
  ) throws(WorkspaceError) {
    do {
      try checkFailure()
    } catch {
      if holdingSlot { slots.signal() }
      throw error
    }
    if !holdingSlot { slots.wait() }
    queue.async { [self] in
      defer { slots.signal() }
      lock.lock()
      let failed = failure != nil
      lock.unlock()
      guard !failed else { return }
      do throws(WorkspaceError) {
        try workspace.write(checkingForeignKeys: checkingForeignKeys) { db in try body(db) }
      } catch {
        lock.lock()
        failure = failure ?? error
        lock.unlock()
      }
    }
  }

  /// A message's side once attributed and its identity before the ordinal: pure, so whichever
  /// thread is less busy computes it.
  struct Identity {
    var side: MessageSide
    var base: UInt64
  }

  static func identities(of batch: [Message]) -> [Identity] {
    var identities: [Identity] = []
    identities.reserveCapacity(batch.count)
    // Fields are read through the array (`batch[index].text`): binding a whole message to a
    // local copied, and so retained and released, every one of its strings.
    for index in batch.indices {
      let side =
        isAutoAccept(side: batch[index].side, kind: batch[index].kind, text: batch[index].text)
        ? MessageSide.system : batch[index].side
      let base = MessageFingerprint.base(
        time: batch[index].time, side: side, kind: batch[index].kind, text: batch[index].text)
      identities.append(Identity(side: side, base: base))
    }
    return identities
  }

  /// Ordinals and fingerprints; on the writer queue, in message order.
  private func prepare(_ batch: [Message], identities: [Identity]) -> [Prepared] {
    var prepared: [Prepared] = []
    prepared.reserveCapacity(batch.count)
    for index in batch.indices {
      let (side, base) = (identities[index].side, identities[index].base)
      let time = batch[index].time
      let key = storageKey(of: batch[index].chat)
      if key != ordinalsKey {
        // Park the previous chat's second and take this one's out, so the counts being updated
        // are never shared with the dictionary (a copy of them per message otherwise).
        if let ordinalsKey { ordinals[ordinalsKey] = (ordinalsSecond, ordinalsCounts) }
        let saved = ordinals.removeValue(forKey: key) ?? (time, [:])
        ordinalsKey = key
        (ordinalsSecond, ordinalsCounts) = saved
      }
      if ordinalsSecond != time {
        ordinalsSecond = time
        ordinalsCounts.removeAll(keepingCapacity: true)
      }
      let ordinal = ordinalsCounts[base, default: 0]
      ordinalsCounts[base] = ordinal + 1
      prepared.append(Prepared(side: side, fingerprint: MessageFingerprint.combine(base, ordinal: ordinal)))
    }
    return prepared
  }

  /// What the writer decides about a message: who it is from once attributed, and its identity.
  struct Prepared {
    var side: MessageSide
    var fingerprint: Int64
  }

  /// Writes one batch; runs on the writer queue.
  ///
  /// Binds through SQLite's C API: boxing 19 arguments per message into GRDB's
  /// `StatementArguments` cost more than the insert itself.
  private func insert(_ batch: [Message], prepared: [Prepared], fileID: Int64?, db: Database) throws -> Int {
    var inserted = 0
    var lastChatID: (key: ChatRef.Key, id: Int64)?
    let statement = try db.cachedStatement(
      sql: """
        INSERT OR IGNORE INTO message(
          chatId, time, side, kind, text, sender, serverId, exporterKey, paySubtype, amountFen, payer,
          receiver, transferId, memo, payload, fileId, line, byteOffset, fingerprint)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let handle = statement.sqliteStatement
    // The cached statement must not keep pointers into the row buffer once the batch is done,
    // whether it ends normally or not.
    defer {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    }
    var tally: ChatTally?
    for index in batch.indices {
      let chatID: Int64
      if let lastChatID, lastChatID.key == batch[index].chat.key {
        chatID = lastChatID.id
      } else {
        try tally?.add(to: db)
        tally = nil
        let chat = batch[index].chat
        let key = storageKey(of: chat)
        if let known = chatIDs[key] {
          chatID = known
        } else {
          chatID = try Self.chatID(for: chat, db: db)
          chatIDs[key] = chatID
        }
        lastChatID = (chat.key, chatID)
      }
      let side = prepared[index].side
      let time = batch[index].time
      sqlite3_reset(handle)
      rowText.reset()
      var binder = Binder(handle: handle, rowText: rowText)
      binder.bind(chatID)
      binder.bind(time)
      binder.bind(side.rawValue)
      binder.bind(batch[index].kind.rawValue)
      binder.bind(batch[index].text)
      binder.bind(batch[index].sender)
      binder.bind(batch[index].serverID)
      binder.bind(batch[index].exporterKey)
      if let transfer = batch[index].transfer {
        binder.bind(transfer.paySubtype.map(Int64.init))
        binder.bind(transfer.amountFen)
        binder.bind(transfer.payer)
        binder.bind(transfer.receiver)
        binder.bind(transfer.transferID)
        binder.bind(transfer.memo)
      } else {
        binder.bindNull(count: 6)
      }
      binder.bind(batch[index].payload)
      binder.bind(fileID)
      binder.bind(Int64(batch[index].source.line))
      binder.bind(batch[index].source.byteOffset)
      binder.bind(prepared[index].fingerprint)
      let code = sqlite3_step(handle)
      guard code == SQLITE_DONE else {
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
      }
      if sqlite3_changes(db.sqliteConnection) > 0 {
        inserted += 1
        if tally == nil { tally = ChatTally(chatID: chatID) }
        tally?.count(side, time: time)
      }
    }
    try tally?.add(to: db)
    return inserted
  }

  /// New messages of one chat, counted while a batch is written and added to `chatTally` in one
  /// statement: the import summary then reads one row per chat, not every message.
  struct ChatTally {
    let chatID: Int64
    var friend: Int64 = 0
    var me: Int64 = 0
    var system: Int64 = 0
    var first = Int64.max
    var last = Int64.min

    init(chatID: Int64) { self.chatID = chatID }

    mutating func count(_ side: MessageSide, time: Int64) {
      switch side {
      case .friend: friend += 1
      case .me: me += 1
      default: system += 1
      }
      first = min(first, time)
      last = max(last, time)
    }

    func add(to db: Database) throws {
      try db.execute(
        sql: """
          INSERT INTO chatTally(chatId, friend, me, system, first, last) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT(chatId) DO UPDATE SET friend = friend + excluded.friend, me = me + excluded.me,
            system = system + excluded.system, first = MIN(first, excluded.first),
            last = MAX(last, excluded.last)
          """, arguments: [chatID, friend, me, system, first, last])
    }
  }

  /// Binds parameters in order. Text is copied into `rowText`, which SQLite reads in place
  /// (`SQLITE_STATIC`) until the next row: binding with `SQLITE_TRANSIENT` made SQLite allocate
  /// and copy every value.
  private struct Binder {
    let handle: OpaquePointer
    let rowText: RowTextBuffer
    var index: Int32 = 0
    private static let staticText = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64?) {
      index += 1
      if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bindNull(count: Int32) {
      for _ in 0..<count {
        index += 1
        sqlite3_bind_null(handle, index)
      }
    }

    mutating func bind(_ value: String?) {
      index += 1
      guard let value else {
        sqlite3_bind_null(handle, index)
        return
      }
      let index = self.index
      let handle = self.handle
      let rowText = self.rowText
      func bindText(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = UnsafeRawPointer(rowText.copy(bytes)).assumingMemoryBound(to: CChar.self)
        _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.staticText)
      }
      // Native strings are contiguous: read in place, no mutable copy of the string.
      if value.utf8.withContiguousStorageIfAvailable(bindText) == nil {
        var copy = value
        copy.withUTF8(bindText)
      }
    }
  }

  /// The text values of the row being inserted. Memory comes in blocks that are never moved or
  /// freed before the writer is, so every pointer bound for a row stays valid until SQLite has
  /// stepped it; `reset` reuses the blocks for the next row.
  final class RowTextBuffer {
    private var blocks: [(base: UnsafeMutableRawPointer, count: Int)] = []
    private var current = 0
    private var used = 0
    private static let blockSize = 1 << 16

    /// Starts a row: earlier rows' values are no longer bound.
    func reset() {
      current = 0
      used = 0
    }

    /// A stable copy of `bytes` (never a null pointer, even for no bytes).
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> {
      while current < blocks.count, used + bytes.count > blocks[current].count {
        current += 1
        used = 0
      }
      if current == blocks.count {
        let count = max(Self.blockSize, bytes.count)
        blocks.append((.allocate(byteCount: count, alignment: 1), count))
        used = 0
      }
      let start = blocks[current].base + used
      if let source = bytes.baseAddress, bytes.count > 0 {
        start.copyMemory(from: source, byteCount: bytes.count)
      }
      used += bytes.count
      return UnsafePointer(start.assumingMemoryBound(to: UInt8.self))
    }

    deinit { for block in blocks { block.base.deallocate() } }
  }

  /// WeChat's auto-accept line is typed as the friend's text but is not their words (DESIGN.md).
  static func isAutoAccept(side: MessageSide, kind: MessageKind, text: String) -> Bool {
    side == .friend && kind == .text && SystemText.isAutoAccept(text)
  }

  static func chatID(for chat: ChatRef, db: Database) throws -> Int64 {
    let key = chat.storageKey
    try db.execute(
      sql: "INSERT OR IGNORE INTO chat(key, title, isGroup) VALUES (?, ?, ?)",
      arguments: [key, chat.title, chat.isGroup])
    if let isGroup = chat.isGroup {
      // A later file may know what an earlier one did not.
      try db.execute(
        sql: "UPDATE chat SET isGroup = ? WHERE key = ? AND isGroup IS NULL", arguments: [isGroup, key])
    }
    if !chat.title.isEmpty {
      try db.execute(
        sql: "UPDATE chat SET title = ? WHERE key = ? AND title = ''", arguments: [chat.title, key])
    }
    return try Int64.fetchOne(db, sql: "SELECT id FROM chat WHERE key = ?", arguments: [key]) ?? 0
  }
}
