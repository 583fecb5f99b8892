import ArgumentParser
import BeizhuClassify
import BeizhuCore
import BeizhuFeatures
import BeizhuKit
import BeizhuPlan
import Foundation

/// The options `plan`, `show` and `export` share.
struct PlanOptionGroup: ParsableArguments {
  @Option(
    name: .long, help: "The day to plan for, YYYY-MM-DD (default: today). Revisits are never before it.")
  var today: String?

  @Option(
    name: .long, help: "Scheme preset (\(Scheme.presets.joined(separator: "|"))) or a scheme file (方案).")
  var scheme: String = "weishang"

  @Option(name: .long, help: "A file of your own product words, one per line (产品词).")
  var products: String?

  @Option(name: .long, help: "A CSV pinning values per friend: id,level,role,revisit,name,tags (手动指定).")
  var overrides: String?

  @Option(name: .long, help: "A file of friend ids who spread the word (传播渠道), one per line.")
  var channels: String?

  @Flag(name: .long, help: "Let the chats move a friend to a worse level than the old remark says.")
  var allowDowngrade = false

  @Option(name: .long, help: "Hours of silence that start a new conversation (default 6).")
  var sessionGapHours: Double = 6

  func validate() throws {
    if let today, Day(iso: today) == nil {
      throw ValidationError("--today must be YYYY-MM-DD, got '\(today)'")
    }
    guard sessionGapHours > 0 else { throw ValidationError("--session-gap-hours must be positive") }
  }

  private func readLines(_ path: String, what: String) throws -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CLIFailure(message: "cannot read \(what) file \(path) / 无法读取文件")
    }
    return text.split(whereSeparator: \.isNewline).map { $0.trimmed(newlines: false) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }

  func request(zone: TimeZone) throws -> PlanRequest {
    let day =
      today.flatMap(Day.init(iso:)) ?? Day(unixTime: Int64(Date().timeIntervalSince1970), timeZone: zone)
    var pinned: [String: PinnedValues] = [:]
    if let overrides {
      guard let text = try? String(contentsOfFile: overrides, encoding: .utf8) else {
        throw CLIFailure(message: "cannot read overrides file \(overrides) / 无法读取文件")
      }
      do {
        pinned = try OverridesFile.parse(text)
      } catch {
        throw CLIFailure(message: "\(overrides):\(error.line): \(error.message)")
      }
    }
    let channelIDs = try channels.map { try readLines($0, what: "channels") } ?? []
    let productWords = try products.map { try readLines($0, what: "products") } ?? []
    return PlanRequest(
      scheme: scheme, products: productWords,
      options: PlanOptions(
        today: day, allowDowngrade: allowDowngrade, channelIDs: Set(channelIDs), timeZone: zone,
        overrides: pinned),
      sessionGap: Int64(sessionGapHours * 3600))
  }
}
