import Foundation
import GRDB

/// One friend's remark, tags and level as the user entered them (`apply --mark-applied`).
public struct AppliedEntry: Sendable, Hashable, Codable {
  public var contactID: String
  public var previousRemark: String
  public var previousTags: [String]
  public var previousDescription: String
  public var remark: String
  public var tags: [String]
  public var description: String
  public var level: Int
  public var role: String
  public var revisit: String?

  public init(
    contactID: String, previousRemark: String, previousTags: [String], previousDescription: String,
    remark: String, tags: [String], description: String, level: Int, role: String, revisit: String?
  ) {
    self.contactID = contactID
    self.previousRemark = previousRemark
    self.previousTags = previousTags
    self.previousDescription = previousDescription
    self.remark = remark
    self.tags = tags
    self.description = description
    self.level = level
    self.role = role
    self.revisit = revisit
  }
}

/// One `apply --mark-applied` run.
public struct AppliedPlan: Sendable, Hashable, Codable {
  public var id: Int64
  /// Unix seconds when it was recorded.
  public var appliedAt: Int64
  /// The plan's `--today`.
  public var today: String
  public var scheme: String
  /// Unix seconds of `beizhu undo`, if it was undone.
  public var undoneAt: Int64?
}

/// A friend's level at one applied plan, for `beizhu show`.
public struct LevelHistoryItem: Sendable, Hashable, Codable {
  public var plan: AppliedPlan
  public var level: Int
  public var role: String
  public var remark: String
  public var revisit: String?
}

extension Workspace {
  /// Records that `entries` were entered by hand; returns the new run's id.
  @discardableResult
  public func recordApplied(
    _ entries: [AppliedEntry], today: String, scheme: String, at time: Int64
  ) throws(WorkspaceError) -> Int64 {
    try write { db in
      try db.execute(
        sql: "INSERT INTO appliedPlan(appliedAt, today, scheme) VALUES (?, ?, ?)",
        arguments: [time, today, scheme])
      let planID = db.lastInsertedRowID
      for entry in entries {
        try db.execute(
          sql: """
            INSERT INTO appliedEntry(planId, contactId, previousRemark, previousTags, previousDescription,
              remark, tags, description, level, role, revisit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            planID, entry.contactID, entry.previousRemark, Self.encodeTags(entry.previousTags),
            entry.previousDescription, entry.remark, Self.encodeTags(entry.tags), entry.description,
            entry.level,
            entry.role, entry.revisit,
          ])
      }
      return planID
    }
  }

  /// Per friend, the latest state entered by hand in runs not undone.
  public func appliedState() throws(WorkspaceError) -> [String: AppliedEntry] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT e.* FROM appliedEntry e JOIN appliedPlan p ON p.id = e.planId
          WHERE p.undoneAt IS NULL ORDER BY e.planId
          """)
      var state: [String: AppliedEntry] = [:]
      for row in rows {
        let entry = Self.entry(from: row)
        state[entry.contactID] = entry
      }
      return state
    }
  }

  /// The latest run not undone, with its entries.
  public func lastApplied() throws(WorkspaceError) -> (plan: AppliedPlan, entries: [AppliedEntry])? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT * FROM appliedPlan WHERE undoneAt IS NULL ORDER BY id DESC LIMIT 1")
      else { return nil }
      let plan = Self.plan(from: row)
      let entries = try Row.fetchAll(
        db, sql: "SELECT * FROM appliedEntry WHERE planId = ? ORDER BY contactId", arguments: [plan.id]
      ).map(Self.entry(from:))
      return (plan, entries)
    }
  }

  /// Marks a run undone, so the state before it counts again.
  public func markUndone(planID: Int64, at time: Int64) throws(WorkspaceError) {
    try write { db in
      try db.execute(sql: "UPDATE appliedPlan SET undoneAt = ? WHERE id = ?", arguments: [time, planID])
    }
  }

  /// A friend's level at each applied run, oldest first (undone runs included, marked).
  public func levelHistory(contactID: String) throws(WorkspaceError) -> [LevelHistoryItem] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT p.*, e.level AS level, e.role AS role, e.remark AS remark, e.revisit AS revisit
          FROM appliedEntry e JOIN appliedPlan p ON p.id = e.planId
          WHERE e.contactId = ? ORDER BY p.id
          """, arguments: [contactID]
      ).map { row in
        LevelHistoryItem(
          plan: Self.plan(from: row), level: row["level"], role: row["role"], remark: row["remark"],
          revisit: row["revisit"])
      }
    }
  }

  static func plan(from row: Row) -> AppliedPlan {
    AppliedPlan(
      id: row["id"], appliedAt: row["appliedAt"], today: row["today"], scheme: row["scheme"],
      undoneAt: row["undoneAt"])
  }

  static func entry(from row: Row) -> AppliedEntry {
    AppliedEntry(
      contactID: row["contactId"], previousRemark: row["previousRemark"],
      previousTags: decodeTags(row["previousTags"]), previousDescription: row["previousDescription"],
      remark: row["remark"], tags: decodeTags(row["tags"]), description: row["description"],
      level: row["level"],
      role: row["role"], revisit: row["revisit"])
  }

  static func encodeTags(_ tags: [String]) -> String {
    (try? JSONEncoder().encode(tags)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
  }

  static func decodeTags(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}

extension Workspace {
  /// A consistent copy of the whole workspace at `path` (`import --dry-run` imports into it).
  public func copy(to path: String) throws(WorkspaceError) {
    do {
      try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    } catch {
      throw .writeFailed(underlying: String(describing: error))
    }
  }
}
