import BeizhuCore
import Foundation
import GRDB

/// The project's memory: one SQLite file holding every contact, chat and message imported so
/// far, with where each came from. Importing is idempotent (unique message fingerprints).
///
/// ## Topics
/// - ``makeImportWriter()``, ``reconcile()``: store and resolve identities.
/// - ``friendSummaries()``, ``messages(forContact:)``: read for classification.
public final class Workspace: @unchecked Sendable {
  /// The file path, or `:memory:`.
  public let path: String
  let writer: DatabaseQueue

  /// Opens (creating if needed) the workspace at `path` and migrates it to the current schema.
  public init(path: String) throws(WorkspaceError) {
    self.path = path
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    // Another beizhu holding the write lock makes us fail fast with a clear message.
    configuration.busyMode = .timeout(2)
    do {
      writer =
        path == ":memory:"
        ? try DatabaseQueue(configuration: configuration)
        : try DatabaseQueue(path: path, configuration: configuration)
      try writer.writeWithoutTransaction { db in
        // WAL with synchronous NORMAL: a power cut can lose the last batches, never corrupt
        // the file — and an import is idempotent, so running it again restores them.
        try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
      }
      try Schema.migrator.migrate(writer)
    } catch let error as DatabaseError
      where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    {
      throw .locked(path: path)
    } catch {
      throw .cannotOpen(path: path, underlying: String(describing: error))
    }
  }

  /// A workspace that lives only as long as this value (`plan --no-workspace`).
  public static func inMemory() throws(WorkspaceError) -> Workspace { try Workspace(path: ":memory:") }

  /// Runs `body` in a write transaction. `checkingForeignKeys: false` is for bulk inserts whose
  /// references the caller has just made or looked up (each message row checked its chat and
  /// its file: two B-tree lookups per message).
  func write<T>(checkingForeignKeys: Bool = true, _ body: (Database) throws -> T) throws(WorkspaceError) -> T
  {
    do {
      if checkingForeignKeys { return try writer.write(body) }
      return try writer.writeWithoutTransaction { db in
        // The pragma has no effect inside a transaction, so it is set around one.
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else { throw DatabaseError(message: "transaction produced no result") }
        return result
      }
    } catch let error as DatabaseError
      where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    {
      throw .locked(path: path)
    } catch {
      throw .writeFailed(underlying: String(describing: error))
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
    do {
      return try writer.read(body)
    } catch {
      throw .writeFailed(underlying: String(describing: error))
    }
  }

  /// Starts storing the records of one import run.
  public func makeImportWriter() -> ImportWriter { ImportWriter(workspace: self) }

  /// Remembers what an export revealed about its owner.
  func addOwnerHint(_ hint: OwnerHint, db: Database) throws {
    var keys: [String] = []
    if hint.isGuess {
      // Guesses are kept apart; see `Reconciler.assignKinds`.
      if let id = hint.id, !id.isEmpty { keys.append("guess:\(id)") }
      for key in keys {
        try db.execute(sql: "INSERT OR IGNORE INTO ownerHint(key) VALUES (?)", arguments: [key])
      }
      return
    }
    if let id = hint.id, !id.isEmpty { keys.append("id:\(id)") }
    if let alias = hint.alias, !alias.isEmpty { keys.append("alias:\(alias)") }
    keys += hint.names.filter { !$0.isEmpty }.map { "name:\($0)" }
    for key in keys {
      try db.execute(sql: "INSERT OR IGNORE INTO ownerHint(key) VALUES (?)", arguments: [key])
    }
  }

  /// Records that the user named the owner (`--owner`): an id, WeChat ID or name.
  public func addOwner(_ value: String) throws(WorkspaceError) {
    try write { db in
      try addOwnerHint(OwnerHint(id: value, alias: value, names: [value]), db: db)
    }
  }

  /// The owner facts stored so far, for importers that need them.
  public func ownerHints() throws(WorkspaceError) -> [OwnerHint] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT key FROM ownerHint ORDER BY key").map { key in
        if key.hasPrefix("id:") { return OwnerHint(id: String(key.dropFirst(3))) }
        if key.hasPrefix("alias:") { return OwnerHint(alias: String(key.dropFirst(6))) }
        if key.hasPrefix("guess:") { return OwnerHint(id: String(key.dropFirst(6)), isGuess: true) }
        return OwnerHint(names: [String(key.dropFirst(5))])
      }
    }
  }
}
