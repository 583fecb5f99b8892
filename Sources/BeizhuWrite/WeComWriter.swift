import BeizhuPlan
import Foundation

/// `wecom/remark.jsonl` and `wecom/mark_tag.jsonl`: one request body per line for WeCom's
/// external-contact APIs (`externalcontact/remark`, `externalcontact/mark_tag`), plus
/// `wecom/violations.txt` listing every value over WeCom's limits.
///
/// `external_userid` is the friend's id: map it to WeCom's external id before sending.
/// `mark_tag` takes tag ids; the bodies carry tag names, to be mapped to the ids of corp tags.
public struct WeComWriter: ExportWriter {
  /// The WeCom member (`userid`) whose customers these are.
  public var userID: String

  public init(userID: String = "") { self.userID = userID }

  /// WeCom's documented limits, in characters.
  public static let remarkLimit = 20
  public static let descriptionLimit = 150
  public static let tagLimit = 30
  /// `remark_mobiles` holds at most five numbers.
  public static let mobilesLimit = 5

  struct RemarkBody: Encodable {
    var userid: String
    var external_userid: String
    var remark: String
    var description: String
    /// Omitted when restoring: an empty list would clear the numbers.
    var remark_mobiles: [String]?
  }

  struct MarkTagBody: Encodable {
    var userid: String
    var external_userid: String
    var add_tag: [String]
    var remove_tag: [String]
  }

  public func files(_ document: PlanDocument, context: PlanContext) throws -> [ExportFile] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var remarks: [String] = []
    var marks: [String] = []
    for entry in document.contacts where entry.status != .unchanged {
      let remark = RemarkBody(
        userid: userID, external_userid: entry.id, remark: entry.remark, description: entry.description,
        remark_mobiles: entry.phones)
      remarks.append(String(decoding: try encoder.encode(remark), as: UTF8.self))
      let added = entry.tags.filter { !entry.oldTags.contains($0) }
      let removed = entry.oldTags.filter { !entry.tags.contains($0) }
      guard !added.isEmpty || !removed.isEmpty else { continue }
      let mark = MarkTagBody(userid: userID, external_userid: entry.id, add_tag: added, remove_tag: removed)
      marks.append(String(decoding: try encoder.encode(mark), as: UTF8.self))
    }
    let violations = Self.violations(document)
    let report =
      violations.isEmpty
      ? "# no values over WeCom's limits / 没有超出企业微信限制的内容\n"
      : violations.map(\.description).joined(separator: "\n") + "\n"
    return [
      ExportFile(path: "wecom/remark.jsonl", contents: remarks.map { $0 + "\n" }.joined()),
      ExportFile(path: "wecom/mark_tag.jsonl", contents: marks.map { $0 + "\n" }.joined()),
      ExportFile(path: "wecom/violations.txt", contents: report),
    ]
  }

  /// Every remark, description, tag name and phone list over WeCom's limits.
  public static func violations(_ document: PlanDocument) -> [WeComViolation] {
    var found: [WeComViolation] = []
    for entry in document.contacts where entry.status != .unchanged {
      func check(_ field: String, _ value: String, _ limit: Int) {
        if value.count > limit {
          found.append(
            WeComViolation(id: entry.id, field: field, value: value, length: value.count, limit: limit))
        }
      }
      check("remark", entry.remark, remarkLimit)
      check("description", entry.description, descriptionLimit)
      for tag in entry.tags { check("tag", tag, tagLimit) }
      if entry.phones.count > mobilesLimit {
        found.append(
          WeComViolation(
            id: entry.id, field: "remark_mobiles", value: entry.phones.joined(separator: ","),
            length: entry.phones.count, limit: mobilesLimit))
      }
    }
    return found
  }
}

/// One value over a WeCom limit.
public struct WeComViolation: Sendable, Equatable, CustomStringConvertible {
  public var id: String
  public var field: String
  public var value: String
  public var length: Int
  public var limit: Int

  public var description: String {
    "\(id): \(field) has \(length), WeCom allows \(limit) / 超出企业微信限制: \(value)"
  }
}
