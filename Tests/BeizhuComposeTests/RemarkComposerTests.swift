import BeizhuCore
import Foundation
import Testing

@testable import BeizhuCompose

@Suite struct RemarkComposerTests {
  let composer = RemarkComposer()

  @Test func writesTheSchemeTemplate() {
    let out = composer.compose(for: [
      .init(id: "a", nickname: "小美🌸", level: 1, role: .customer, revisit: RevisitDate(month: 8, day: 11)),
      .init(
        id: "b", nickname: "王丽", oldRemark: "王姐", level: 3, role: .agent,
        revisit: RevisitDate(month: 11, day: 5)),
      .init(id: "c", nickname: "阿杰", level: 4, role: .channel),
    ])
    #expect(out.map(\.remark) == ["1K小美811", "3D王姐1105", "C4阿杰"])
    #expect(out.map(\.section) == ["#", "#", "C"])
  }

  @Test func theOldRemarksNameWinsOverTheNickname() {
    let out = composer.compose(for: [
      .init(id: "a", nickname: "王丽", oldRemark: "王姐-老客户", oldTags: ["客户", "老客户"], level: 1)
    ])
    #expect(out[0].remark == "1K王姐")
    #expect(out[0].tags == ["1类", "客户", "老客户"])
  }

  @Test func theNameIsShortenedNeverTheCodeOrDate() throws {
    let long = String(repeating: "娜", count: 30)
    let out = composer.compose(for: [
      .init(id: "a", nickname: long, level: 2, revisit: RevisitDate(month: 12, day: 25))
    ])
    let remark = try #require(out.first?.remark)
    #expect(RemarkBudget.units(of: remark) <= 32)
    #expect(remark.hasPrefix("2K娜"))
    #expect(remark.hasSuffix("1225"))
    #expect(out[0].description.contains(long) == false)  // a nickname is not an old remark
  }

  @Test func aShortenedOldNameStaysWholeInTheDescription() {
    let name = "Maximilianalexanderthegreatestofall"
    let out = composer.compose(for: [
      .init(id: "a", oldRemark: name, level: 1, revisit: RevisitDate(month: 1, day: 1))
    ])
    #expect(RemarkBudget.units(of: out[0].remark) <= 32)
    #expect(out[0].description.contains(name))
    #expect(out[0].accounting.entries.first?.destination == .description)
  }

  @Test func collisionsAreResolvedInOrder() {
    let date = RevisitDate(month: 8, day: 11)
    let out = composer.compose(for: [
      .init(id: "c", nickname: "小美", level: 1, revisit: date),
      .init(id: "a", nickname: "小美🌸", level: 1, revisit: date),
      .init(id: "b", nickname: "ღ小美の", region: "浙江 杭州", level: 1, revisit: date),
      .init(id: "d", nickname: "小美呀", oldRemark: "小美", level: 1, revisit: date),
    ])
    #expect(out.map(\.id) == ["a", "b", "c", "d"])
    #expect(out.map(\.remark) == ["1K小美811", "1K小美杭州811", "1K小美F811", "1K小美呀811"])
  }

  @Test func suffixesNeverReadAsDatesOrPhones() {
    let inputs = (0..<40).map { ComposeInput(id: String(format: "id%03d", $0), nickname: "小美", level: 2) }
    let out = composer.compose(for: inputs)
    #expect(Set(out.map(\.remark)).count == 40)
    for remark in out.map(\.remark) {
      #expect(remark.dropFirst(2).allSatisfy { !$0.isNumber })
    }
  }

  @Test func everyOldPieceHasADestination() {
    let out = composer.compose(for: [
      .init(
        id: "a", nickname: "x", oldRemark: "北京/王强/IT Y 13800138000", oldTags: ["VIP客户"],
        oldDescription: "朝阳区建国路88号", level: 5)
    ])
    let result = out[0]
    #expect(result.phones == ["13800138000"])
    #expect(result.tags.contains("北京"))
    #expect(result.tags.contains("IT"))
    #expect(result.tags.contains("Y类已联系未成交"))
    #expect(result.tags.contains("VIP客户"))
    #expect(result.description == "朝阳区建国路88号")
    #expect(result.accounting.dropped.isEmpty)
    #expect(!result.needsReview)
  }

  @Test func oldChannelMarkKeepsTheChannel() {
    let out = composer.compose(for: [.init(id: "a", nickname: "阿杰", oldRemark: "C4阿杰", level: 4)])
    #expect(out[0].remark == "C4阿杰")
    #expect(out[0].role == .channel)
  }

  @Test func aDowngradeAndAFallbackNeedReview() {
    let out = composer.compose(for: [
      .init(id: "a", nickname: "小美", oldRemark: "1K小美", level: 3),
      .init(id: "b", nickname: "\u{3164}", level: 6),
    ])
    #expect(out[0].reviewReasons == [.levelDowngrade])
    #expect(out[1].reviewReasons == [.nameFallback])
    #expect(out[1].remark == "6Kb")
  }

  @Test func decorationsInOldRemarksAreListedAsDropped() {
    let out = composer.compose(for: [.init(id: "a", oldRemark: "王姐🌸", level: 1)])
    #expect(out[0].accounting.dropped.map(\.piece.text) == ["🌸"])
    #expect(!out[0].needsReview)
  }

  @Test func revisitCodesFoundInManyPhonesAreCounted() {
    let date = RevisitDate(month: 11, day: 5)
    let inputs = (0..<5).map {
      ComposeInput(id: "p\($0)", nickname: "客\($0)", level: 4, revisit: date, phones: ["1381105000\($0)"])
    }
    let out = composer.compose(for: inputs)
    #expect(out.allSatisfy { $0.revisitSearchCollisions == 5 && $0.revisitSearchWarning })
    let quiet = composer.compose(for: [
      .init(id: "q", nickname: "小美", level: 1, revisit: date, phones: ["13800138000"])
    ])
    #expect(quiet[0].revisitSearchCollisions == 0 && !quiet[0].revisitSearchWarning)
  }

  @Test func composingTheOutputAgainChangesNothing() {
    let date = RevisitDate(month: 8, day: 11)
    let inputs: [ComposeInput] = [
      .init(id: "a", nickname: "小美", level: 1, revisit: date),
      .init(id: "b", nickname: "小美", region: "浙江 杭州", level: 1, revisit: date),
      .init(id: "c", nickname: "小美", level: 1, revisit: date),
      .init(id: "d", nickname: "阿杰", level: 4, role: .channel),
    ]
    let first = composer.compose(for: inputs)
    let again = composer.compose(
      for: zip(inputs, first).map { input, result in
        var next = input
        next.oldRemark = result.remark
        next.revisit = nil
        next.role = nil
        return next
      })
    #expect(again.map(\.remark) == first.map(\.remark))
  }
}
