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

  /// Inserts or merges a contact from a contact list: non-empty fields win, tags and phones are
  /// united (old tags are never lost).
  static func upsert(_ incoming: Contact, db: Database, fromContactList: Bool = true) throws {
    guard !incoming.id.isEmpty else { return }
    let existing = try Row.fetchOne(db, sql: "SELECT * FROM contact WHERE id = ?", arguments: [incoming.id])
    var merged = incoming
    var declared = incoming.kind?.rawValue
    if let existing {
      let old = contact(from: existing)
      if merged.alias.isEmpty { merged.alias = old.alias }
      if merged.nickname.isEmpty { merged.nickname = old.nickname }
      if merged.remark.isEmpty { merged.remark = old.remark }
      if merged.description.isEmpty { merged.description = old.description }
      if merged.region.isEmpty { merged.region = old.region }
      merged.tags = union(old.tags, incoming.tags)
      merged.phones = union(old.phones, incoming.phones)
      declared = declared ?? existing["declaredKind"]
    }
    try db.execute(
      sql: """
        INSERT INTO contact(id, alias, nickname, remark, tags, description, phones, region, declaredKind,
                            inContactList, provisional)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        ON CONFLICT(id) DO UPDATE SET
          alias = excluded.alias, nickname = excluded.nickname, remark = excluded.remark,
          tags = excluded.tags, description = excluded.description, phones = excluded.phones,
          region = excluded.region, declaredKind = excluded.declaredKind,
          inContactList = MAX(inContactList, excluded.inContactList), provisional = 0
        """,
      arguments: [
        merged.id, merged.alias, merged.nickname, merged.remark, encode(merged.tags), merged.description,
        encode(merged.phones), merged.region, declared, fromContactList,
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
