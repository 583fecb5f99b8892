import BeizhuClassify
import BeizhuCore
import BeizhuFeatures
import Foundation
import Testing

/// The seven sample friends, read from their chatlog JSON, against `labels.csv` (FORMATS.md §21).
@Suite struct SampleChatTests {
  struct Label: Sendable, CustomStringConvertible {
    var id: String
    var interactions: Int
    var productsDiscussed: Bool
    var paid: Bool
    var agent: Bool
    var level: Int
    var description: String { id }
  }

  static let labels: [Label] = {
    let url = Paths.samples.appendingPathComponent("labels.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      guard cells.count == 9, cells[0] == "chatlog", let interactions = Int(cells[3]),
        let level = Int(cells[8])
      else { return nil }
      return Label(
        id: cells[1], interactions: interactions, productsDiscussed: cells[4] == "yes",
        paid: cells[5] == "yes",
        agent: cells[7] == "yes", level: level)
    }
  }()

  @Test func labelsAreRead() {
    #expect(Self.labels.count == 7)
  }

  @Test(arguments: labels)
  func friendMatchesLabel(_ label: Label) throws {
    let url = Paths.samples.appendingPathComponent("chatlog/chatlog/\(label.id).json")
    let messages = try ChatlogReader.messages(at: url)
    let contact = Contact(id: label.id)
    let features = try FeatureExtractor().features(for: contact, messages: messages)
    let result = Classifier(scheme: try Scheme.load(named: "weishang"))
      .classify(
        features, contact: contact, options: ClassifyOptions(today: Day(year: 2024, month: 12, day: 1)))
    #expect(features.interactions == label.interactions)
    #expect(features.productsDiscussed == label.productsDiscussed)
    #expect(features.paid == label.paid)
    #expect((result.role == .agent) == label.agent)
    #expect(result.level == label.level, "\(result.reasons.joined(separator: "\n"))")
  }
}
