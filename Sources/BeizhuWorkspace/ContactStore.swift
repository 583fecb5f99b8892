import BeizhuCore
import Foundation
import GRDB

/// Reads and writes contact rows; merging what several exports say about one contact.
enum ContactStore {
  static func encode(_ list: [String]) -> String {
    (try? String(data: JSONEncoder().encode(list), encoding: .utf8)) ?? "[]"
  }

  static func decode(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }

  static func contact(from row: Row) -> Contact {
    Contact(
      id: row["id"], alias: row["alias"], nickname: row["nickname"], remark: row["remark"],
      tags: decode(row["tags"]), description: row["description"], phones: decode(row["phones"]),
      region: row["region"], kind: ContactKind(rawValue: row["kind"]))
  }

  static func fetch(id: String, db: Database) throws -> Contact? {
    try Row.fetchOne(db, sql: "SELECT * FROM contact WHERE id = ?", arguments: [id]).map(contact(from:))
  }

  /// `preferred` with its empty fields filled from `other`; tags and phones united (old tags are
  /// never lost), `preferred`'s first when `preferredListedFirst`, else `other`'s.
  static func filled(_ preferred: Contact, from other: Contact, preferredListedFirst: Bool) -> Contact {
    var result = preferred
    if result.alias.isEmpty { result.alias = other.alias }
    if result.nickname.isEmpty { result.nickname = other.nickname }
    if result.remark.isEmpty { result.remark = other.remark }
    if result.description.isEmpty { result.description = other.description }
    if result.region.isEmpty { result.region = other.region }
    let (first, second) = preferredListedFirst ? (preferred, other) : (other, preferred)
    result.tags = union(first.tags, second.tags)
    result.phones = union(first.phones, second.phones)
    return result
  }

  /// Inserts or merges a contact an export lists: non-empty incoming fields win.
  static func upsert(_ incoming: Contact, db: Database) throws {
    guard !incoming.id.isEmpty else { return }
    let existing = try Row.fetchOne(db, sql: "SELECT * FROM contact WHERE id = ?", arguments: [incoming.id])
    var merged = incoming
    var declared = incoming.kind?.rawValue
    if let existing {
      let old = contact(from: existing)
      merged = filled(incoming, from: old, preferredListedFirst: false)
      declared = declared ?? existing["declaredKind"]
    }
    try db.execute(
      sql: """
        INSERT INTO contact(id, alias, nickname, remark, tags, description, phones, region, declaredKind, provisional)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        ON CONFLICT(id) DO UPDATE SET
          alias = excluded.alias, nickname = excluded.nickname, remark = excluded.remark,
          tags = excluded.tags, description = excluded.description, phones = excluded.phones,
          region = excluded.region, declaredKind = excluded.declaredKind, provisional = 0
        """,
      arguments: [
        merged.id, merged.alias, merged.nickname, merged.remark, encode(merged.tags), merged.description,
        encode(merged.phones), merged.region, declared,
      ])
    try addNames(for: merged, extra: incoming.otherNames, db: db)
  }

  /// Every form of a contact's names that a chat file may use, for name-only chats.
  static func addNames(for contact: Contact, extra: [String], db: Database) throws {
    var names: [String] = []
    for name in [contact.remark, contact.nickname] + extra {
      for form in NameVariants.all(name) where !names.contains(form) { names.append(form) }
    }
    for name in names {
      try db.execute(
        sql: "INSERT OR IGNORE INTO contactName(name, contactId) VALUES (?, ?)",
        arguments: [name, contact.id])
    }
  }

  static func union(_ first: [String], _ second: [String]) -> [String] {
    var result = first
    for item in second where !item.isEmpty && !result.contains(item) { result.append(item) }
    return result
  }
}
