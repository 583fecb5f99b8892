import BeizhuClassify
import BeizhuCore
import BeizhuPlan
import Testing

@Suite struct OverridesFileTests {
  @Test func readsPinnedValues() throws {
    let text = "\u{FEFF}id,level,role,revisit,name,tags\nwxid_a,1,D,2025-02-01,王姐,VIP|老客户\nwxid_b,,C,,,\n\n"
    let pinned = try OverridesFile.parse(text)
    #expect(pinned["wxid_a"]?.override.level == 1)
    #expect(pinned["wxid_a"]?.override.role == .agent)
    #expect(pinned["wxid_a"]?.override.revisit == Day(year: 2025, month: 2, day: 1))
    #expect(pinned["wxid_a"]?.name == "王姐")
    #expect(pinned["wxid_a"]?.override.addTags == ["VIP", "老客户"])
    #expect(pinned["wxid_b"]?.override.isChannel == true)
    #expect(pinned["wxid_b"]?.override.level == nil)
  }

  @Test(arguments: [
    ("level\n1\n", 1), ("id,level\nwxid_a,9\n", 2), ("id,role\nwxid_a,X\n", 2),
    ("id,revisit\nwxid_a,2025/13/1\n", 2),
  ])
  func badLinesAreNamed(text: String, line: Int) {
    #expect(throws: OverridesFile.Problem.self) { try OverridesFile.parse(text) }
    do {
      _ = try OverridesFile.parse(text)
    } catch {
      #expect(error.line == line)
    }
  }
}
